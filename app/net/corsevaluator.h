#pragma once

// Browser-exact CORS evaluation (docs/rules.md, CORS1-CORS11). Pure: no network, no clock. The
// probe and the CDS client feed it what went over the wire; it answers what Chromium would decide
// and print.
#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>
#include <utility>

namespace hb::net {

/// One header line exactly as received (duplicates and value bytes preserved, OWS kept).
struct HeaderLine
{
    QByteArray name;
    QByteArray value;
    bool operator==(const HeaderLine &) const = default;
};
using HeaderLines = QList<HeaderLine>;

/// Fetch "get" semantics: every line named `name` (case-insensitive), trimmed, joined by ", ".
std::optional<QByteArray> headerGet(const HeaderLines &headers, QByteArrayView name);
/// How many lines carry `name` (Firefox distinguishes repeated Access-Control-Allow-Origin lines).
int headerCount(const HeaderLines &headers, QByteArrayView name);

enum class CredentialsMode { Omit, SameOrigin, Include };
enum class CorsMode {
    Browser,
    Strict
}; ///< Browser = current Chrome/Firefox; Strict = Fetch standard
enum class CorsVerdict { Pass, PassWithWarning, Fail };
enum class CorsStage { None, Preflight, Actual, Redirect, Network, MixedContent, LocalNetwork };
enum class RequestApi { XmlHttpRequest, Fetch }; ///< the Sandbox uses axios = XMLHttpRequest
enum class AddressSpace { Public, Local, Loopback };

QString toString(CredentialsMode mode);
QString toString(CorsVerdict verdict);
QString toString(CorsStage stage);
QString toString(AddressSpace space);
std::optional<CredentialsMode> credentialsModeFromString(QStringView text);

/// The request as the page's script makes it (before the browser adds Origin, Sec-Fetch-*...).
struct CorsRequest
{
    QString origin = QStringLiteral("https://sandbox.cds-hooks.org"); ///< serialized page origin
    QByteArray method = "POST";
    HeaderLines headers; ///< author request headers (Authorization, Content-Type, Accept...)
    CredentialsMode credentials = CredentialsMode::SameOrigin;
    QUrl url;
    RequestApi api = RequestApi::XmlHttpRequest;
    /// Address space of the resolved target; unset = classified from the URL's host literal.
    std::optional<AddressSpace> targetSpace;
};

/// What came back for one request (preflight or actual). `netError` set = no HTTP response.
/// Constructed rather than aggregate-initialised, so a member added at the end (body) does not
/// make every brace-initialisation elsewhere miss an initializer.
struct CorsResponse
{
    CorsResponse() = default;
    CorsResponse(int status_, HeaderLines headers_ = {}, QByteArray netError_ = {},
                 bool sent_ = true, QByteArray body_ = {})
        : status(status_)
        , headers(std::move(headers_))
        , netError(std::move(netError_))
        , sent(sent_)
        , body(std::move(body_))
    { }

    int status = 0;
    HeaderLines headers;
    QByteArray netError; ///< Chromium's name, e.g. "net::ERR_CONNECTION_REFUSED"; empty if answered
    bool sent = true; ///< false: not sent yet; evaluation stops before it (did the preflight pass?)
    /// The start of the body (a few KiB is plenty): a browser never shows it, but a preflight
    /// answered 404 often says why ("No lab service 'x'"), which goes into the hint.
    QByteArray body;
};

/// One hop of the actual request: its own preflight (when needed) and the response.
struct CorsHop
{
    QUrl url;
    std::optional<CorsResponse> preflight; ///< unset when no preflight was sent for this hop
    CorsResponse response;
};

struct CorsWarning
{
    QString id; ///< authorization-wildcard, vary-origin, max-age, local-network-access
    QString message;
    QString hint;
};

struct CorsEvaluation
{
    CorsVerdict verdict = CorsVerdict::Pass;
    CorsStage stage = CorsStage::None; ///< the failing stage (None when the verdict is not Fail)
    bool crossOrigin = true;
    bool preflightRequired = false;
    QString chromiumReason; ///< reason text after "blocked by CORS policy: " (with the P: prefix)
    QString chromiumMessage; ///< the full console line
    QString firefoxCode; ///< e.g. CORSMissingAllowOrigin
    QString firefoxMessage;
    QString hint; ///< the fix: which header to send with which value
    QList<CorsWarning> warnings;
    int preflightCacheSeconds = 0; ///< what Chromium caches the preflight for (Max-Age, capped)
    AddressSpace targetSpace = AddressSpace::Public;
};

struct CorsOptions
{
    CorsMode mode = CorsMode::Browser;
};

/// The exact request headers Chromium puts on the wire (Host, Connection added by the transport).
struct WireRequest
{
    QByteArray method;
    QUrl url;
    HeaderLines headers;
};

/// Unsafe (non-safelisted) request-header names: lower-cased, de-duplicated, sorted (CORS1).
QList<QByteArray> unsafeHeaderNames(const HeaderLines &headers);
/// XHR/fetch method normalisation: delete/get/head/options/post/put upper-cased, others kept.
QByteArray normalizeMethod(const QByteArray &method);
/// CORS1: cross-origin and a non-safelisted method or an unsafe header.
bool needsPreflight(const CorsRequest &request);
/// Fetch's forbidden request-header names (`lower`: lower case), plus Proxy-* and Sec-*: a page's
/// script cannot set them, the browser owns them.
bool isForbiddenRequestHeader(const QByteArray &lower);
/// Same scheme, host and port.
bool isSameOrigin(const QString &origin, const QUrl &url);
/// Serialized origin of a URL ("null" for non-tuple origins).
QString serializeOrigin(const QUrl &url);
/// Address space from a host literal (names other than localhost count as public).
AddressSpace classifyHost(const QString &host);

/// The preflight Chromium sends for `request` (CORS2), in Chromium's header order.
WireRequest preflightRequestFor(const CorsRequest &request);
/// The actual request as Chromium sends it (author headers + Origin, Referer, Sec-Fetch-*).
WireRequest actualRequestFor(const CorsRequest &request);
/// The request a browser makes after a redirect (CORS7): 301/302 POST and 303 become GET
/// without body headers, a hop to another origin drops Authorization and taints Origin to "null".
CorsRequest redirectedRequest(const CorsRequest &current, int status, const QUrl &location,
                              const QString &initialOrigin);
/// Chromium's User-Agent string used on both.
QByteArray chromiumUserAgent();

/// Evaluates one request in Chromium's order (CORS4, CORS6, CORS7). `hops` holds at least one
/// hop; every hop but the last is a 3xx with Location. Mixed content and the local-network rules
/// (CORS10) are checked first, from the URLs alone.
CorsEvaluation evaluateCors(const CorsRequest &request, const QList<CorsHop> &hops,
                            const CorsOptions &options = {});

/// Convenience for a single hop.
CorsEvaluation evaluateCors(const CorsRequest &request,
                            const std::optional<CorsResponse> &preflight,
                            const CorsResponse &actual, const CorsOptions &options = {});

} // namespace hb::net
