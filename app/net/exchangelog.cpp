#include "net/exchangelog.h"

#include "security/jwtinspector.h"

#include <QMutexLocker>

#include <algorithm>

namespace hb::net {

std::optional<DecodedJwt> decodeJwt(QByteArrayView token)
{
    QByteArray raw = token.trimmed().toByteArray();
    if (raw.startsWith("Bearer ") || raw.startsWith("bearer "))
        raw = raw.mid(7).trimmed();
    const security::JwtInspection inspection = security::JwtInspector::decode(raw);
    if (!inspection.decoded)
        return std::nullopt;
    return DecodedJwt {raw, inspection.header, inspection.claims, {}};
}

void Exchange::setResponse(const TransportResponse &response)
{
    if (!response.sentHeaders.isEmpty())
        requestHeaders = response.sentHeaders; // exactly what went on the wire
    status = response.status;
    reason = response.reason;
    responseHeaders = response.headers;
    responseBody = response.body;
    responseTruncated = response.truncated;
    responseSize = response.body.size();
    timings = response.timings;
    redirects = response.redirects;
    certificate = response.certificate;
    error = response.errorMessage;
    errorKind = response.ok() ? QString() : toString(response.error);
    if (!response.redirects.isEmpty())
        url = response.url;
    if (!started.isValid())
        started = response.timings.started;
}

Exchange exchangeFor(const TransportRequest &request, const QString &kind)
{
    Exchange exchange;
    exchange.kind = kind;
    exchange.origin = QStringLiteral("hookbench");
    exchange.started = QDateTime::currentDateTimeUtc();
    exchange.method = request.method;
    exchange.url = request.url;
    exchange.requestHeaders = request.headers;
    exchange.requestBody = request.body;
    exchange.requestSize = request.body.size();
    if (const auto authorization = headerGet(request.headers, "authorization"))
        exchange.jwt = decodeJwt(*authorization);
    return exchange;
}

ExchangeLog::ExchangeLog(QObject *parent)
    : QObject(parent)
{ }

void ExchangeLog::setMaxBodyBytes(qint64 bytes)
{
    QMutexLocker lock(&m_mutex);
    m_maxBodyBytes = bytes;
}

void ExchangeLog::setMaxExchanges(int count)
{
    QMutexLocker lock(&m_mutex);
    m_maxExchanges = count;
}

quint64 ExchangeLog::append(Exchange exchange)
{
    quint64 id = 0;
    {
        QMutexLocker lock(&m_mutex);
        auto bound = [this](QByteArray &body, bool &truncated, qint64 &size) {
            size = std::max<qint64>(size, body.size());
            if (body.size() > m_maxBodyBytes) {
                body.truncate(m_maxBodyBytes);
                truncated = true;
            }
        };
        bound(exchange.requestBody, exchange.requestTruncated, exchange.requestSize);
        bound(exchange.responseBody, exchange.responseTruncated, exchange.responseSize);
        id = m_nextId++;
        exchange.id = id;
        m_exchanges.append(std::make_shared<const Exchange>(std::move(exchange)));
        while (m_exchanges.size() > m_maxExchanges)
            m_exchanges.removeFirst();
    }
    Q_EMIT exchangeAdded(id);
    return id;
}

qsizetype ExchangeLog::indexOf(quint64 id) const
{
    // Ids grow with each append and only the oldest are dropped, so the list is sorted by id. A
    // linear scan from the front made each lookup (the log model does one per new row) cost the
    // whole log: quadratic at 100,000 exchanges (bench/run).
    const auto it
        = std::lower_bound(m_exchanges.cbegin(), m_exchanges.cend(), id,
                           [](const ExchangeRef &e, quint64 value) { return e->id < value; });
    return it != m_exchanges.cend() && (*it)->id == id ? it - m_exchanges.cbegin() : -1;
}

bool ExchangeLog::update(quint64 id, const std::function<void(Exchange &)> &change)
{
    {
        QMutexLocker lock(&m_mutex);
        const qsizetype index = indexOf(id);
        if (index < 0)
            return false;
        // Copy on write: views holding the old object keep a consistent one until they reload.
        auto changed = std::make_shared<Exchange>(*m_exchanges.at(index));
        change(*changed);
        changed->id = id;
        m_exchanges[index] = std::move(changed);
    }
    Q_EMIT exchangeUpdated(id);
    return true;
}

std::optional<Exchange> ExchangeLog::exchange(quint64 id) const
{
    QMutexLocker lock(&m_mutex);
    const qsizetype index = indexOf(id);
    return index < 0 ? std::nullopt : std::optional<Exchange>(*m_exchanges.at(index));
}

ExchangeRef ExchangeLog::find(quint64 id) const
{
    QMutexLocker lock(&m_mutex);
    const qsizetype index = indexOf(id);
    return index < 0 ? nullptr : m_exchanges.at(index);
}

QList<Exchange> ExchangeLog::exchanges() const
{
    QMutexLocker lock(&m_mutex);
    QList<Exchange> out;
    out.reserve(m_exchanges.size());
    for (const auto &exchange : m_exchanges)
        out.append(*exchange);
    return out;
}

QList<ExchangeRef> ExchangeLog::snapshot() const
{
    QMutexLocker lock(&m_mutex);
    return m_exchanges;
}

qsizetype ExchangeLog::size() const
{
    QMutexLocker lock(&m_mutex);
    return m_exchanges.size();
}

void ExchangeLog::clear()
{
    {
        QMutexLocker lock(&m_mutex);
        m_exchanges.clear();
    }
    Q_EMIT cleared();
}

} // namespace hb::net
