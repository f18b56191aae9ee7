// The CORS check and the console texts: Chromium's and Firefox's (CORS11), the hints,
// and the checks made from the URLs alone (mixed content, local network access, CORS10).
#include "net/corsdetail.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::net::detail {

namespace {

const QString kPreflightPrefix
    = u"Response to preflight request doesn't pass access control check: "_s;

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

} // namespace

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

// Chromium parses the ACAO value with GURL; scheme + (for http/https) a host is what matters here.
static bool parsesAsUrl(const QByteArray &value)
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

/// The fix for a request that got no usable HTTP answer, by what went wrong: only a failed
/// connection means "is it running?", only a TLS error means "trust the certificate".
QString networkHint(const QByteArray &error, const QUrl &url)
{
    const QString origin = serializeOrigin(url);
    if (error == "net::ERR_TIMED_OUT")
        return u"The answer from %1 did not complete within the total timeout, so a browser "
               u"would not have read it either: make the service answer sooner, or raise the "
               u"timeout."_s.arg(origin);
    if (error == "net::ERR_INSUFFICIENT_RESOURCES")
        return u"The answer from %1 was larger than the response size limit and reading "
               u"stopped: make the response smaller, or raise the limit."_s.arg(origin);
    if (error == "net::ERR_INVALID_HTTP_RESPONSE")
        return u"%1 did not send a complete HTTP/1.x answer (closed or reset early, or not "
               u"HTTP): check the service's log."_s.arg(origin);
    if (error.startsWith("net::ERR_CERT_") || error == "net::ERR_SSL_PROTOCOL_ERROR")
        return u"The TLS handshake with %1 failed: fix its certificate, or trust it (development "
               u"only)."_s.arg(origin);
    QString hint = u"No HTTP response, so no CORS header was evaluated: check that the service "
                   u"runs at %1"_s.arg(origin);
    if (url.scheme() == u"https")
        hint += u" and that its TLS certificate is trusted"_s;
    return hint + u'.';
}

void failNetwork(CorsEvaluation *result, const QByteArray &method, const QUrl &url,
                 const QByteArray &error)
{
    fail(result, CorsStage::Network, q(error), u"%1 %2 %3"_s.arg(q(method), urlSpec(url), q(error)),
         u"CORSDidNotSucceed"_s, firefoxLine(url, u"CORS request did not succeed"_s, u"(null)"_s),
         networkHint(error, url));
}

namespace {

QString statusPhrase(int status)
{
    switch (status) {
    case 400:
        return u"Bad Request"_s;
    case 401:
        return u"Unauthorized"_s;
    case 403:
        return u"Forbidden"_s;
    case 404:
        return u"Not Found"_s;
    case 405:
        return u"Method Not Allowed"_s;
    case 406:
        return u"Not Acceptable"_s;
    case 410:
        return u"Gone"_s;
    case 415:
        return u"Unsupported Media Type"_s;
    case 429:
        return u"Too Many Requests"_s;
    case 500:
        return u"Internal Server Error"_s;
    case 501:
        return u"Not Implemented"_s;
    case 502:
        return u"Bad Gateway"_s;
    case 503:
        return u"Service Unavailable"_s;
    case 504:
        return u"Gateway Timeout"_s;
    default:
        return {};
    }
}

QString clipped(QString text)
{
    text = text.simplified();
    constexpr qsizetype max = 200;
    return text.size() > max ? text.left(max - 1) + u'\u2026' : text;
}

} // namespace

QString bodySummary(const QByteArray &body)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return {};
    if (trimmed.startsWith('{')) {
        const QJsonObject object = QJsonDocument::fromJson(trimmed).object();
        if (object.value(u"resourceType"_s).toString() == u"OperationOutcome") {
            QStringList said;
            for (const auto &issue : object.value(u"issue"_s).toArray()) {
                const QJsonObject o = issue.toObject();
                const QString text = o.value(u"diagnostics"_s)
                                         .toString(o.value(u"details"_s)[u"text"_s].toString());
                if (!text.isEmpty())
                    said << text;
            }
            if (!said.isEmpty())
                return clipped(said.join(u"; "_s));
        }
    }
    if (trimmed.startsWith('<')) {
        // An HTML error page: its first line is a doctype, its title says what happened.
        static const QRegularExpression title(u"<title[^>]*>([^<]*)</title>"_s,
                                              QRegularExpression::CaseInsensitiveOption);
        const auto match = title.match(QString::fromUtf8(trimmed));
        return match.hasMatch() ? clipped(match.captured(1)) : QString();
    }
    const qsizetype end = trimmed.indexOf('\n');
    return clipped(QString::fromUtf8(end < 0 ? trimmed : trimmed.left(end)));
}

QString preflightStatusHint(const CorsResponse &preflight, const QUrl &url)
{
    const int status = preflight.status;
    if (status == 0 || (status >= 200 && status <= 299))
        return {};
    static const QList<int> redirects {301, 302, 303, 307, 308};
    if (redirects.contains(status))
        return {}; // the redirect has a failure and a hint of its own
    const QString phrase = statusPhrase(status);
    QString hint = u"The preflight OPTIONS %1 was answered %2%3"_s.arg(
        urlSpec(url), QString::number(status), phrase.isEmpty() ? QString() : u' ' + phrase);
    const QString said = bodySummary(preflight.body);
    if (!said.isEmpty())
        hint += u" (\u201c%1\u201d)"_s.arg(said);
    if (status == 404 || status == 410)
        hint += u", so the URL is probably wrong (a service id or discovery base the server does "
                u"not have): check it before the CORS headers."_s;
    else if (status == 401 || status == 403)
        hint += u": the server authenticates OPTIONS, but a preflight never carries the "
                u"Authorization header."_s;
    else if (status == 405 || status == 501)
        hint += u": the server does not answer OPTIONS at this URL."_s;
    else if (status >= 500)
        hint += u": the server failed on the preflight; its log says why."_s;
    else
        hint += u": the server refused the preflight itself, before any CORS header counts."_s;
    return hint;
}

/// Checks made from the URLs alone, before any byte is sent (CORS10): scheme, mixed content,
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

} // namespace hb::net::detail
