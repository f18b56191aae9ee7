// The request side of CORS (CORS1, CORS2, CORS10): safelisted headers, origins, address spaces and
// the exact preflight Chromium puts on the wire.
#include "net/corsevaluator.h"

#include <QHostAddress>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

QByteArray trimOws(QByteArrayView value)
{
    qsizetype begin = 0;
    qsizetype end = value.size();
    while (begin < end && (value[begin] == ' ' || value[begin] == '\t'))
        ++begin;
    while (end > begin && (value[end - 1] == ' ' || value[end - 1] == '\t'))
        --end;
    return value.sliced(begin, end - begin).toByteArray();
}

// Fetch "CORS-unsafe request-header byte": controls except TAB, "():<>?@[\]{}, DEL.
bool hasUnsafeByte(const QByteArray &value)
{
    static const QByteArray unsafe = "\"():<>?@[\\]{}";
    return std::any_of(value.begin(), value.end(), [](char c) {
        const auto b = static_cast<unsigned char>(c);
        return (b < 0x20 && b != 0x09) || b == 0x7f || unsafe.contains(c);
    });
}

bool isLanguageValue(const QByteArray &value)
{
    return std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
            || QByteArrayView(" *,-.;=").contains(c);
    });
}

bool isSimpleRange(const QByteArray &value)
{
    if (!value.startsWith("bytes="))
        return false;
    const QByteArray rest = value.mid(6);
    const qsizetype dash = rest.indexOf('-');
    if (dash <= 0)
        return false;
    auto digits = [](const QByteArray &s) {
        return std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
    };
    const QByteArray first = rest.left(dash);
    const QByteArray last = rest.mid(dash + 1);
    if (!digits(first) || !digits(last))
        return false;
    return last.isEmpty() || first.toULongLong() <= last.toULongLong();
}

bool isSafelisted(const QByteArray &lower, const QByteArray &value)
{
    if (value.size() > 128)
        return false;
    if (lower == "accept")
        return !hasUnsafeByte(value);
    if (lower == "accept-language" || lower == "content-language")
        return isLanguageValue(value);
    if (lower == "content-type") {
        if (hasUnsafeByte(value))
            return false;
        const QByteArray essence = trimOws(value.split(';').constFirst()).toLower();
        return essence == "application/x-www-form-urlencoded" || essence == "multipart/form-data"
            || essence == "text/plain";
    }
    if (lower == "range")
        return isSimpleRange(value);
    // Chromium also safelists a few client hints.
    static const QList<QByteArray> hints {"dpr",           "save-data", "viewport-width", "width",
                                          "device-memory", "rtt",       "downlink",       "ect"};
    return hints.contains(lower);
}

bool isLoopbackHost(const QString &host)
{
    return classifyHost(host) == AddressSpace::Loopback;
}

bool isPotentiallyTrustworthy(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return scheme == u"https" || scheme == u"wss" || isLoopbackHost(url.host());
}

QString siteOf(const QString &host)
{
    QHostAddress address;
    if (address.setAddress(host))
        return host;
    const QStringList labels = host.split(u'.');
    return labels.size() <= 2 ? host : labels.mid(labels.size() - 2).join(u'.');
}

QByteArray secFetchSite(const QString &origin, const QUrl &url)
{
    if (isSameOrigin(origin, url))
        return "same-origin";
    const QUrl page(origin);
    if (origin != u"null" && page.scheme() == url.scheme()
        && siteOf(page.host()) == siteOf(url.host()))
        return "same-site";
    return "cross-site";
}

std::optional<QByteArray> refererFor(const QString &origin, const QUrl &url)
{
    if (origin == u"null")
        return std::nullopt;
    const QUrl page(origin);
    // strict-origin-when-cross-origin: no referrer on an https -> non-trustworthy downgrade.
    if (page.scheme() == u"https" && !isPotentiallyTrustworthy(url))
        return std::nullopt;
    return (origin + u'/').toUtf8();
}

void addFetchMetadata(HeaderLines &headers, const CorsRequest &request)
{
    headers.append(HeaderLine {"Origin", request.origin.toUtf8()});
    if (const auto referer = refererFor(request.origin, request.url))
        headers.append(HeaderLine {"Referer", *referer});
    headers.append(HeaderLine {"Sec-Fetch-Mode", "cors"});
    headers.append(HeaderLine {"Sec-Fetch-Site", secFetchSite(request.origin, request.url)});
    headers.append(HeaderLine {"Sec-Fetch-Dest", "empty"});
    headers.append(HeaderLine {"User-Agent", chromiumUserAgent()});
}

} // namespace

bool isForbiddenRequestHeader(const QByteArray &lower)
{
    static const QList<QByteArray> forbidden {"accept-charset",
                                              "accept-encoding",
                                              "access-control-request-headers",
                                              "access-control-request-method",
                                              "connection",
                                              "content-length",
                                              "cookie",
                                              "cookie2",
                                              "date",
                                              "dnt",
                                              "expect",
                                              "host",
                                              "keep-alive",
                                              "origin",
                                              "referer",
                                              "set-cookie",
                                              "te",
                                              "trailer",
                                              "transfer-encoding",
                                              "upgrade",
                                              "via"};
    return forbidden.contains(lower) || lower.startsWith("proxy-") || lower.startsWith("sec-");
}

std::optional<QByteArray> headerGet(const HeaderLines &headers, QByteArrayView name)
{
    std::optional<QByteArray> joined;
    for (const auto &line : headers) {
        if (line.name.compare(name, Qt::CaseInsensitive) != 0)
            continue;
        const QByteArray value = trimOws(line.value);
        joined = joined ? *joined + ", " + value : value;
    }
    return joined;
}

int headerCount(const HeaderLines &headers, QByteArrayView name)
{
    return static_cast<int>(std::count_if(headers.begin(), headers.end(), [&](const auto &line) {
        return line.name.compare(name, Qt::CaseInsensitive) == 0;
    }));
}

QList<QByteArray> unsafeHeaderNames(const HeaderLines &headers)
{
    QList<QByteArray> unsafe;
    qsizetype safelistedBytes = 0;
    QList<QByteArray> safelisted;
    for (const auto &line : headers) {
        const QByteArray lower = line.name.toLower();
        if (isForbiddenRequestHeader(lower))
            continue;
        if (isSafelisted(lower, line.value)) {
            safelistedBytes += line.value.size();
            safelisted.append(lower);
        } else {
            unsafe.append(lower);
        }
    }
    if (safelistedBytes > 1024)
        unsafe.append(safelisted);
    std::sort(unsafe.begin(), unsafe.end());
    unsafe.erase(std::unique(unsafe.begin(), unsafe.end()), unsafe.end());
    return unsafe;
}

QByteArray normalizeMethod(const QByteArray &method)
{
    static const QList<QByteArray> normalized {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"};
    const QByteArray upper = method.toUpper();
    return normalized.contains(upper) ? upper : method;
}

QString serializeOrigin(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    const int defaultPort = scheme == u"http" ? 80 : scheme == u"https" ? 443 : -1;
    if (defaultPort < 0 || url.host().isEmpty())
        return u"null"_s;
    QString host = url.host(QUrl::FullyEncoded).toLower();
    if (host.contains(u':'))
        host = u'[' + host + u']';
    const int port = url.port(defaultPort);
    return scheme + u"://"_s + host
        + (port == defaultPort ? QString() : u':' + QString::number(port));
}

bool isSameOrigin(const QString &origin, const QUrl &url)
{
    return origin != u"null" && serializeOrigin(url) == origin;
}

bool needsPreflight(const CorsRequest &request)
{
    if (isSameOrigin(request.origin, request.url))
        return false;
    const QByteArray method = normalizeMethod(request.method);
    const bool safeMethod = method == "GET" || method == "HEAD" || method == "POST";
    return !safeMethod || !unsafeHeaderNames(request.headers).isEmpty();
}

AddressSpace classifyHost(const QString &host)
{
    const QString lower = host.toLower();
    if (lower == u"localhost" || lower.endsWith(u".localhost"))
        return AddressSpace::Loopback;
    QHostAddress address;
    if (!address.setAddress(lower.startsWith(u'[') ? lower.mid(1, lower.size() - 2) : lower))
        return AddressSpace::Public;
    bool mapped = false;
    const quint32 v4 = address.toIPv4Address(&mapped);
    if (address.protocol() == QAbstractSocket::IPv4Protocol || mapped) {
        if ((v4 >> 24) == 127)
            return AddressSpace::Loopback;
        if ((v4 >> 24) == 10 || (v4 >> 20) == 0xac1 || (v4 >> 16) == 0xc0a8 || (v4 >> 16) == 0xa9fe
            || v4 == 0)
            return AddressSpace::Local;
        return AddressSpace::Public;
    }
    if (address.isLoopback())
        return AddressSpace::Loopback;
    // Chrome's blog: IPv6 outside 2000::/3 (global unicast) and ff00::/8 counts as local.
    const Q_IPV6ADDR v6 = address.toIPv6Address();
    const bool global = (v6[0] & 0xe0) == 0x20;
    const bool multicast = v6[0] == 0xff;
    return global || multicast ? AddressSpace::Public : AddressSpace::Local;
}

CorsRequest redirectedRequest(const CorsRequest &current, int status, const QUrl &location,
                              const QString &initialOrigin)
{
    CorsRequest next = current;
    next.url = location;
    next.targetSpace.reset();
    const QByteArray method = normalizeMethod(current.method);
    if (((status == 301 || status == 302) && method == "POST")
        || (status == 303 && method != "HEAD")) {
        next.method = "GET";
        next.headers.removeIf(
            [](const HeaderLine &l) { return l.name.toLower() == "content-type"; });
    }
    if (serializeOrigin(location) != serializeOrigin(current.url)) {
        next.headers.removeIf(
            [](const HeaderLine &l) { return l.name.toLower() == "authorization"; });
        if (!isSameOrigin(initialOrigin, location))
            next.origin = u"null"_s;
    }
    return next;
}

QByteArray chromiumUserAgent()
{
    return "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
           "Chrome/142.0.0.0 Safari/537.36";
}

WireRequest preflightRequestFor(const CorsRequest &request)
{
    WireRequest wire {"OPTIONS", request.url, {}};
    wire.headers.append(HeaderLine {"Accept", "*/*"});
    wire.headers.append(
        HeaderLine {"Access-Control-Request-Method", normalizeMethod(request.method)});
    const QList<QByteArray> unsafe = unsafeHeaderNames(request.headers);
    if (!unsafe.isEmpty())
        wire.headers.append(HeaderLine {"Access-Control-Request-Headers", unsafe.join(',')});
    addFetchMetadata(wire.headers, request);
    wire.headers.append(HeaderLine {"Accept-Encoding", "gzip, deflate, br, zstd"});
    wire.headers.append(HeaderLine {"Accept-Language", "en-US,en;q=0.9"});
    return wire;
}

WireRequest actualRequestFor(const CorsRequest &request)
{
    WireRequest wire {normalizeMethod(request.method), request.url, {}};
    for (const auto &line : request.headers) {
        if (!isForbiddenRequestHeader(line.name.toLower()))
            wire.headers.append(line);
    }
    if (headerCount(wire.headers, "accept") == 0)
        wire.headers.prepend(HeaderLine {"Accept", "*/*"});
    if (!isSameOrigin(request.origin, request.url) || wire.method != "GET")
        addFetchMetadata(wire.headers, request);
    wire.headers.append(HeaderLine {"Accept-Language", "en-US,en;q=0.9"});
    return wire;
}

QString toString(CredentialsMode mode)
{
    switch (mode) {
    case CredentialsMode::Omit:
        return u"omit"_s;
    case CredentialsMode::SameOrigin:
        return u"same-origin"_s;
    case CredentialsMode::Include:
        return u"include"_s;
    }
    return {};
}

std::optional<CredentialsMode> credentialsModeFromString(QStringView text)
{
    for (auto mode :
         {CredentialsMode::Omit, CredentialsMode::SameOrigin, CredentialsMode::Include}) {
        if (text == toString(mode))
            return mode;
    }
    return std::nullopt;
}

QString toString(CorsVerdict verdict)
{
    switch (verdict) {
    case CorsVerdict::Pass:
        return u"pass"_s;
    case CorsVerdict::PassWithWarning:
        return u"pass-with-warning"_s;
    case CorsVerdict::Fail:
        return u"fail"_s;
    }
    return {};
}

QString toString(CorsStage stage)
{
    switch (stage) {
    case CorsStage::None:
        return u"none"_s;
    case CorsStage::Preflight:
        return u"preflight"_s;
    case CorsStage::Actual:
        return u"actual"_s;
    case CorsStage::Redirect:
        return u"redirect"_s;
    case CorsStage::Network:
        return u"network"_s;
    case CorsStage::MixedContent:
        return u"mixed-content"_s;
    case CorsStage::LocalNetwork:
        return u"local-network"_s;
    }
    return {};
}

QString toString(AddressSpace space)
{
    switch (space) {
    case AddressSpace::Public:
        return u"public"_s;
    case AddressSpace::Local:
        return u"local"_s;
    case AddressSpace::Loopback:
        return u"loopback"_s;
    }
    return {};
}

} // namespace hb::net
