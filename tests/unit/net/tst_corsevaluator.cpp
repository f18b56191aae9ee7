// Every row of the conformance matrix (shared/spec/cors.md §6) against the pure evaluator, plus the
// exact preflight Chromium sends (§2). The loopback conformance test replays the same rows on the
// wire.
#include "net/corsevaluator.h"

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

const QString O = u"https://sandbox.cds-hooks.org"_s;
const QString P = u"Response to preflight request doesn't pass access control check: "_s;
const QString XHR_CRED
    = u" The credentials mode of requests initiated by the XMLHttpRequest is controlled by "
      u"the withCredentials attribute."_s;

struct Case
{
    CorsRequest request;
    CorsResponse preflight;
    CorsResponse actual;
    CorsOptions options;
};

Case defaults()
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

void setHeader(HeaderLines &headers, const QByteArray &name, std::optional<QByteArray> value)
{
    headers.removeIf(
        [&](const HeaderLine &l) { return l.name.compare(name, Qt::CaseInsensitive) == 0; });
    if (value)
        headers.append(HeaderLine {name, *value});
}

void include(Case &c)
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

QList<Row> rows()
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

QStringList warningIds(const CorsEvaluation &e)
{
    QStringList ids;
    for (const auto &w : e.warnings)
        ids.append(w.id);
    return ids;
}

} // namespace

class TestCorsEvaluator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matrix_data()
    {
        QTest::addColumn<int>("index");
        const auto all = rows();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(qPrintable(all.at(i).name)) << i;
    }

    void matrix()
    {
        QFETCH(int, index);
        const Row row = rows().at(index);
        Case c = defaults();
        row.change(c);
        const CorsEvaluation e = evaluateCors(c.request, c.preflight, c.actual, c.options);
        QCOMPARE(toString(e.verdict), toString(row.verdict));
        QCOMPARE(toString(e.stage), toString(row.stage));
        QCOMPARE(e.chromiumReason, row.chromium);
        QCOMPARE(e.firefoxCode, row.firefox);
        QCOMPARE(warningIds(e), row.warnings);
        if (row.verdict == CorsVerdict::Fail) {
            QVERIFY(!e.hint.isEmpty());
            if (row.stage == CorsStage::Preflight || row.stage == CorsStage::Actual) {
                QCOMPARE(
                    e.chromiumMessage,
                    u"Access to XMLHttpRequest at '%1' from origin '%2' has been blocked by CORS policy: %3"_s
                        .arg(c.request.url.toString(), O, row.chromium));
            }
        }
    }

    void hintNamesHeaderAndValue()
    {
        Case c = defaults();
        setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "Content-Type");
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(
            e.hint,
            u"Send 'Access-Control-Allow-Headers: authorization, content-type' on the OPTIONS response."_s);
        setHeader(c.preflight.headers, "Access-Control-Allow-Origin", std::nullopt);
        const auto missing = evaluateCors(c.request, c.preflight, c.actual);
        QVERIFY(missing.hint.contains(
            u"'Access-Control-Allow-Origin: https://sandbox.cds-hooks.org'"_s));
        QCOMPARE(missing.firefoxMessage,
                 u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the "
                 u"remote resource at "
                 u"https://cds.example.org/cds-services/patient-greeting. (Reason: CORS header "
                 u"\u2018Access-Control-Allow-Origin\u2019 missing). Status code: 204."_s);
    }

    void acamNotTokensFailsEvenForPost()
    {
        Case c = defaults();
        setHeader(c.preflight.headers, "Access-Control-Allow-Methods", "GET POST");
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::Fail));
        QCOMPARE(
            e.chromiumReason,
            u"Cannot parse Access-Control-Allow-Methods response header field in preflight response."_s);
        QCOMPARE(e.firefoxCode, u"CORSInvalidAllowMethod"_s);
    }

    void acaoWithoutSchemeIsInvalidValue()
    {
        Case c = defaults();
        setHeader(c.preflight.headers, "Access-Control-Allow-Origin", "sandbox.cds-hooks.org");
        QCOMPARE(
            evaluateCors(c.request, c.preflight, c.actual).chromiumReason,
            P + u"The 'Access-Control-Allow-Origin' header contains the invalid value 'sandbox.cds-hooks.org'."_s);
    }

    void maxAgeCaps()
    {
        Case c = defaults();
        c.preflight.headers.append(HeaderLine {"Access-Control-Max-Age", "86400"});
        QCOMPARE(evaluateCors(c.request, c.preflight, c.actual).preflightCacheSeconds, 7200);
        setHeader(c.preflight.headers, "Access-Control-Max-Age", "-1");
        QCOMPARE(evaluateCors(c.request, c.preflight, c.actual).preflightCacheSeconds, 0);
        setHeader(c.preflight.headers, "Access-Control-Max-Age", "soon");
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(e.preflightCacheSeconds, 5);
        QCOMPARE(warningIds(e), QStringList {u"max-age"_s});
    }

    void varyOriginOnDiscoveryGet()
    {
        Case c = defaults();
        c.request.method = "GET";
        c.request.url = QUrl(u"https://cds.example.org/cds-services"_s);
        c.request.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer x"}};
        auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::PassWithWarning));
        QCOMPARE(warningIds(e), QStringList {u"vary-origin"_s});
        c.actual.headers.append(HeaderLine {"Vary", "Accept-Encoding, Origin"});
        QCOMPARE(toString(evaluateCors(c.request, c.preflight, c.actual).verdict),
                 toString(CorsVerdict::Pass));
    }

    void redirectTaintsOrigin()
    {
        Case c = defaults();
        c.actual.status = 307;
        c.actual.headers.append(
            HeaderLine {"Location", "https://other.example.net/cds-services/patient-greeting"});
        CorsHop second {QUrl(u"https://other.example.net/cds-services/patient-greeting"_s),
                        CorsResponse {204,
                                      {{"Access-Control-Allow-Origin", "*"},
                                       {"Access-Control-Allow-Headers", "content-type"}},
                                      {}},
                        CorsResponse {200, {{"Access-Control-Allow-Origin", O.toUtf8()}}, {}}};
        QList<CorsHop> hops {CorsHop {c.request.url, c.preflight, c.actual}, second};
        auto e = evaluateCors(c.request, hops);
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::Fail));
        QCOMPARE(toString(e.stage), toString(CorsStage::Actual));
        QCOMPARE(
            e.chromiumMessage,
            u"Access to XMLHttpRequest at "
            u"'https://other.example.net/cds-services/patient-greeting' (redirected "
            u"from 'https://cds.example.org/cds-services/patient-greeting') from origin "
            u"'https://sandbox.cds-hooks.org' has been blocked by CORS policy: The "
            u"'Access-Control-Allow-Origin' "
            u"header has a value 'https://sandbox.cds-hooks.org' that is not equal to the supplied origin."_s);
        hops[1].response.headers = {{"Access-Control-Allow-Origin", "*"}};
        QCOMPARE(toString(evaluateCors(c.request, hops).verdict), toString(CorsVerdict::Pass));
        hops[0].response.headers.removeFirst(); // the 307 itself needs ACAO
        hops[0].response.headers.removeFirst();
        e = evaluateCors(c.request, hops);
        QCOMPARE(toString(e.stage), toString(CorsStage::Redirect));
    }

    void insecurePublicPageCannotReachLoopback()
    {
        Case c = defaults();
        c.request.origin = u"http://sandbox.example.org"_s;
        c.request.url = QUrl(u"http://127.0.0.1:3000/cds-services"_s);
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(e.stage), toString(CorsStage::LocalNetwork));
        QCOMPARE(e.chromiumReason,
                 u"The request client is not a secure context and the resource is in more-private "
                 u"address space `loopback`."_s);
        c.request.origin
            = u"http://127.0.0.1:8080"_s; // Sandbox run locally: no LNA, CORS still applies
        const auto local = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(local.stage), toString(CorsStage::Preflight));
    }

    void sameOriginSkipsCors()
    {
        Case c = defaults();
        c.request.url = QUrl(u"https://sandbox.cds-hooks.org/cds-services"_s);
        const auto e = evaluateCors(c.request, std::nullopt, CorsResponse {500, {}, {}});
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::Pass));
        QVERIFY(!e.crossOrigin);
        QVERIFY(!e.preflightRequired);
    }

    void unsafeHeaders()
    {
        QCOMPARE(unsafeHeaderNames({{"Content-Type", "application/json"},
                                    {"Authorization", "x"},
                                    {"Accept", "application/json"},
                                    {"X-B", "1"},
                                    {"x-b", "2"},
                                    {"Origin", "o"}}),
                 (QList<QByteArray> {"authorization", "content-type", "x-b"}));
        QVERIFY(unsafeHeaderNames(
                    {{"Content-Type", "text/plain;charset=utf-8"}, {"Range", "bytes=0-9"}})
                    .isEmpty());
        QCOMPARE(unsafeHeaderNames({{"Accept", "text/(x)"}}), QList<QByteArray> {"accept"});
        QCOMPARE(unsafeHeaderNames({{"Accept", QByteArray(600, 'a')},
                                    {"Accept-Language", QByteArray(100, 'b')},
                                    {"Content-Language", QByteArray(100, 'c')}}),
                 QList<QByteArray> {"accept"}); // > 128 bytes
        QCOMPARE(normalizeMethod("patch"), QByteArray("patch"));
        QCOMPARE(normalizeMethod("put"), QByteArray("PUT"));
        CorsRequest simple;
        simple.url = QUrl(u"https://x.example/a"_s);
        simple.method = "GET";
        simple.headers = {{"Accept", "application/json"}};
        QVERIFY(!needsPreflight(simple));
        simple.headers.append(HeaderLine {"Authorization", "Bearer x"});
        QVERIFY(needsPreflight(simple));
    }

    void preflightAsChromiumSendsIt()
    {
        Case c = defaults();
        const WireRequest wire = preflightRequestFor(c.request);
        QCOMPARE(wire.method, QByteArray("OPTIONS"));
        QCOMPARE(wire.url, c.request.url);
        const HeaderLines expected {
            {"Accept", "*/*"},
            {"Access-Control-Request-Method", "POST"},
            {"Access-Control-Request-Headers", "authorization,content-type"},
            {"Origin", "https://sandbox.cds-hooks.org"},
            {"Referer", "https://sandbox.cds-hooks.org/"},
            {"Sec-Fetch-Mode", "cors"},
            {"Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Dest", "empty"},
            {"User-Agent", chromiumUserAgent()},
            {"Accept-Encoding", "gzip, deflate, br, zstd"},
            {"Accept-Language", "en-US,en;q=0.9"}};
        QCOMPARE(wire.headers, expected);
        for (const auto &line : wire.headers)
            QVERIFY(line.name.toLower() != "authorization" && line.name.toLower() != "cookie");
        // Discovery: GET with Authorization only.
        c.request.method = "get";
        c.request.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer x"}};
        const WireRequest discovery = preflightRequestFor(c.request);
        QCOMPARE(headerGet(discovery.headers, "access-control-request-method"), QByteArray("GET"));
        QCOMPARE(headerGet(discovery.headers, "access-control-request-headers"),
                 QByteArray("authorization"));
        // Actual request carries the author headers plus Origin.
        const WireRequest actual = actualRequestFor(defaults().request);
        QCOMPARE(headerGet(actual.headers, "authorization"), QByteArray("Bearer eyJ.x.y"));
        QCOMPARE(headerGet(actual.headers, "origin"), QByteArray("https://sandbox.cds-hooks.org"));
    }

    void addressSpaces()
    {
        QCOMPARE(toString(classifyHost(u"127.0.0.1"_s)), toString(AddressSpace::Loopback));
        QCOMPARE(toString(classifyHost(u"::1"_s)), toString(AddressSpace::Loopback));
        QCOMPARE(toString(classifyHost(u"localhost"_s)), toString(AddressSpace::Loopback));
        QCOMPARE(toString(classifyHost(u"10.1.2.3"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"172.20.0.1"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"172.32.0.1"_s)), toString(AddressSpace::Public));
        QCOMPARE(toString(classifyHost(u"192.168.1.20"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"fd00::1"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"2001:db8::1"_s)), toString(AddressSpace::Public));
        QCOMPARE(toString(classifyHost(u"8.8.8.8"_s)), toString(AddressSpace::Public));
        QCOMPARE(serializeOrigin(QUrl(u"https://Sandbox.CDS-hooks.org:443/x?y"_s)),
                 u"https://sandbox.cds-hooks.org"_s);
        QCOMPARE(serializeOrigin(QUrl(u"http://[::1]:3000/"_s)), u"http://[::1]:3000"_s);
    }
};

QTEST_GUILESS_MAIN(TestCorsEvaluator)
#include "tst_corsevaluator.moc"
