#include "logmodel.h"

#include "net/exchangefilter.h"
#include "net/har.h"
#include "storage/paths.h"

#include <QDateTime>

#include <QJsonDocument>

using namespace Qt::StringLiterals;

LogModel::LogModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void LogModel::setLog(hb::net::ExchangeLog *log)
{
    if (m_log)
        disconnect(m_log, nullptr, this, nullptr);
    m_log = log;
    if (m_log) {
        // Queued: exchanges may be appended on the embedded servers' or a worker's thread.
        connect(m_log, &hb::net::ExchangeLog::exchangeAdded, this, &LogModel::onAdded,
                Qt::QueuedConnection);
        connect(m_log, &hb::net::ExchangeLog::exchangeUpdated, this, &LogModel::onUpdated,
                Qt::QueuedConnection);
        connect(m_log, &hb::net::ExchangeLog::cleared, this, &LogModel::reload,
                Qt::QueuedConnection);
    }
    reload();
}

void LogModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_summaries.clear();
    m_keys.clear();
    m_rowById.clear();
    m_firstWarning.clear();
    const QList<hb::net::Exchange> all = m_log ? m_log->exchanges() : QList<hb::net::Exchange>();
    m_rows.reserve(all.size());
    m_summaries.reserve(all.size());
    for (const auto &exchange : all)
        appendRow(exchange);
    endResetModel();
}

void LogModel::appendRow(const hb::net::Exchange &exchange)
{
    m_rowById.insert(exchange.id, int(m_rows.size()));
    m_rows.append(exchange);
    m_summaries.append(summaryFor(exchange));
    m_keys.append(hb::net::keysOf(exchange));
}

LogModel::RowSummary LogModel::summaryFor(const hb::net::Exchange &exchange)
{
    const hb::net::ExchangeSummary summary = hb::net::summarize(exchange);
    if (summary.kind == hb::net::ExchangeSummary::Kind::Warning) {
        const auto first = m_firstWarning.constFind(summary.warningKey);
        if (first != m_firstWarning.cend() && *first != exchange.id) {
            const QString id = summary.warningKey.left(summary.warningKey.indexOf(u'@'));
            const QString repeat = u"same %1 warning as #%2"_s.arg(id).arg(*first);
            return {exchange.note.isEmpty() ? repeat : exchange.note + u" · "_s + repeat,
                    u"repeat"_s};
        }
        m_firstWarning.insert(summary.warningKey, exchange.id);
    }
    return {summary.text, hb::net::toString(summary.kind)};
}

int LogModel::rowOfExchange(quint64 id) const
{
    return m_rowById.value(id, -1);
}

void LogModel::onAdded(quint64 id)
{
    if (!m_log || rowOfExchange(id) >= 0)
        return;
    const auto exchange = m_log->exchange(id);
    if (!exchange)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    appendRow(*exchange);
    endInsertRows();
}

void LogModel::onUpdated(quint64 id)
{
    const int row = rowOfExchange(id);
    const auto exchange = m_log ? m_log->exchange(id) : std::nullopt;
    if (row < 0 || !exchange)
        return;
    m_rows[row] = *exchange;
    m_summaries[row] = summaryFor(*exchange);
    m_keys[row] = hb::net::keysOf(*exchange);
    Q_EMIT dataChanged(index(row), index(row));
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QString LogModel::summaryOf(const hb::net::Exchange &exchange)
{
    return hb::net::summarize(exchange).text;
}

QStringList LogModel::kinds() const
{
    QSet<QString> seen;
    for (const auto &exchange : m_rows)
        seen.insert(exchange.kind);
    QStringList out(seen.cbegin(), seen.cend());
    out.sort();
    return out;
}

QStringList LogModel::services() const
{
    QSet<QString> seen;
    for (const auto &exchange : m_rows) {
        const QString service = hb::net::serviceOf(exchange);
        if (!service.isEmpty())
            seen.insert(service);
    }
    QStringList out(seen.cbegin(), seen.cend());
    out.sort();
    return out;
}

namespace {

QString worstFinding(const hb::net::Exchange &exchange)
{
    QString worst;
    for (const auto &finding : exchange.findings) {
        if (finding.severity == hb::core::Severity::Error)
            return u"error"_s;
        if (finding.severity == hb::core::Severity::Warning)
            worst = u"warning"_s;
        else if (worst.isEmpty())
            worst = u"info"_s;
    }
    return worst;
}

} // namespace

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto &exchange = m_rows.at(index.row());
    switch (role) {
    case ExchangeIdRole:
        return QVariant::fromValue(exchange.id);
    case KindRole:
        return exchange.kind;
    case OriginRole:
        return exchange.origin;
    case MethodRole:
        return QString::fromLatin1(exchange.method);
    case UrlRole:
        return exchange.url.toString();
    case StatusRole:
        return exchange.status;
    case DurationRole:
        return exchange.timings.totalMs;
    case CorsVerdictRole:
        return exchange.cors ? hb::net::toString(exchange.cors->verdict) : QString();
    case SummaryRole:
        return m_summaries.at(index.row()).text;
    case NoteRole:
        return exchange.note;
    case ServiceRole:
        return m_keys.at(index.row()).service;
    case SummaryKindRole:
        return m_summaries.at(index.row()).kind;
    case FindingsRole:
        return worstFinding(exchange);
    default:
        return {};
    }
}

QHash<int, QByteArray> LogModel::roleNames() const
{
    return {{ExchangeIdRole, "exchangeId"},
            {KindRole, "kind"},
            {OriginRole, "origin"},
            {MethodRole, "method"},
            {UrlRole, "url"},
            {StatusRole, "status"},
            {DurationRole, "duration"},
            {CorsVerdictRole, "corsVerdict"},
            {SummaryRole, "summary"},
            {NoteRole, "note"},
            {ServiceRole, "service"},
            {SummaryKindRole, "summaryKind"},
            {FindingsRole, "findings"}};
}

namespace {

QString prettyBody(const QByteArray &body, bool truncated)
{
    const QJsonDocument json = QJsonDocument::fromJson(body);
    QString text = json.isNull() ? QString::fromUtf8(body)
                                 : QString::fromUtf8(json.toJson(QJsonDocument::Indented));
    if (truncated)
        text += u"\n[truncated]"_s;
    return text;
}

// An HTTP message as a developer reads it: start line, header lines (credentials redacted),
// blank line, body (indented when it is JSON).
QString messageText(const QString &startLine, const hb::net::HeaderLines &headers,
                    const QByteArray &body, bool truncated)
{
    QString text = startLine + u'\n';
    for (const auto &line : hb::net::redactHeaders(headers))
        text += QString::fromLatin1(line.name) + u": "_s + QString::fromLatin1(line.value) + u'\n';
    if (!body.isEmpty())
        text += u'\n' + prettyBody(hb::net::redactBody(body), truncated);
    return text;
}

QString jsonText(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented));
    return {};
}

} // namespace

QString LogModel::exportHar() const
{
    if (!m_log)
        return u"Nothing to export yet."_s;
    const QString name = u"exports/hookbench-%1.har"_s.arg(
        QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s));
    const QString path = hb::storage::homePath(name);
    QString error;
    if (!hb::net::writeHar(path, m_log->exchanges(), {}, &error))
        return u"HAR export failed: "_s + error;
    return u"%1 exchange(s) written to %2 (tokens redacted)"_s.arg(m_log->size()).arg(path);
}

QVariantMap LogModel::details(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const auto &exchange = m_rows.at(row);
    const QJsonObject json = hb::net::exchangeToJson(exchange);
    const QString request
        = messageText(QString::fromLatin1(exchange.method) + u' ' + exchange.url.toString(),
                      exchange.requestHeaders, exchange.requestBody, exchange.requestTruncated);
    const QString response = exchange.status > 0
        ? messageText(
            u"HTTP %1 %2"_s.arg(exchange.status).arg(QString::fromLatin1(exchange.reason)),
            exchange.responseHeaders, exchange.responseBody, exchange.responseTruncated)
        : exchange.error;
    return {{u"title"_s, QString::fromLatin1(exchange.method) + u' ' + exchange.url.toString()},
            {u"request"_s, request},
            {u"response"_s, response},
            {u"cors"_s, jsonText(json.value(u"cors"_s))},
            {u"jwt"_s, jsonText(json.value(u"jwt"_s))},
            {u"findings"_s, jsonText(json.value(u"findings"_s))},
            {u"curl"_s, hb::net::toCurl(exchange)}};
}
