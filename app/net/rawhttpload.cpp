#include "net/rawhttpload.h"

#include <QByteArrayView>

#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

using Clock = std::chrono::steady_clock;

constexpr qsizetype kMaxHeaderBytes = 64 * 1024;

double msBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double, std::milli>(to - from).count();
}

double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

QString errnoKind(int error)
{
    switch (error) {
    case ECONNREFUSED:
        return u"connection-refused"_s;
    case ECONNRESET:
    case EPIPE:
        return u"connection-reset"_s;
    case ETIMEDOUT:
        return u"timeout"_s;
    case ENETUNREACH:
    case EHOSTUNREACH:
        return u"unreachable"_s;
    default:
        return u"socket-error"_s;
    }
}

/// Reads one HTTP/1.x response incrementally from the bytes a connection received.
class ResponseParser
{
public:
    enum class State { NeedMore, Done, Failed };

    void reset(bool keepHeaders, qint64 maxBody)
    {
        m_keepHeaders = keepHeaders;
        m_maxBody = maxBody;
        m_buffer.clear();
        m_headerEnd = -1;
        m_searched = 0;
        m_contentLength = -1;
        m_chunked = false;
        m_chunkPos = 0;
        response = {};
        closeAfter = false;
        error.clear();
    }

    bool receivedAny() const { return !m_buffer.isEmpty() || m_headerEnd >= 0; }

    /// Appends what arrived (`eof`: the peer closed) and parses as far as it can.
    State feed(const char *data, qsizetype size, bool eof)
    {
        m_buffer.append(data, size);
        for (;;) {
            if (m_headerEnd < 0) {
                const qsizetype end = QByteArrayView(m_buffer).indexOf(
                    "\r\n\r\n", std::max<qsizetype>(0, m_searched - 3));
                if (end < 0) {
                    m_searched = m_buffer.size();
                    if (m_buffer.size() > kMaxHeaderBytes)
                        return fail(u"protocol"_s);
                    return eof ? fail(m_buffer.isEmpty() ? u"connection-closed"_s : u"protocol"_s)
                               : State::NeedMore;
                }
                if (!parseHead(end))
                    return fail(u"protocol"_s);
                m_headerEnd = end + 4;
                // An interim 1xx answer (100 Continue) precedes the real one.
                if (response.status >= 100 && response.status < 200 && response.status != 101) {
                    m_buffer.remove(0, m_headerEnd);
                    m_headerEnd = -1;
                    m_searched = 0;
                    response = {};
                    m_contentLength = -1;
                    m_chunked = false;
                    closeAfter = false;
                    continue;
                }
                m_chunkPos = m_headerEnd;
            }
            return parseBody(eof);
        }
    }

    LoadResponse response;
    bool closeAfter = false; ///< the connection cannot carry another exchange
    QString error;

private:
    State fail(const QString &kind)
    {
        error = kind;
        closeAfter = true;
        return State::Failed;
    }

    bool parseHead(qsizetype end)
    {
        const QByteArrayView head(m_buffer.constData(), end);
        qsizetype lineEnd = head.indexOf("\r\n");
        const QByteArrayView statusLine = head.first(lineEnd < 0 ? head.size() : lineEnd);
        // "HTTP/1.1 200 OK"
        if (statusLine.size() < 12 || !statusLine.startsWith("HTTP/1.") || statusLine[8] != ' ')
            return false;
        int status = 0;
        for (int i = 9; i < 12; ++i) {
            if (statusLine[i] < '0' || statusLine[i] > '9')
                return false;
            status = status * 10 + (statusLine[i] - '0');
        }
        response.status = status;
        bool http10 = statusLine[7] == '0';
        bool keepAlive = false;
        qsizetype pos = lineEnd < 0 ? head.size() : lineEnd + 2;
        while (pos < head.size()) {
            qsizetype next = head.indexOf("\r\n", pos);
            if (next < 0)
                next = head.size();
            const QByteArrayView line = head.sliced(pos, next - pos);
            pos = next + 2;
            const qsizetype colon = line.indexOf(':');
            if (colon <= 0)
                return false;
            const QByteArrayView name = line.first(colon);
            const QByteArrayView value = line.sliced(colon + 1).trimmed();
            if (name.compare("content-length", Qt::CaseInsensitive) == 0) {
                bool ok = false;
                const qint64 length = value.toLongLong(&ok);
                if (!ok || length < 0 || (m_contentLength >= 0 && length != m_contentLength))
                    return false;
                m_contentLength = length;
            } else if (name.compare("transfer-encoding", Qt::CaseInsensitive) == 0) {
                m_chunked = value.toByteArray().toLower().contains("chunked");
            } else if (name.compare("connection", Qt::CaseInsensitive) == 0) {
                const QByteArray lower = value.toByteArray().toLower();
                closeAfter = closeAfter || lower.contains("close");
                keepAlive = lower.contains("keep-alive");
            }
            if (m_keepHeaders)
                response.headers.append(HeaderLine {name.toByteArray(), value.toByteArray()});
        }
        if (http10 && !keepAlive)
            closeAfter = true;
        // No framing at all: the body ends with the connection (RFC 9112 section 6.3).
        if (!m_chunked && m_contentLength < 0 && status != 204 && status != 304)
            closeAfter = true;
        return true;
    }

    State parseBody(bool eof)
    {
        if (response.status == 204 || response.status == 304)
            return finishAt(m_headerEnd);
        if (m_chunked)
            return parseChunks(eof);
        if (m_contentLength >= 0) {
            if (m_contentLength > m_maxBody)
                return fail(u"too-large"_s);
            if (m_buffer.size() - m_headerEnd >= m_contentLength) {
                response.body = m_buffer.mid(m_headerEnd, m_contentLength);
                return finishAt(m_headerEnd + m_contentLength);
            }
            return eof ? fail(u"connection-closed"_s) : State::NeedMore;
        }
        if (m_buffer.size() - m_headerEnd > m_maxBody)
            return fail(u"too-large"_s);
        if (!eof)
            return State::NeedMore;
        response.body = m_buffer.mid(m_headerEnd);
        return State::Done;
    }

    State parseChunks(bool eof)
    {
        const QByteArrayView all(m_buffer);
        for (;;) {
            const qsizetype lineEnd = all.indexOf("\r\n", m_chunkPos);
            if (lineEnd < 0)
                return eof ? fail(u"connection-closed"_s) : State::NeedMore;
            QByteArrayView sizeText = all.sliced(m_chunkPos, lineEnd - m_chunkPos);
            if (const qsizetype semicolon = sizeText.indexOf(';'); semicolon >= 0)
                sizeText = sizeText.first(semicolon); // chunk extensions are ignored
            bool ok = false;
            const qint64 size = sizeText.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0)
                return fail(u"protocol"_s);
            const qsizetype data = lineEnd + 2;
            if (size == 0) {
                // Trailer section: empty (CRLF at once) or header lines up to an empty line.
                if (all.size() >= data + 2 && all.sliced(data, 2) == "\r\n")
                    return finishAt(data + 2);
                const qsizetype trailerEnd = all.indexOf("\r\n\r\n", data);
                if (trailerEnd >= 0)
                    return finishAt(trailerEnd + 4);
                return eof ? fail(u"connection-closed"_s) : State::NeedMore;
            }
            if (response.body.size() + size > m_maxBody)
                return fail(u"too-large"_s);
            if (all.size() < data + size + 2)
                return eof ? fail(u"connection-closed"_s) : State::NeedMore;
            response.body.append(all.sliced(data, size));
            m_chunkPos = data + size + 2;
        }
    }

    State finishAt(qsizetype end)
    {
        // Pipelining is off: bytes beyond the answer belong to nothing the client asked for.
        if (m_buffer.size() > end)
            closeAfter = true;
        return State::Done;
    }

    bool m_keepHeaders = false;
    qint64 m_maxBody = 0;
    QByteArray m_buffer;
    qsizetype m_headerEnd = -1;
    qsizetype m_searched = 0;
    qint64 m_contentLength = -1;
    bool m_chunked = false;
    qsizetype m_chunkPos = 0;
};

enum class Phase { Idle, Connecting, Sending, Receiving };

struct Connection
{
    int fd = -1;
    Phase phase = Phase::Idle;
    bool reused = false; ///< an exchange completed on this socket before
    int call = -1;
    bool inPreflight = false;
    bool retried = false;
    const QByteArray *out = nullptr;
    qsizetype written = 0;
    Clock::time_point callStart;
    Clock::time_point deadline;
    ResponseParser parser;
    std::optional<LoadResponse> preflight;
};

class LoadLoop
{
public:
    LoadLoop(const QList<LoadCall> &calls, const RawLoadOptions &options)
        : m_calls(calls)
        , m_options(options)
        , m_connections(std::max(1, std::min<int>(options.concurrency, int(calls.size()))))
        , m_scratch(64 * 1024)
        , m_warmup(std::clamp<int>(options.warmup, 0, int(calls.size())))
    {
        m_result.total = int(calls.size()) - m_warmup;
        m_result.latenciesMs.reserve(calls.size());
        std::memset(&m_address, 0, sizeof m_address);
        if (options.address.protocol() == QAbstractSocket::IPv6Protocol) {
            auto *six = reinterpret_cast<sockaddr_in6 *>(&m_address);
            six->sin6_family = AF_INET6;
            six->sin6_port = htons(options.port);
            const Q_IPV6ADDR bytes = options.address.toIPv6Address();
            std::memcpy(&six->sin6_addr, bytes.c, 16);
            m_addressLength = sizeof(sockaddr_in6);
        } else {
            auto *four = reinterpret_cast<sockaddr_in *>(&m_address);
            four->sin_family = AF_INET;
            four->sin_port = htons(options.port);
            four->sin_addr.s_addr = htonl(options.address.toIPv4Address());
            m_addressLength = sizeof(sockaddr_in);
        }
    }

    RawLoadResult run()
    {
        // The warm-up calls open the connections and wake the service; the clock starts after
        // them, on connections that stay open.
        m_counting = false;
        drive(m_warmup);
        m_counting = true;
        const Clock::time_point start = Clock::now();
        const double cpuStart = threadCpuMs();
        drive(int(m_calls.size()));
        m_result.cpuMs = threadCpuMs() - cpuStart;
        m_result.wallMs = msBetween(start, Clock::now());
        for (Connection &c : m_connections)
            closeSocket(c);
        return m_result;
    }

private:
    /// Runs the calls up to `end` (from where the last stage stopped) until each has finished.
    void drive(int end)
    {
        std::vector<pollfd> fds;
        std::vector<Connection *> owners;
        for (;;) {
            bool busy = false;
            for (Connection &c : m_connections) {
                // A call that fails at once (connect refused synchronously) frees the
                // connection again: start the next one here, not recursively.
                while (c.phase == Phase::Idle && m_next < end)
                    startCall(c);
                busy = busy || c.phase != Phase::Idle;
            }
            if (!busy)
                return;
            fds.clear();
            owners.clear();
            Clock::time_point earliest = Clock::time_point::max();
            for (Connection &c : m_connections) {
                if (c.phase == Phase::Idle)
                    continue;
                fds.push_back(
                    pollfd {c.fd, short(c.phase == Phase::Receiving ? POLLIN : POLLOUT), 0});
                owners.push_back(&c);
                earliest = std::min(earliest, c.deadline);
            }
            const auto wait = std::chrono::ceil<std::chrono::milliseconds>(earliest - Clock::now());
            const int timeout = int(std::clamp<qint64>(wait.count(), 0, 1000));
            const int ready = ::poll(fds.data(), nfds_t(fds.size()), timeout);
            if (ready < 0 && errno != EINTR)
                break; // cannot happen with valid descriptors; never spin
            for (size_t i = 0; i < fds.size(); ++i) {
                Connection &c = *owners[i];
                if (fds[i].revents != 0)
                    onReady(c, fds[i].revents);
            }
            const Clock::time_point now = Clock::now();
            for (Connection &c : m_connections) {
                if (c.phase != Phase::Idle && now >= c.deadline)
                    failExchange(c,
                                 c.phase == Phase::Connecting ? u"connect-timeout"_s : u"timeout"_s,
                                 false);
            }
        }
    }

    void startCall(Connection &c)
    {
        c.call = m_next++;
        c.callStart = Clock::now();
        c.retried = false;
        c.preflight.reset();
        const LoadCall &call = m_calls.at(c.call);
        c.inPreflight = !call.preflight.isEmpty();
        beginExchange(c);
    }

    void beginExchange(Connection &c)
    {
        const LoadCall &call = m_calls.at(c.call);
        c.out = c.inPreflight ? &call.preflight : &call.request;
        c.written = 0;
        c.parser.reset(m_options.keepHeaders, m_options.maxResponseBytes);
        if (c.fd < 0 && !openSocket(c))
            return;
        if (c.phase != Phase::Connecting)
            startSending(c);
    }

    bool openSocket(Connection &c)
    {
        c.fd = ::socket(m_address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (c.fd < 0) {
            finishCall(c, errnoKind(errno));
            return false;
        }
        const int one = 1;
        ::setsockopt(c.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c.reused = false;
        ++m_result.connectionsOpened;
        if (::connect(c.fd, reinterpret_cast<const sockaddr *>(&m_address), m_addressLength) == 0)
            return true;
        if (errno == EINPROGRESS) {
            c.phase = Phase::Connecting;
            c.deadline = Clock::now() + std::chrono::milliseconds(m_options.connectTimeoutMs);
            return true;
        }
        const int error = errno;
        closeSocket(c);
        finishCall(c, errnoKind(error));
        return false;
    }

    void startSending(Connection &c)
    {
        c.phase = Phase::Sending;
        c.deadline = Clock::now() + std::chrono::milliseconds(m_options.totalTimeoutMs);
        send(c);
    }

    void send(Connection &c)
    {
        while (c.written < c.out->size()) {
            const ssize_t n = ::send(c.fd, c.out->constData() + c.written,
                                     size_t(c.out->size() - c.written), MSG_NOSIGNAL);
            if (n < 0) {
                if (errno == EAGAIN || errno == EWOULDBLOCK)
                    return; // poll for POLLOUT
                if (errno == EINTR)
                    continue;
                failExchange(c, errnoKind(errno), !c.parser.receivedAny());
                return;
            }
            c.written += n;
        }
        c.phase = Phase::Receiving;
    }

    void onReady(Connection &c, short events)
    {
        if (c.phase == Phase::Connecting) {
            int error = 0;
            socklen_t length = sizeof error;
            ::getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &error, &length);
            if (error != 0) {
                failExchange(c, errnoKind(error), false);
                return;
            }
            startSending(c);
            return;
        }
        if (c.phase == Phase::Sending) {
            send(c);
            return;
        }
        if (c.phase != Phase::Receiving)
            return;
        for (;;) {
            const ssize_t n = ::recv(c.fd, m_scratch.data(), m_scratch.size(), 0);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                if (errno == EAGAIN || errno == EWOULDBLOCK) {
                    if (events & (POLLERR | POLLHUP))
                        feed(c, nullptr, 0, true);
                    return;
                }
                failExchange(c, errnoKind(errno), !c.parser.receivedAny());
                return;
            }
            const bool eof = n == 0;
            if (!feed(c, m_scratch.data(), n, eof) || eof || size_t(n) < m_scratch.size())
                return;
        }
    }

    /// Parses what arrived; false when the exchange ended (answered or failed).
    bool feed(Connection &c, const char *data, qsizetype size, bool eof)
    {
        const bool before = c.parser.receivedAny();
        switch (c.parser.feed(data, size, eof)) {
        case ResponseParser::State::NeedMore:
            return true;
        case ResponseParser::State::Failed:
            failExchange(c, c.parser.error, !before && size == 0);
            return false;
        case ResponseParser::State::Done:
            break;
        }
        const bool close = c.parser.closeAfter || eof;
        if (close)
            closeSocket(c);
        else
            c.reused = true;
        if (c.inPreflight) {
            const QString refused = m_options.checkPreflight
                ? m_options.checkPreflight(c.parser.response)
                : QString();
            if (!refused.isEmpty()) {
                finishCall(c, refused);
                return false;
            }
            c.preflight = std::move(c.parser.response);
            c.inPreflight = false;
            c.retried = false;
            c.phase = Phase::Idle;
            beginExchange(c);
            return false;
        }
        const QString kind = m_options.check
            ? m_options.check(c.preflight ? &*c.preflight : nullptr, c.parser.response)
            : QString();
        if (kind.isEmpty() && m_counting)
            m_result.latenciesMs.push_back(msBetween(c.callStart, Clock::now()));
        finishCall(c, kind);
        return false;
    }

    /// The exchange did not complete. A kept-alive socket the server closed before answering
    /// anything gets the exchange again once, on a new connection (as browsers and wrk do).
    void failExchange(Connection &c, const QString &kind, bool nothingReceived)
    {
        const bool retry = c.reused && nothingReceived && !c.retried;
        closeSocket(c);
        if (retry) {
            c.retried = true;
            c.phase = Phase::Idle;
            beginExchange(c);
            return;
        }
        finishCall(c, kind);
    }

    void finishCall(Connection &c, const QString &kind)
    {
        c.phase = Phase::Idle;
        c.call = -1;
        if (!m_counting) {
            if (!kind.isEmpty())
                ++m_result.warmupErrorsByKind[kind];
            return;
        }
        ++m_result.completed;
        if (!kind.isEmpty()) {
            ++m_result.errors;
            ++m_result.errorsByKind[kind];
        }
        if (m_options.progress)
            m_options.progress(m_result.completed, m_result.total);
    }

    void closeSocket(Connection &c)
    {
        if (c.fd >= 0)
            ::close(c.fd);
        c.fd = -1;
        c.reused = false;
        c.phase = Phase::Idle;
    }

    const QList<LoadCall> &m_calls;
    const RawLoadOptions &m_options;
    std::vector<Connection> m_connections;
    std::vector<char> m_scratch;
    sockaddr_storage m_address;
    socklen_t m_addressLength = 0;
    int m_warmup = 0;
    bool m_counting = false;
    int m_next = 0;
    RawLoadResult m_result;
};

} // namespace

RawLoadResult runRawLoad(const QList<LoadCall> &calls, const RawLoadOptions &options)
{
    if (calls.isEmpty())
        return {};
    LoadLoop loop(calls, options);
    return loop.run();
}

} // namespace hb::net
