#pragma once

// The conformance matrix of the CORS conformance matrix (docs/rules.md, CORS-M1-CORS-M42) as
// evaluator inputs and expected answers (defaults: O = https://sandbox.cds-hooks.org, POST with
// Authorization + JSON, public https S).
#include "net/corsevaluator.h"

#include <QStringList>

#include <functional>

using namespace Qt::StringLiterals;

namespace corsmatrix {

using namespace hb::net;

inline const QString O = u"https://sandbox.cds-hooks.org"_s;
inline const QString P = u"Response to preflight request doesn't pass access control check: "_s;
inline const QString XHR_CRED
    = u" The credentials mode of requests initiated by the XMLHttpRequest is controlled by "
      u"the withCredentials attribute."_s;

struct Case
{
    CorsRequest request;
    CorsResponse preflight;
    CorsResponse actual;
    CorsOptions options;
};

inline Case defaults()
{
    Case c;
    c.request.url = QUrl(u"https://cds.example.org/cds-services/patient-greeting"_s);
    c.request.headers = {{"Accept", "application/json"},
                         {"Authorization", "Bearer eyJ.x.y"},
                         {"Content-Type", "application/json"}};
    c.preflight.status = 204;
    c.preflight.headers = {{"Access-Control-Allow-Origin", O.toUtf8()},
                           {"Access-Control-Allow-Headers", "Authorization, Content-Type"},
                           {"Access-Control-Allow-Methods", "POST, OPTIONS"}};
    c.actual.status = 200;
    c.actual.headers
        = {{"Content-Type", "application/json"}, {"Access-Control-Allow-Origin", O.toUtf8()}};
    return c;
}

inline void setHeader(HeaderLines &headers, const QByteArray &name, std::optional<QByteArray> value)
{
    headers.removeIf(
        [&](const HeaderLine &l) { return l.name.compare(name, Qt::CaseInsensitive) == 0; });
    if (value)
        headers.append(HeaderLine {name, *value});
}

inline void include(Case &c)
{
    c.request.credentials = CredentialsMode::Include;
}

struct Row
{
    QString name;
    std::function<void(Case &)> change;
    CorsVerdict verdict;
    CorsStage stage;
    QString chromium; ///< reason after "blocked by CORS policy: "
    QString firefox;
    QStringList warnings;
};

inline QList<Row> rows()
{
    using V = CorsVerdict;
    using S = CorsStage;
    const QString strictAuth
        = u"Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response."_s;
    return {
        {u"01 default"_s, [](Case &) {}, V::Pass, S::None, {}, {}, {}},
        {u"02 preflight 200"_s,
         [](Case &c) { c.preflight.status = 200; },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"03 ACAO *"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Origin", "*");
             setHeader(c.actual.headers, "Access-Control-Allow-Origin", "*");
         },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"04 ACAO * + ACAC, no credentials"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Origin", "*");
             setHeader(c.preflight.headers, "Access-Control-Allow-Credentials", "true");
             setHeader(c.actual.headers, "Access-Control-Allow-Origin", "*");
         },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"05 ACAO * + include"_s,
         [](Case &c) {
             include(c);
             setHeader(c.preflight.headers, "Access-Control-Allow-Origin", "*");
             setHeader(c.preflight.headers, "Access-Control-Allow-Credentials", "true");
         },
         V::Fail,
         S::Preflight,
         P
             + u"The value of the 'Access-Control-Allow-Origin' header in the response must not be "
               u"the wildcard '*' "
               u"when the request's credentials mode is 'include'."_s
             + XHR_CRED,
         u"CORSNotSupportingCredentials"_s,
         {}},
        {u"06 include, no ACAC"_s,
         include,
         V::Fail,
         S::Preflight,
         P
             + u"The value of the 'Access-Control-Allow-Credentials' header in the response is '' "
               u"which must be "
               u"'true' when the request's credentials mode is 'include'."_s
             + XHR_CRED,
         u"CORSMissingAllowCredentials"_s,
         {}},
        {u"07 include, ACAC True"_s,
         [](Case &c) {
             include(c);
             setHeader(c.preflight.headers, "Access-Control-Allow-Credentials", "True");
         },
         V::Fail,
         S::Preflight,
         P
             + u"The value of the 'Access-Control-Allow-Credentials' header in the response is "
               u"'True' which must be "
               u"'true' when the request's credentials mode is 'include'."_s
             + XHR_CRED,
         u"CORSMissingAllowCredentials"_s,
         {}},
        {u"08 include, ACAC on both"_s,
         [](Case &c) {
             include(c);
             setHeader(c.preflight.headers, "Access-Control-Allow-Credentials", "true");
             setHeader(c.actual.headers, "Access-Control-Allow-Credentials", "true");
         },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"09 trailing slash"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Origin",
                       "https://sandbox.cds-hooks.org/");
         },
         V::Fail,
         S::Preflight,
         P
             + u"The 'Access-Control-Allow-Origin' header has a value "
               u"'https://sandbox.cds-hooks.org/' that is not "
               u"equal to the supplied origin."_s,
         u"CORSAllowOriginNotMatchingOrigin"_s,
         {}},
        {u"10 wrong scheme"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Origin",
                       "http://sandbox.cds-hooks.org");
         },
         V::Fail,
         S::Preflight,
         P
             + u"The 'Access-Control-Allow-Origin' header has a value "
               u"'http://sandbox.cds-hooks.org' that is not "
               u"equal to the supplied origin."_s,
         u"CORSAllowOriginNotMatchingOrigin"_s,
         {}},
        {u"11 comma list"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Origin",
                       "https://a.example, https://sandbox.cds-hooks.org");
         },
         V::Fail,
         S::Preflight,
         P
             + u"The 'Access-Control-Allow-Origin' header contains multiple values "
               u"'https://a.example, "
               u"https://sandbox.cds-hooks.org', but only one is allowed."_s,
         u"CORSAllowOriginNotMatchingOrigin"_s,
         {}},
        {u"12 space list"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Origin",
                       "https://a.example https://sandbox.cds-hooks.org");
         },
         V::Fail,
         S::Preflight,
         P
             + u"The 'Access-Control-Allow-Origin' header contains multiple values "
               u"'https://a.example "
               u"https://sandbox.cds-hooks.org', but only one is allowed."_s,
         u"CORSAllowOriginNotMatchingOrigin"_s,
         {}},
        {u"13 ACAO twice"_s,
         [](Case &c) {
             c.preflight.headers.append(HeaderLine {"access-control-allow-origin", O.toUtf8()});
         },
         V::Fail,
         S::Preflight,
         P
             + u"The 'Access-Control-Allow-Origin' header contains multiple values "
               u"'https://sandbox.cds-hooks.org, "
               u"https://sandbox.cds-hooks.org', but only one is allowed."_s,
         u"CORSMultipleAllowOriginNotAllowed"_s,
         {}},
        {u"14 ACAO null"_s,
         [](Case &c) { setHeader(c.preflight.headers, "Access-Control-Allow-Origin", "null"); },
         V::Fail,
         S::Preflight,
         P + u"The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin."_s,
         u"CORSAllowOriginNotMatchingOrigin"_s,
         {}},
        {u"15 OPTIONS 200 without CORS headers"_s,
         [](Case &c) {
             c.preflight.status = 200;
             c.preflight.headers = {{"Content-Length", "0"}};
         },
         V::Fail,
         S::Preflight,
         P + u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s,
         u"CORSMissingAllowOrigin"_s,
         {}},
        {u"16 no OPTIONS route 404"_s,
         [](Case &c) {
             c.preflight.status = 404;
             c.preflight.headers = {};
         },
         V::Fail,
         S::Preflight,
         P + u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s,
         u"CORSMissingAllowOrigin"_s,
         {}},
        {u"17 404 with CORS headers"_s,
         [](Case &c) { c.preflight.status = 404; },
         V::Fail,
         S::Preflight,
         P + u"It does not have HTTP ok status."_s,
         u"CORSPreflightDidNotSucceed"_s,
         {}},
        {u"18 401 with ACAO"_s,
         [](Case &c) { c.preflight.status = 401; },
         V::Fail,
         S::Preflight,
         P + u"It does not have HTTP ok status."_s,
         u"CORSPreflightDidNotSucceed"_s,
         {}},
        {u"19 preflight redirect"_s,
         [](Case &c) {
             c.preflight.status = 308;
             c.preflight.headers.append(
                 HeaderLine {"Location", "https://cds.example.org/cds-services/patient-greeting/"});
         },
         V::Fail,
         S::Preflight,
         P + u"Redirect is not allowed for a preflight request."_s,
         u"CORSExternalRedirectNotAllowed"_s,
         {}},
        {u"20 ACAH * (browser)"_s,
         [](Case &c) { setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "*"); },
         V::PassWithWarning,
         S::None,
         {},
         {},
         {u"authorization-wildcard"_s}},
        {u"20 ACAH * (strict)"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "*");
             c.options.mode = CorsMode::Strict;
         },
         V::Fail,
         S::Preflight,
         strictAuth,
         u"CORSMissingAllowHeaderFromPreflight"_s,
         {}},
        {u"21 ACAH *, Authorization"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "*, Authorization");
         },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"22 ACAH * with include"_s,
         [](Case &c) {
             include(c);
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "*");
             setHeader(c.preflight.headers, "Access-Control-Allow-Credentials", "true");
             setHeader(c.actual.headers, "Access-Control-Allow-Credentials", "true");
         },
         V::Fail,
         S::Preflight,
         strictAuth,
         u"CORSMissingAllowHeaderFromPreflight"_s,
         {}},
        {u"23 ACAH Content-Type only"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "Content-Type");
         },
         V::Fail,
         S::Preflight,
         strictAuth,
         u"CORSMissingAllowHeaderFromPreflight"_s,
         {}},
        {u"24 ACAH Authorization only"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "Authorization");
         },
         V::Fail,
         S::Preflight,
         u"Request header field content-type is not allowed by Access-Control-Allow-Headers in preflight response."_s,
         u"CORSMissingAllowHeaderFromPreflight"_s,
         {}},
        {u"25 no ACAH"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers", std::nullopt);
         },
         V::Fail,
         S::Preflight,
         strictAuth,
         u"CORSMissingAllowHeaderFromPreflight"_s,
         {}},
        {u"26 ACAH upper case"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers",
                       "AUTHORIZATION, CONTENT-TYPE");
         },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"27 ACAH space separated"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Headers",
                       "authorization content-type");
         },
         V::Fail,
         S::Preflight,
         u"Cannot parse Access-Control-Allow-Headers response header field in preflight response."_s,
         u"CORSInvalidAllowHeader"_s,
         {}},
        {u"28 no ACAM"_s,
         [](Case &c) {
             setHeader(c.preflight.headers, "Access-Control-Allow-Methods", std::nullopt);
         },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"29 ACAM post"_s,
         [](Case &c) { setHeader(c.preflight.headers, "Access-Control-Allow-Methods", "post"); },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"30 ACAM GET only"_s,
         [](Case &c) { setHeader(c.preflight.headers, "Access-Control-Allow-Methods", "GET"); },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"31 PUT with ACAM put"_s,
         [](Case &c) {
             c.request.method = "PUT";
             setHeader(c.preflight.headers, "Access-Control-Allow-Methods", "put");
         },
         V::Fail,
         S::Preflight,
         u"Method PUT is not allowed by Access-Control-Allow-Methods in preflight response."_s,
         u"CORSMethodNotFound"_s,
         {}},
        {u"32 PUT with ACAM *"_s,
         [](Case &c) {
             c.request.method = "PUT";
             setHeader(c.preflight.headers, "Access-Control-Allow-Methods", "*");
         },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"32 PUT with ACAM * include"_s,
         [](Case &c) {
             c.request.method = "PUT";
             include(c);
             setHeader(c.preflight.headers, "Access-Control-Allow-Methods", "*");
             setHeader(c.preflight.headers, "Access-Control-Allow-Credentials", "true");
         },
         V::Fail,
         S::Preflight,
         u"Method PUT is not allowed by Access-Control-Allow-Methods in preflight response."_s,
         u"CORSMethodNotFound"_s,
         {}},
        {u"33 actual without ACAO"_s,
         [](Case &c) {
             c.actual.headers = {{"Content-Type", "application/json"}};
         },
         V::Fail,
         S::Actual,
         u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s,
         u"CORSMissingAllowOrigin"_s,
         {}},
        {u"34 actual 500 without ACAO"_s,
         [](Case &c) {
             c.actual.status = 500;
             c.actual.headers = {};
         },
         V::Fail,
         S::Actual,
         u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s,
         u"CORSMissingAllowOrigin"_s,
         {}},
        {u"35 actual 500 with ACAO"_s,
         [](Case &c) { c.actual.status = 500; },
         V::Pass,
         S::None,
         {},
         {},
         {}},
        {u"37 Max-Age 86400"_s,
         [](Case &c) {
             c.preflight.headers.append(HeaderLine {"Access-Control-Max-Age", "86400"});
         },
         V::PassWithWarning,
         S::None,
         {},
         {},
         {u"max-age"_s}},
        {u"38 localhost service"_s,
         [](Case &c) {
             c.request.url = QUrl(u"http://localhost:3000/cds-services/patient-greeting"_s);
         },
         V::PassWithWarning,
         S::None,
         {},
         {},
         {u"local-network-access"_s}},
        {u"39 LAN host over http"_s,
         [](Case &c) { c.request.url = QUrl(u"http://devbox:3000/cds-services/x"_s); },
         V::Fail,
         S::MixedContent,
         u"Mixed Content: The page at 'https://sandbox.cds-hooks.org/' was loaded over HTTPS, but "
         u"requested an "
         u"insecure XMLHttpRequest endpoint 'http://devbox:3000/cds-services/x'. This request has "
         u"been blocked; "
         u"the content must be served over HTTPS."_s,
         u"MixedContentBlocked"_s,
         {}},
        {u"40 private IP over http"_s,
         [](Case &c) { c.request.url = QUrl(u"http://192.168.1.20:3000/cds-services/x"_s); },
         V::Fail,
         S::MixedContent,
         u"Mixed Content: The page at 'https://sandbox.cds-hooks.org/' was loaded over HTTPS, but "
         u"requested an "
         u"insecure XMLHttpRequest endpoint 'http://192.168.1.20:3000/cds-services/x'. This "
         u"request has been "
         u"blocked; the content must be served over HTTPS."_s,
         u"MixedContentBlocked"_s,
         {}},
        {u"41 self-signed"_s,
         [](Case &c) {
             c.preflight = CorsResponse {0, {}, "net::ERR_CERT_AUTHORITY_INVALID"};
         },
         V::Fail,
         S::Network,
         u"net::ERR_CERT_AUTHORITY_INVALID"_s,
         u"CORSDidNotSucceed"_s,
         {}},
        {u"42 service down"_s,
         [](Case &c) {
             c.preflight = CorsResponse {0, {}, "net::ERR_CONNECTION_REFUSED"};
         },
         V::Fail,
         S::Network,
         u"net::ERR_CONNECTION_REFUSED"_s,
         u"CORSDidNotSucceed"_s,
         {}},
    };
}

} // namespace corsmatrix
