#pragma once

// Every HTTP exchange Hookbench sees (its own calls, preflights, the embedded servers' traffic),
// kept in memory with bounded bodies for the log panel, HAR export and copy-as-curl.
#include "core/finding.h"
#include "net/corsevaluator.h"
#include "net/exchangeshared.h"
#include "net/transport.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QObject>

#include <memory>
#include <optional>

namespace hb::net {

/// The client JWT that went out with a request, decoded for display.
struct DecodedJwt
{
    QByteArray token; ///< compact JWS (redacted in exports unless asked)
    QJsonObject header;
    QJsonObject claims;
    QString fault; ///< deliberate fault label ("none" for a valid token)
};

/// Decodes a compact JWS or "Bearer <jws>" without verifying it; nullopt if it is not one.
std::optional<DecodedJwt> decodeJwt(QByteArrayView token);

struct Exchange
{
    quint64 id = 0; ///< assigned by the log
    QString kind; ///< discovery, hook, feedback, preflight, probe, fhir, token, ...
    QString origin; ///< who made the call: "hookbench" or "service" (calls into embedded servers)
    QString note; ///< e.g. "preflight of #12", the service id
    QDateTime started;
    QByteArray method;
    QUrl url;
    HeaderLines requestHeaders;
    QByteArray requestBody;
    bool requestTruncated = false;
    qint64 requestSize = 0; ///< the full size before bounding
    int status = 0; ///< 0 = no HTTP response
    QByteArray reason;
    HeaderLines responseHeaders;
    QByteArray responseBody;
    bool responseTruncated = false;
    qint64 responseSize = 0;
    Timings timings;
    QList<RedirectHop> redirects;
    // Shared between copies (the log and its views), copied on write: see exchangeshared.h.
    SharedOptional<DecodedJwt> jwt;
    SharedOptional<CorsEvaluation> cors;
    QList<core::Finding> findings;
    QString error; ///< the transport's sentence, empty when answered
    QString errorKind; ///< toString(TransportError)
    SharedOptional<CertificateInfo> certificate;
    quint64 relatedId = 0; ///< e.g. the actual call a preflight belongs to
    /// For a hook call: one object per prefetch key {key, template, query?, status?, outcome,
    /// reason?}, and the service's own reads of the FHIR server during the call (audit rows).
    QJsonArray prefetchTrace;
    QJsonArray accessAudit;

    /// Fills the response side (status, headers, body, timings, error) from a transport result.
    void setResponse(const TransportResponse &response);
};

/// A stored exchange, shared read-only between the log and its views: a view holds the same
/// object the log does instead of a copy of its 856-byte struct (bench/run's 100,000-exchange
/// log held each one twice). update() replaces the object, so a holder never sees it change.
using ExchangeRef = std::shared_ptr<const Exchange>;

/// Builds an exchange for a request that is about to be sent.
Exchange exchangeFor(const TransportRequest &request, const QString &kind);

/// Thread-safe, bounded, in-memory log. Signals are emitted from the appending thread.
class ExchangeLog : public QObject
{
    Q_OBJECT

public:
    explicit ExchangeLog(QObject *parent = nullptr);

    /// Bodies longer than this are cut (and marked truncated) when appended.
    void setMaxBodyBytes(qint64 bytes);
    /// Oldest exchanges are dropped beyond this count.
    void setMaxExchanges(int count);

    /// Stores a copy and returns its id.
    quint64 append(Exchange exchange);
    /// Applies `change` to a stored exchange (e.g. to add findings); false if it is gone.
    bool update(quint64 id, const std::function<void(Exchange &)> &change);
    std::optional<Exchange> exchange(quint64 id) const;
    /// The stored exchange itself (no copy), null when it is gone.
    ExchangeRef find(quint64 id) const;
    QList<Exchange> exchanges() const;
    /// Every stored exchange, oldest first, without copying them.
    QList<ExchangeRef> snapshot() const;
    qsizetype size() const;
    void clear();

Q_SIGNALS:
    void exchangeAdded(quint64 id);
    void exchangeUpdated(quint64 id);
    void cleared();

private:
    /// The position of the exchange with `id`, -1 when gone; the caller holds m_mutex.
    qsizetype indexOf(quint64 id) const;

    mutable QMutex m_mutex;
    QList<ExchangeRef> m_exchanges;
    quint64 m_nextId = 1;
    qint64 m_maxBodyBytes = 1024 * 1024;
    int m_maxExchanges = 5000;
};

} // namespace hb::net
