#pragma once

// HTTP transport for every call Hookbench makes: timeouts, a size cap, manual redirects with the
// browser's rules, TLS reports and timings, over one HTTP/1.1 client of its own (rawhttp.h:
// QTcpSocket/QSslSocket, a browser's keep-alive in connectionpool.h). Not Qt Network, because
// QNetworkReply merges repeated header lines into one value joined by ", " (the CORS verdicts
// need them apart; tst_transport::qtNetworkMergesRepeatedLines), Qt 6.4 sends a request again
// when its fresh connection closes unanswered or after 100 Continue (a hook call must reach the
// service once, issue 16.7), and a GET on a kept-alive connection the server reset waited for
// the whole total timeout (tst_transport_audit::parallelCallsSurviveStaleKeepAliveConnections).
#include "net/corsevaluator.h"

#include <QByteArray>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMutex>
#include <QObject>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>

class QSslCertificate;
class QThread;

namespace hb::net {

enum class TransportError {
    None,
    ConnectTimeout, ///< no connection within connectTimeoutMs
    Timeout, ///< no complete response within totalTimeoutMs
    ConnectionRefused,
    HostNotFound,
    Tls, ///< handshake failed or the certificate is not trusted
    RedirectLoop,
    TooManyRedirects,
    TooLarge, ///< body over maxResponseBytes: reading stopped, body truncated
    Protocol, ///< the peer did not speak HTTP/1.x
    Cancelled, ///< the caller cancelled it (Cancellation::cancel)
    Other,
};
QString toString(TransportError error);

/// Lets a caller abort exchanges in flight (the GUI's Cancel). Every request that carries the
/// same Cancellation (a hook call's preflight, the call and its redirects) is aborted at once,
/// its socket closed, and one sent after cancel() fails at once; each ends with
/// TransportError::Cancelled. Thread-safe: cancel() runs in the caller's thread, the aborts in
/// the network thread.
class Cancellation
{
public:
    void cancel();
    [[nodiscard]] bool isCancelled() const;

    /// For the transport: `abort` runs (under this object's lock, so it must only post to the
    /// network thread) when cancel() is called. Returns a handle for forget(), or 0 without
    /// keeping `abort` when already cancelled.
    quint64 onCancel(std::function<void()> abort);
    void forget(quint64 handle);

private:
    mutable QMutex m_mutex;
    bool m_cancelled = false;
    quint64 m_next = 1;
    QHash<quint64, std::function<void()>> m_aborts;
};

struct TransportRequest
{
    QByteArray method = "GET";
    QUrl url;
    HeaderLines headers; ///< sent as given (Host, Content-Length, Connection added)
    QByteArray body;
    int connectTimeoutMs = 5000;
    int totalTimeoutMs = 30000;
    qint64 maxResponseBytes = 4 * 1024 * 1024;
    int maxRedirects = 0; ///< 0: a 3xx is returned as is (manual); else followed up to this many
    /// Offer "Accept-Encoding: gzip, deflate" and hand back the decoded body (capped at
    /// maxResponseBytes too). Off for CDS calls and CORS probes: their lines are the emulated
    /// browser's, and a service's body is shown as it was sent.
    bool acceptCompressed = false;
    std::shared_ptr<Cancellation> cancellation; ///< null: cannot be cancelled
};

/// Certificate the server presented, for the TLS report.
struct CertificateInfo
{
    QString subject;
    QString issuer;
    QString notBefore;
    QString notAfter;
    QString sha256; ///< hex fingerprint, what trustHost() pins
    QStringList subjectAltNames;
    bool selfSigned = false;
};

/// Milliseconds (microsecond resolution) from the start of the exchange; -1 when Qt did not expose
/// the moment (e.g. no connect on a reused keep-alive connection). DNS time is not separately
/// observable in Qt 6.4.
struct Timings
{
    QDateTime started;
    double connectStartMs = -1;
    double tlsDoneMs = -1;
    double requestSentMs = -1;
    double firstByteMs = -1;
    double totalMs = -1;
};

/// One answered hop of a followed redirect chain.
struct RedirectHop
{
    QByteArray method;
    QUrl url;
    int status = 0;
    HeaderLines headers;
};

struct TransportResponse
{
    QByteArray method; ///< of the last hop
    QUrl url; ///< the last hop's URL
    int status = 0;
    QByteArray reason;
    HeaderLines headers; ///< the lines exactly as received (repeated names stay separate)
    QByteArray body;
    bool truncated = false;
    TransportError error = TransportError::None;
    QString errorMessage; ///< a sentence for the user
    QByteArray netError; ///< Chromium's name for the failure (net::ERR_...), for CORS texts
    QStringList tlsErrors;
    std::optional<CertificateInfo> certificate;
    QList<RedirectHop> redirects; ///< earlier hops when redirects were followed
    /// The request header lines as written on the wire (Host, Content-Length and Connection
    /// included); empty when nothing was sent.
    HeaderLines sentHeaders;
    Timings timings;

    bool ok() const { return error == TransportError::None; }
};

class TransportWorker;

/// Sends requests; one instance per thread. The exchanges themselves (sockets, the
/// connect and total timers, the timings) run in a network thread the instance owns, so a busy
/// caller thread delays only the delivery of the callback.
class Transport : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const TransportResponse &)>;

    explicit Transport(QObject *parent = nullptr);
    ~Transport() override;

    /// Accepts an otherwise untrusted certificate for host:port. With a fingerprint only that
    /// certificate is accepted (development self-signed certificates).
    void trustHost(const QString &host, int port, const QString &sha256 = {});
    bool isTrusted(const QString &host, int port, const QString &sha256) const;

    /// Sends asynchronously; `done` runs exactly once, on this object's thread (unless this
    /// object is destroyed first, which aborts the exchange).
    void send(const TransportRequest &request, Callback done);
    /// Sends and spins a local event loop until done (CLI, tests). Never hangs: bounded by
    /// timeouts.
    TransportResponse sendAndWait(const TransportRequest &request);

private:
    std::unique_ptr<QThread> m_thread;
    TransportWorker *m_worker = nullptr; ///< lives in m_thread
    mutable QMutex m_trustMutex; ///< the worker asks isTrusted() from the network thread
    QHash<QString, QString> m_trusted; ///< "host:port" -> pinned sha256 (empty = any)
};

/// Elapsed time of `clock` in milliseconds with microsecond resolution.
double elapsedMs(const QElapsedTimer &clock);

/// Subject, issuer, validity and SHA-256 fingerprint of a certificate.
CertificateInfo certificateInfo(const QSslCertificate &certificate);

/// Chromium's net error name for a transport failure (CORS9).
QByteArray chromiumNetError(TransportError error, const QStringList &tlsErrors = {});
/// The sentence a user reads for a failed request: host:port and the limit that was hit, or for
/// TLS the errors and the certificate to trust; `detail` is the underlying library's text.
QString describeFailure(TransportError error, const TransportRequest &request,
                        const TransportResponse &response, const QString &detail);

} // namespace hb::net
