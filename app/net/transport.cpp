#include "net/transport.h"

#include "core/numbers.h"
#include "net/logging.h"
#include "net/rawhttp.h"
#include "net/transportworker.h"

#include <QElapsedTimer>

#include <QEventLoop>
#include <QPointer>
#include <QSslCertificate>
#include <QThread>
#include <cmath>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

QString describeFailureIn(TransportError error, const TransportRequest &request,
                          const TransportResponse &response, const QString &qtText)
{
    const QString where = u"%1:%2"_s.arg(request.url.host())
                              .arg(request.url.port(request.url.scheme() == u"https" ? 443 : 80));
    switch (error) {
    case TransportError::ConnectTimeout:
        return u"Could not connect to %1 within %2 ms (connect timeout)."_s.arg(where).arg(
            request.connectTimeoutMs);
    case TransportError::Timeout:
        return u"No complete response from %1 within %2 ms (total timeout); the request was aborted."_s
            .arg(where)
            .arg(request.totalTimeoutMs);
    case TransportError::ConnectionRefused:
        return u"Connection refused by %1: is the service running on that port?"_s.arg(where);
    case TransportError::HostNotFound:
        return u"Host name '%1' could not be resolved."_s.arg(request.url.host());
    case TransportError::TooLarge:
        return u"The response body exceeds the %1-byte limit: reading stopped and the body is truncated."_s
            .arg(core::groupedNumber(request.maxResponseBytes));
    case TransportError::Tls: {
        QString text = u"TLS handshake with %1 failed: %2"_s.arg(
            where, response.tlsErrors.isEmpty() ? qtText : response.tlsErrors.join(u"; "));
        if (const auto &c = response.certificate) {
            if (!text.endsWith(u'.'))
                text += u'.';
            text += u" Certificate: subject '%1', issuer '%2', valid %3 to %4, SHA-256 %5. "
                    u"Trust this host's certificate to continue (development only)."_s.arg(
                        c->subject, c->issuer, c->notBefore, c->notAfter, c->sha256);
        }
        return text;
    }
    case TransportError::Protocol:
        return u"%1 did not answer with HTTP/1.x (%2)."_s.arg(where, qtText);
    case TransportError::Cancelled:
        return u"Cancelled by the user before %1 answered; the connection was closed."_s.arg(where);
    default:
        return qtText;
    }
}

QString hostKey(const QString &host, int port)
{
    return host.toLower() + u':' + QString::number(port);
}

QString distinguishedName(const QSslCertificate &cert, bool issuer)
{
    QStringList parts;
    const auto attributes = issuer ? cert.issuerInfoAttributes() : cert.subjectInfoAttributes();
    for (const QByteArray &attribute : attributes) {
        const QStringList values
            = issuer ? cert.issuerInfo(attribute) : cert.subjectInfo(attribute);
        parts.append(QString::fromLatin1(attribute) + u'=' + values.join(u'+'));
    }
    return parts.join(u", ");
}

} // namespace

QString describeFailure(TransportError error, const TransportRequest &request,
                        const TransportResponse &response, const QString &detail)
{
    return describeFailureIn(error, request, response, detail);
}

CertificateInfo certificateInfo(const QSslCertificate &cert)
{
    CertificateInfo info;
    info.subject = distinguishedName(cert, false);
    info.issuer = distinguishedName(cert, true);
    info.notBefore = cert.effectiveDate().toString(Qt::ISODate);
    info.notAfter = cert.expiryDate().toString(Qt::ISODate);
    info.sha256 = QString::fromLatin1(cert.digest(QCryptographicHash::Sha256).toHex());
    info.selfSigned = cert.isSelfSigned();
    for (const auto &name : cert.subjectAlternativeNames())
        info.subjectAltNames.append(name);
    return info;
}

void Cancellation::cancel()
{
    QMutexLocker lock(&m_mutex);
    m_cancelled = true;
    for (const auto &abort : std::as_const(m_aborts))
        abort();
    m_aborts.clear();
}

bool Cancellation::isCancelled() const
{
    QMutexLocker lock(&m_mutex);
    return m_cancelled;
}

quint64 Cancellation::onCancel(std::function<void()> abort)
{
    QMutexLocker lock(&m_mutex);
    if (m_cancelled)
        return 0;
    const quint64 handle = m_next++;
    m_aborts.insert(handle, std::move(abort));
    return handle;
}

void Cancellation::forget(quint64 handle)
{
    QMutexLocker lock(&m_mutex);
    m_aborts.remove(handle);
}

double elapsedMs(const QElapsedTimer &clock)
{
    return std::round(static_cast<double>(clock.nsecsElapsed()) / 1000.0) / 1000.0;
}

QString toString(TransportError error)
{
    switch (error) {
    case TransportError::None:
        return u"none"_s;
    case TransportError::ConnectTimeout:
        return u"connect-timeout"_s;
    case TransportError::Timeout:
        return u"timeout"_s;
    case TransportError::ConnectionRefused:
        return u"connection-refused"_s;
    case TransportError::HostNotFound:
        return u"host-not-found"_s;
    case TransportError::Tls:
        return u"tls"_s;
    case TransportError::RedirectLoop:
        return u"redirect-loop"_s;
    case TransportError::TooManyRedirects:
        return u"too-many-redirects"_s;
    case TransportError::TooLarge:
        return u"too-large"_s;
    case TransportError::Protocol:
        return u"protocol"_s;
    case TransportError::Cancelled:
        return u"cancelled"_s;
    case TransportError::Other:
        return u"other"_s;
    }
    return {};
}

QByteArray chromiumNetError(TransportError error, const QStringList &tlsErrors)
{
    switch (error) {
    case TransportError::None:
        return {};
    case TransportError::ConnectTimeout:
        return "net::ERR_CONNECTION_TIMED_OUT";
    case TransportError::Timeout:
        return "net::ERR_TIMED_OUT";
    case TransportError::ConnectionRefused:
        return "net::ERR_CONNECTION_REFUSED";
    case TransportError::HostNotFound:
        return "net::ERR_NAME_NOT_RESOLVED";
    case TransportError::Tls:
        for (const auto &text : tlsErrors) {
            if (text.contains(u"self"_s, Qt::CaseInsensitive)
                || text.contains(u"issuer"_s, Qt::CaseInsensitive)
                || text.contains(u"untrusted"_s, Qt::CaseInsensitive))
                return "net::ERR_CERT_AUTHORITY_INVALID";
            if (text.contains(u"host name"_s, Qt::CaseInsensitive))
                return "net::ERR_CERT_COMMON_NAME_INVALID";
            if (text.contains(u"expired"_s, Qt::CaseInsensitive)
                || text.contains(u"not yet valid"_s, Qt::CaseInsensitive))
                return "net::ERR_CERT_DATE_INVALID";
        }
        return "net::ERR_SSL_PROTOCOL_ERROR";
    case TransportError::RedirectLoop:
    case TransportError::TooManyRedirects:
        return "net::ERR_TOO_MANY_REDIRECTS";
    case TransportError::TooLarge:
        return "net::ERR_INSUFFICIENT_RESOURCES";
    case TransportError::Protocol:
        return "net::ERR_INVALID_HTTP_RESPONSE";
    case TransportError::Cancelled:
        return "net::ERR_ABORTED";
    case TransportError::Other:
        return "net::ERR_FAILED";
    }
    return {};
}

Transport::Transport(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
{
    m_thread->setObjectName(u"hookbench-net"_s);
    m_worker = new TransportWorker([this](const QString &host, int port, const QString &sha) {
        return isTrusted(host, port, sha);
    });
    m_worker->moveToThread(m_thread.get());
    m_thread->start();
}

Transport::~Transport()
{
    // Aborts what is in flight in the network thread; callbacks already posted to this object
    // are dropped with it.
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { delete worker; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void Transport::trustHost(const QString &host, int port, const QString &sha256)
{
    QMutexLocker lock(&m_trustMutex);
    m_trusted.insert(hostKey(host, port), sha256.toLower());
}

bool Transport::isTrusted(const QString &host, int port, const QString &sha256) const
{
    QMutexLocker lock(&m_trustMutex);
    const auto it = m_trusted.constFind(hostKey(host, port));
    return it != m_trusted.constEnd() && (it->isEmpty() || *it == sha256.toLower());
}

TransportResponse Transport::sendAndWait(const TransportRequest &request)
{
    TransportResponse result;
    QEventLoop loop;
    bool finished = false;
    send(request, [&](const TransportResponse &response) {
        result = response;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

void Transport::send(const TransportRequest &request, Callback done)
{
    // The hop runs in the network thread; only the finished response comes back here, so a
    // busy caller (the GUI laying out a huge card) delays the callback, never the exchange, its
    // timers or its timings.
    QPointer<Transport> self(this);
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, self, request, done] {
        worker->send(request, [self, done](const TransportResponse &response) {
            QMetaObject::invokeMethod(
                self.data(), [done, response] { done(response); }, Qt::QueuedConnection);
        });
    });
}

} // namespace hb::net
