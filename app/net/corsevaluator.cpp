// Response side of CORS in Chromium's order (cors.md §3), with Chromium's and Firefox's texts
// (§5.1, §5.2) and a fix hint per failure.
#include "net/corsevaluator.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

const QString kPreflightPrefix
    = u"Response to preflight request doesn't pass access control check: "_s;

/// One failed check, before it is put into the console templates.
struct Failure
{
    QString reason; ///< Chromium reason without the P: prefix
    QString ffCode;
    QString ffReason;
    bool ffStatus = false; ///< Firefox appends " Status code: N."
    QString hint;
    bool preflightPrefix = true; ///< whether Chromium prepends P: when this is a preflight failure
};

QString q(const QByteArray &value)
{
    return QString::fromUtf8(value);
}

QString urlSpec(const QUrl &url)
{
    QUrl copy = url;
    if (copy.path().isEmpty())
        copy.setPath(u"/"_s);
    return copy.toString(QUrl::FullyEncoded);
}

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

// Chromium parses the ACAO value with GURL; scheme + (for http/https) a host is what matters here.
bool parsesAsUrl(const QByteArray &value)
{
    const QUrl url(q(value), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    return (scheme != u"http" && scheme != u"https") || !url.host().isEmpty();
}

std::optional<Failure> corsCheck(const HeaderLines &headers, const QString &origin,
                                 CredentialsMode credentials, bool xhr, bool preflight)
{
    const auto acao = headerGet(headers, "access-control-allow-origin");
    const QString where = preflight ? u"the OPTIONS (preflight) response"_s
                                    : u"every response, including errors and redirects"_s;
    const QString sendOrigin
        = u"Send 'Access-Control-Allow-Origin: %1' on %2."_s.arg(origin, where);
    const bool include = credentials == CredentialsMode::Include;
    const QString xhrSuffix = xhr
        ? u" The credentials mode of requests initiated by the "
          u"XMLHttpRequest is controlled by the withCredentials attribute."_s
        : QString();
    const QString validSuffix
        = xhr ? QString() : u" Have the server send the header with a valid value."_s;
    if (!acao) {
        return Failure {
            u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s,
            u"CORSMissingAllowOrigin"_s,
            u"CORS header \u2018Access-Control-Allow-Origin\u2019 missing"_s, true,
            sendOrigin
                + (origin == u"null" ? QString() : u" ('*' also works without credentials.)"_s)};
    }
    if (*acao == "*") {
        if (!include)
            return std::nullopt;
        return Failure {
            u"The value of the 'Access-Control-Allow-Origin' header in the response must not be "
            u"the "
            u"wildcard '*' when the request's credentials mode is 'include'."_s
                + xhrSuffix,
            u"CORSNotSupportingCredentials"_s,
            u"Credential is not supported if the CORS header \u2018Access-Control-Allow-Origin\u2019 is \u2018*\u2019"_s,
            false,
            u"Send the exact origin 'Access-Control-Allow-Origin: %1' plus "
            u"'Access-Control-Allow-Credentials: true' (and 'Vary: Origin')."_s.arg(origin)};
    }
    const bool ffMultiple = headerCount(headers, "access-control-allow-origin") > 1;
    const Failure ffMultipleFailure {
        {},
        u"CORSMultipleAllowOriginNotAllowed"_s,
        u"Multiple CORS header \u2018Access-Control-Allow-Origin\u2019 not allowed"_s,
        false,
        {}};
    if (q(*acao) != origin) {
        Failure failure;
        failure.ffCode = u"CORSAllowOriginNotMatchingOrigin"_s;
        failure.ffReason
            = u"CORS header \u2018Access-Control-Allow-Origin\u2019 does not match \u2018%1\u2019"_s
                  .arg(q(*acao));
        failure.hint = u"Send exactly one 'Access-Control-Allow-Origin: %1' (byte-exact: scheme, "
                       u"host, port, no "
                       u"trailing slash, no list)."_s.arg(origin);
        if (acao->contains(' ') || acao->contains(',')) {
            failure.reason = u"The 'Access-Control-Allow-Origin' header contains multiple values "
                             u"'%1', but only "
                             u"one is allowed."_s.arg(q(*acao))
                + validSuffix;
            if (ffMultiple)
                failure.hint
                    += u" The header is sent twice (often the app and a proxy both add it): remove one."_s;
        } else if (*acao != "null" && !parsesAsUrl(*acao)) {
            failure.reason
                = u"The 'Access-Control-Allow-Origin' header contains the invalid value '%1'."_s
                      .arg(q(*acao))
                + validSuffix;
        } else {
            failure.reason = u"The 'Access-Control-Allow-Origin' header has a value '%1' that is "
                             u"not equal to the "
                             u"supplied origin."_s.arg(q(*acao))
                + validSuffix;
        }
        if (ffMultiple) {
            failure.ffCode = ffMultipleFailure.ffCode;
            failure.ffReason = ffMultipleFailure.ffReason;
        }
        return failure;
    }
    if (!include)
        return std::nullopt;
    const QByteArray acac
        = headerGet(headers, "access-control-allow-credentials").value_or(QByteArray());
    if (acac == "true")
        return std::nullopt;
    return Failure {
        u"The value of the 'Access-Control-Allow-Credentials' header in the response is '%1' which "
        u"must be 'true' when the request's credentials mode is 'include'."_s.arg(q(acac))
            + xhrSuffix,
        u"CORSMissingAllowCredentials"_s,
        u"expected \u2018true\u2019 in CORS header \u2018Access-Control-Allow-Credentials\u2019"_s,
        false, u"Send 'Access-Control-Allow-Credentials: true' (lower-case) on %1."_s.arg(where)};
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
    if (auto failure = corsCheck(preflight.headers, hop.origin, request.credentials, xhr, true))
        return failure;
    if (preflight.status < 200 || preflight.status > 299) {
        return Failure {
            u"It does not have HTTP ok status."_s, u"CORSPreflightDidNotSucceed"_s,
            u"CORS preflight response did not succeed"_s, true,
            u"Answer OPTIONS %1 with 204 (or 200) before routing and authentication: the preflight "
            u"never carries the Authorization header (it got %2)."_s.arg(urlSpec(hop.url))
                .arg(preflight.status)};
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

QString chromiumLine(const CorsRequest &request, const QUrl &finalUrl, const QUrl &firstUrl,
                     const QString &reason)
{
    const QString api
        = request.api == RequestApi::XmlHttpRequest ? u"XMLHttpRequest"_s : u"fetch"_s;
    const QString redirected
        = finalUrl == firstUrl ? QString() : u"(redirected from '%1') "_s.arg(urlSpec(firstUrl));
    return u"Access to %1 at '%2' %3from origin '%4' has been blocked by CORS policy: %5"_s.arg(
        api, urlSpec(finalUrl), redirected, request.origin, reason);
}

void fail(CorsEvaluation *result, CorsStage stage, const QString &chromiumReason,
          const QString &chromiumMessage, const QString &ffCode, const QString &ffReason,
          const QString &hint)
{
    result->verdict = CorsVerdict::Fail;
    result->stage = stage;
    result->chromiumReason = chromiumReason;
    result->chromiumMessage = chromiumMessage;
    result->firefoxCode = ffCode;
    result->firefoxMessage = ffReason;
    result->hint = hint;
}

QString firefoxLine(const QUrl &url, const QString &reason, std::optional<QString> status)
{
    QString line = u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the "
                   u"remote resource at "
                   u"%1. (Reason: %2)."_s.arg(urlSpec(url), reason);
    if (status)
        line += u" Status code: %1."_s.arg(*status);
    return line;
}

void failWith(CorsEvaluation *result, const CorsRequest &request, CorsStage stage,
              const Failure &failure, const QUrl &finalUrl, int status)
{
    const bool prefix = stage == CorsStage::Preflight && failure.preflightPrefix;
    const QString reason = (prefix ? kPreflightPrefix : QString()) + failure.reason;
    fail(result, stage, reason, chromiumLine(request, finalUrl, request.url, reason),
         failure.ffCode,
         firefoxLine(finalUrl, failure.ffReason,
                     failure.ffStatus ? std::optional<QString>(QString::number(status))
                                      : std::nullopt),
         failure.hint);
}

void failNetwork(CorsEvaluation *result, const QByteArray &method, const QUrl &url,
                 const QByteArray &error)
{
    fail(result, CorsStage::Network, q(error), u"%1 %2 %3"_s.arg(q(method), urlSpec(url), q(error)),
         u"CORSDidNotSucceed"_s, firefoxLine(url, u"CORS request did not succeed"_s, u"(null)"_s),
         u"No HTTP response, so no CORS header was evaluated: check that the service runs at %1 "
         u"and that "
         u"its TLS certificate is trusted."_s.arg(serializeOrigin(url)));
}

bool isPotentiallyTrustworthy(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == u"https" || scheme == u"wss"
        || classifyHost(url.host()) == AddressSpace::Loopback;
}

int privacy(AddressSpace space)
{
    return space == AddressSpace::Public ? 0 : space == AddressSpace::Local ? 1 : 2;
}

/// Checks made from the URLs alone, before any byte is sent (cors.md §4): scheme, mixed content,
/// local network access. Returns false when the request never leaves the browser.
bool precheck(const CorsRequest &request, CorsEvaluation *result)
{
    if (!result->crossOrigin)
        return true;
    const QUrl &url = request.url;
    const QString scheme = url.scheme().toLower();
    if (scheme != u"http" && scheme != u"https") {
        const QString reason
            = u"Cross origin requests are only supported for protocol schemes: http, data, "
              u"isolated-app, chrome-extension, chrome, https, chrome-untrusted."_s;
        fail(result, CorsStage::Network, reason, chromiumLine(request, url, url, reason),
             u"CORSRequestNotHttp"_s, firefoxLine(url, u"CORS request not http"_s, std::nullopt),
             u"Use an http:// or https:// URL."_s);
        return false;
    }
    const QUrl page(request.origin);
    const bool securePage = request.origin != u"null" && isPotentiallyTrustworthy(page);
    if (page.scheme() == u"https" && !isPotentiallyTrustworthy(url)) {
        const QString api = request.api == RequestApi::XmlHttpRequest ? u"XMLHttpRequest endpoint"_s
                                                                      : u"resource"_s;
        const QString message
            = u"Mixed Content: The page at '%1/' was loaded over HTTPS, but requested an insecure "
              u"%2 '%3'. This request has been blocked; the content must be served over HTTPS."_s
                  .arg(request.origin, api, urlSpec(url));
        fail(
            result, CorsStage::MixedContent, message, message, u"MixedContentBlocked"_s,
            u"Blocked loading mixed active content \u201c%1\u201d"_s.arg(urlSpec(url)),
            u"Serve the service over https with a trusted certificate, or use http://localhost "
            u"(loopback is "
            u"exempt). Chrome 142+ may let a private IP literal through after the local-network permission."_s);
        return false;
    }
    const AddressSpace pageSpace
        = request.origin == u"null" ? AddressSpace::Public : classifyHost(page.host());
    if (privacy(result->targetSpace) <= privacy(pageSpace))
        return true;
    const QString space = toString(result->targetSpace);
    if (!securePage) {
        const QString reason
            = u"The request client is not a secure context and the resource is in more-private "
              u"address space `%1`."_s.arg(space);
        fail(result, CorsStage::LocalNetwork, reason, chromiumLine(request, url, url, reason),
             u"CORSDidNotSucceed"_s,
             firefoxLine(url, u"CORS request did not succeed"_s, u"(null)"_s),
             u"Load the page over https (or from loopback): an insecure public page may not reach "
             u"%1 "
             u"addresses."_s.arg(space));
        return false;
    }
    result->warnings.append(CorsWarning {
        u"local-network-access"_s,
        u"Chrome 142+ asks the user to let %1 reach the %2 address space (%3); if the user denies "
        u"it the call fails "
        u"with: Permission was denied for this request to access the `%2` address space."_s.arg(
            page.host(), space,
            result->targetSpace == AddressSpace::Loopback ? u"apps on this device"_s
                                                          : u"devices on your local network"_s),
        u"No response header avoids the prompt: click Allow, run the Sandbox locally too, or "
        u"expose the service "
        u"on a public https URL."_s});
    return true;
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
        // Follow the redirect with the browser's rules (cors.md §3.5).
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
