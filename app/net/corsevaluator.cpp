// Response side of CORS in Chromium's order (CORS3-CORS9), with Chromium's and Firefox's texts
// (CORS11) and a fix hint per failure.
#include "net/corsevaluator.h"
#include "net/corsdetail.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::net {

using namespace detail;

namespace {

bool isToken(const QByteArray &value)
{
    static const QByteArrayView extra("!#$%&'*+-.^_`|~");
    return !value.isEmpty() && std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || extra.contains(c);
    });
}

/// `#token` list: elements trimmed, empties skipped; nullopt + the bad element on a non-token.
std::optional<QList<QByteArray>> parseList(const std::optional<QByteArray> &value, QByteArray *bad)
{
    QList<QByteArray> items;
    if (!value)
        return items;
    for (const QByteArray &raw : value->split(',')) {
        const QByteArray item = raw.trimmed();
        if (item.isEmpty())
            continue;
        if (!isToken(item)) {
            *bad = item;
            return std::nullopt;
        }
        items.append(item);
    }
    return items;
}

bool isRedirect(const CorsResponse &response)
{
    static const QList<int> codes {301, 302, 303, 307, 308};
    return codes.contains(response.status) && headerCount(response.headers, "location") > 0;
}

int maxAgeSeconds(const HeaderLines &headers)
{
    const auto value = headerGet(headers, "access-control-max-age");
    if (!value)
        return 5;
    bool ok = false;
    const qlonglong seconds = value->toLongLong(&ok);
    if (!ok)
        return 5;
    return static_cast<int>(std::clamp<qlonglong>(seconds, 0, 7200));
}

struct HopRequest
{
    QString origin;
    QByteArray method;
    HeaderLines headers;
    QUrl url;
};

std::optional<Failure> checkPreflight(const CorsResponse &preflight, const HopRequest &hop,
                                      const CorsRequest &request, const CorsOptions &options,
                                      QList<CorsWarning> *warnings)
{
    const bool xhr = request.api == RequestApi::XmlHttpRequest;
    const bool include = request.credentials == CredentialsMode::Include;
    if (isRedirect(preflight)) {
        return Failure {
            u"Redirect is not allowed for a preflight request."_s,
            u"CORSExternalRedirectNotAllowed"_s, u"CORS request external redirect not allowed"_s,
            false,
            u"Answer OPTIONS %1 directly with 204 instead of redirecting it to '%2' (fix the URL, "
            u"the trailing slash or the http->https upgrade)."_s.arg(
                urlSpec(hop.url),
                q(headerGet(preflight.headers, "location").value_or(QByteArray())))};
    }
    // Chromium names the missing header first even when the status is the real story (a 404
    // from a wrong URL has no CORS headers either): the hint says what the status means.
    const QString statusHint = preflightStatusHint(preflight, hop.url);
    if (auto failure = corsCheck(preflight.headers, hop.origin, request.credentials, xhr, true)) {
        if (!statusHint.isEmpty())
            failure->hint = statusHint + u" Then: "_s + failure->hint;
        return failure;
    }
    if (!statusHint.isEmpty()) {
        return Failure {u"It does not have HTTP ok status."_s, u"CORSPreflightDidNotSucceed"_s,
                        u"CORS preflight response did not succeed"_s, true,
                        statusHint
                            + u" Answer OPTIONS with 204 (or 200) before routing and "
                              u"authentication."_s};
    }
    QByteArray bad;
    const auto methods
        = parseList(headerGet(preflight.headers, "access-control-allow-methods"), &bad);
    if (!methods) {
        return Failure {
            u"Cannot parse Access-Control-Allow-Methods response header field in preflight response."_s,
            u"CORSInvalidAllowMethod"_s,
            u"invalid token \u2018%1\u2019 in CORS header \u2018Access-Control-Allow-Methods\u2019"_s
                .arg(q(bad)),
            false,
            u"Send 'Access-Control-Allow-Methods: %1, OPTIONS' as a comma-separated list of tokens."_s
                .arg(q(hop.method)),
            false};
    }
    const auto headerList
        = parseList(headerGet(preflight.headers, "access-control-allow-headers"), &bad);
    const QList<QByteArray> unsafe = unsafeHeaderNames(hop.headers);
    const QString allowHeadersHint
        = u"Send 'Access-Control-Allow-Headers: %1' on the OPTIONS response."_s.arg(
            q(unsafe.join(", ")));
    if (!headerList) {
        return Failure {
            u"Cannot parse Access-Control-Allow-Headers response header field in preflight response."_s,
            u"CORSInvalidAllowHeader"_s,
            u"invalid token \u2018%1\u2019 in CORS header \u2018Access-Control-Allow-Headers\u2019"_s
                .arg(q(bad)),
            false,
            allowHeadersHint,
            false};
    }
    const bool safeMethod = hop.method == "GET" || hop.method == "HEAD" || hop.method == "POST";
    if (!safeMethod && !methods->contains(hop.method) && (include || !methods->contains("*"))) {
        return Failure {
            u"Method %1 is not allowed by Access-Control-Allow-Methods in preflight response."_s
                .arg(q(hop.method)),
            u"CORSMethodNotFound"_s,
            u"Did not find method in CORS header \u2018Access-Control-Allow-Methods\u2019"_s,
            false,
            u"Add '%1' to 'Access-Control-Allow-Methods' (compared case-sensitively)."_s.arg(
                q(hop.method)),
            false};
    }
    QList<QByteArray> allowed;
    for (const auto &name : *headerList)
        allowed.append(name.toLower());
    const bool wildcard = !include && allowed.contains("*");
    for (const auto &name : unsafe) {
        if (allowed.contains(name))
            continue;
        const bool coveredByWildcard
            = wildcard && (name != "authorization" || options.mode == CorsMode::Browser);
        if (coveredByWildcard) {
            if (name == "authorization") {
                warnings->append(CorsWarning {
                    u"authorization-wildcard"_s,
                    u"'Access-Control-Allow-Headers: *' covers Authorization in today's browsers, "
                    u"but the "
                    u"Fetch standard says it must not; it will break when browsers enforce the standard."_s,
                    u"List it explicitly: 'Access-Control-Allow-Headers: %1'."_s.arg(
                        q(unsafe.join(", ")))});
            }
            continue;
        }
        return Failure {
            u"Request header field %1 is not allowed by Access-Control-Allow-Headers in preflight "
            u"response."_s.arg(q(name)),
            u"CORSMissingAllowHeaderFromPreflight"_s,
            u"header \u2018%1\u2019 is not allowed according to header "
            u"\u2018Access-Control-Allow-Headers\u2019 "
            u"from CORS preflight response"_s.arg(q(name)),
            false,
            allowHeadersHint,
            false};
    }
    return std::nullopt;
}

void addMaxAgeWarning(const HeaderLines &headers, CorsEvaluation *result)
{
    const int lines = headerCount(headers, "access-control-max-age");
    if (lines == 0)
        return;
    const QByteArray raw = headerGet(headers, "access-control-max-age").value_or(QByteArray());
    bool ok = false;
    const qlonglong seconds = raw.toLongLong(&ok);
    if (lines > 1 || !ok) {
        result->warnings.append(CorsWarning {
            u"max-age"_s,
            u"'Access-Control-Max-Age: %1' is not one integer: browsers ignore it and cache the "
            u"preflight for 5 s."_s.arg(q(raw)),
            u"Send a single 'Access-Control-Max-Age' with whole seconds, e.g. 600."_s});
    } else if (seconds > 600) { // up to 10 minutes is the usual, harmless choice
        result->warnings.append(CorsWarning {
            u"max-age"_s,
            u"The preflight result is cached for %1 s in Chromium (capped at 7200) and %2 s in "
            u"Firefox (capped at "
            u"86400): CORS changes on the service stay invisible to the page until it expires."_s
                .arg(std::min<qlonglong>(seconds, 7200))
                .arg(std::min<qlonglong>(seconds, 86400)),
            u"Use a short Max-Age while developing, or reload with the cache disabled."_s});
    }
}

// OPTIONS and POST responses are not HTTP-cacheable; the risk is on GET (the discovery call).
void addVaryWarning(const HeaderLines &headers, const HopRequest &hop, CorsEvaluation *result)
{
    if (hop.method != "GET" && hop.method != "HEAD")
        return;
    const QString &origin = hop.origin;
    const auto acao = headerGet(headers, "access-control-allow-origin");
    if (!acao || *acao == "*" || q(*acao) != origin)
        return;
    const QList<QByteArray> vary
        = headerGet(headers, "vary").value_or(QByteArray()).toLower().split(',');
    for (const auto &item : vary) {
        if (item.trimmed() == "origin" || item.trimmed() == "*")
            return;
    }
    result->warnings.append(CorsWarning {
        u"vary-origin"_s,
        u"The response echoes the origin in Access-Control-Allow-Origin without 'Vary: Origin': "
        u"a browser or proxy cache can replay it to another origin (or without CORS headers)."_s,
        u"Send 'Vary: Origin' whenever Access-Control-Allow-Origin depends on the request."_s});
}

} // namespace

CorsEvaluation evaluateCors(const CorsRequest &request, const QList<CorsHop> &hops,
                            const CorsOptions &options)
{
    CorsEvaluation result;
    result.crossOrigin = !isSameOrigin(request.origin, request.url);
    result.preflightRequired = needsPreflight(request);
    result.targetSpace = request.targetSpace.value_or(classifyHost(request.url.host()));
    if (!precheck(request, &result) || hops.isEmpty())
        return result;

    const bool xhr = request.api == RequestApi::XmlHttpRequest;
    HopRequest hop {request.origin, normalizeMethod(request.method), request.headers, request.url};
    for (qsizetype i = 0; i < hops.size(); ++i) {
        const CorsHop &current = hops.at(i);
        hop.url = current.url;
        const bool crossOrigin = !isSameOrigin(hop.origin, hop.url);
        if (current.preflight) {
            if (!current.preflight->netError.isEmpty()) {
                failNetwork(&result, hop.method, hop.url, current.preflight->netError);
                return result;
            }
            result.preflightCacheSeconds = maxAgeSeconds(current.preflight->headers);
            if (auto failure
                = checkPreflight(*current.preflight, hop, request, options, &result.warnings)) {
                failWith(&result, request, CorsStage::Preflight, *failure, hop.url,
                         current.preflight->status);
                return result;
            }
            addMaxAgeWarning(current.preflight->headers, &result);
        }
        if (!current.response.sent)
            break;
        if (!current.response.netError.isEmpty()) {
            failNetwork(&result, hop.method, hop.url, current.response.netError);
            return result;
        }
        const bool last = i == hops.size() - 1;
        const CorsStage stage
            = last && !isRedirect(current.response) ? CorsStage::Actual : CorsStage::Redirect;
        if (crossOrigin) {
            if (auto failure = corsCheck(current.response.headers, hop.origin, request.credentials,
                                         xhr, false)) {
                failWith(&result, request, stage, *failure, hop.url, current.response.status);
                return result;
            }
            addVaryWarning(current.response.headers, hop, &result);
        }
        if (isRedirect(current.response) && i >= 20) {
            fail(&result, CorsStage::Redirect, u"net::ERR_TOO_MANY_REDIRECTS"_s,
                 u"%1 %2 net::ERR_TOO_MANY_REDIRECTS"_s.arg(q(hop.method), urlSpec(request.url)),
                 u"CORSDidNotSucceed"_s,
                 firefoxLine(hop.url, u"CORS request did not succeed"_s, u"(null)"_s),
                 u"The service redirects more than 20 times: fix the redirect loop."_s);
            return result;
        }
        if (last)
            break;
        // Follow the redirect with the browser's rules (CORS7).
        const QUrl location = hop.url.resolved(
            QUrl(q(headerGet(current.response.headers, "location").value_or(QByteArray()))));
        if (crossOrigin && (!location.userName().isEmpty() || !location.password().isEmpty())) {
            const QString reason
                = u"Redirect location '' contains a username and password, which is disallowed "
                  u"for cross-origin requests."_s;
            fail(&result, CorsStage::Redirect, reason,
                 chromiumLine(request, request.url, request.url, reason), u"CORSDidNotSucceed"_s,
                 firefoxLine(hop.url, u"CORS request did not succeed"_s, u"(null)"_s),
                 u"Remove the user:password part from the Location header."_s);
            return result;
        }
        const int status = current.response.status;
        if (((status == 301 || status == 302) && hop.method == "POST")
            || (status == 303 && hop.method != "HEAD")) {
            hop.method = "GET";
            hop.headers.removeIf(
                [](const HeaderLine &line) { return line.name.toLower() == "content-type"; });
        }
        if (serializeOrigin(location) != serializeOrigin(hop.url)) {
            hop.headers.removeIf(
                [](const HeaderLine &line) { return line.name.toLower() == "authorization"; });
            if (!isSameOrigin(request.origin, location))
                hop.origin = u"null"_s;
        }
    }
    if (!result.warnings.isEmpty() && result.verdict == CorsVerdict::Pass)
        result.verdict = CorsVerdict::PassWithWarning;
    return result;
}

CorsEvaluation evaluateCors(const CorsRequest &request,
                            const std::optional<CorsResponse> &preflight,
                            const CorsResponse &actual, const CorsOptions &options)
{
    return evaluateCors(request, QList<CorsHop> {CorsHop {request.url, preflight, actual}},
                        options);
}

} // namespace hb::net