#include "logmodel.h"

#include "core/rulesreference.h"
#include "net/bugreport.h"
#include "net/exchangefilter.h"
#include "net/exchangeview.h"
#include "net/har.h"
#include "storage/paths.h"

#include <QClipboard>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QGuiApplication>

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

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
    const QList<hb::net::ExchangeRef> all
        = m_log ? m_log->snapshot() : QList<hb::net::ExchangeRef>();
    m_rows.reserve(all.size());
    m_summaries.reserve(all.size());
    m_keys.reserve(all.size());
    m_rowById.reserve(all.size());
    for (const auto &exchange : all)
        appendRow(exchange);
    endResetModel();
}

void LogModel::appendRow(hb::net::ExchangeRef exchange)
{
    m_rowById.insert(exchange->id, int(m_rows.size()));
    m_summaries.append(summaryFor(*exchange));
    m_keys.append(hb::net::keysOf(*exchange));
    m_rows.append(std::move(exchange));
}

LogModel::RowSummary LogModel::summaryFor(const hb::net::Exchange &exchange)
{
    const hb::net::ExchangeSummary summary = hb::net::summarize(exchange);
    if (summary.kind == hb::net::ExchangeSummary::Kind::Warning) {
        const auto first = m_firstWarning.constFind(summary.warningKey);
        if (first != m_firstWarning.cend() && *first != exchange.id)
            return {{}, u"repeat"_s, *first};
        m_firstWarning.insert(summary.warningKey, exchange.id);
    }
    return {summary.text, hb::net::toString(summary.kind), 0};
}

QString LogModel::summaryText(int row) const
{
    const RowSummary &summary = m_summaries.at(row);
    if (summary.repeatOf == 0)
        return summary.text;
    const hb::net::Exchange &exchange = *m_rows.at(row);
    const QString key = hb::net::summarize(exchange).warningKey;
    const QString repeat
        = u"same %1 warning as #%2"_s.arg(key.left(key.indexOf(u'@'))).arg(summary.repeatOf);
    return exchange.note.isEmpty() ? repeat : exchange.note + u" · "_s + repeat;
}

int LogModel::rowOfExchange(quint64 id) const
{
    return m_rowById.value(id, -1);
}

void LogModel::onAdded(quint64 id)
{
    if (!m_log || rowOfExchange(id) >= 0)
        return;
    auto exchange = m_log->find(id);
    if (!exchange)
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    appendRow(std::move(exchange));
    endInsertRows();
}

void LogModel::onUpdated(quint64 id)
{
    const int row = rowOfExchange(id);
    auto exchange = m_log ? m_log->find(id) : nullptr;
    if (row < 0 || !exchange)
        return;
    m_summaries[row] = summaryFor(*exchange);
    m_keys[row] = hb::net::keysOf(*exchange);
    m_rows[row] = std::move(exchange);
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
        seen.insert(exchange->kind);
    QStringList out(seen.cbegin(), seen.cend());
    out.sort();
    return out;
}

QStringList LogModel::services() const
{
    QSet<QString> seen;
    for (const auto &exchange : m_rows) {
        const QString service = hb::net::serviceOf(*exchange);
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
    const auto &exchange = *m_rows.at(index.row());
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
        return summaryText(index.row());
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

QString LogModel::exportHar() const
{
    const QString name = u"exports/hookbench-%1.har"_s.arg(
        QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss"_s));
    return saveHar(QUrl::fromLocalFile(hb::storage::homePath(name)));
}

QString LogModel::saveHar(const QUrl &file) const
{
    if (!m_log)
        return u"Nothing to export yet."_s;
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    if (path.isEmpty())
        return u"No file chosen."_s;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QString error;
    if (!hb::net::writeHar(path, m_log->exchanges(), {}, &error))
        return u"HAR export failed: "_s + error;
    return u"%1 exchange(s) written to %2 (tokens redacted)"_s.arg(m_log->size()).arg(path);
}

QString LogModel::writeBugReport(const QUrl &folder) const
{
    if (!m_log)
        return u"Nothing to report yet."_s;
    const QString parent = folder.isEmpty() ? hb::storage::homePath(u"exports"_s)
        : folder.isLocalFile()              ? folder.toLocalFile()
                                            : folder.toString();
    QString error;
    const auto report = hb::net::writeBugReport(parent, m_log->exchanges(), &error);
    if (!report)
        return u"Bug report failed: "_s + error;
    return u"Bug report written to %1 (%2)"_s.arg(report->folder, report->files.join(u", "_s));
}

QVariantMap LogModel::details(int row) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const QJsonObject jwks = m_keyStore ? m_keyStore->publicJwks() : QJsonObject();
    QVariantMap out = hb::net::inspectorView(*m_rows.at(row), jwks).toVariantMap();
    out.insert(u"row"_s, row);
    out.insert(u"summary"_s, summaryText(row));
    out.insert(u"summaryKind"_s, m_summaries.at(row).kind);
    return out;
}

QString LogModel::curl(int row, bool live) const
{
    if (row < 0 || row >= m_rows.size())
        return {};
    const auto &exchange = *m_rows.at(row);
    return live && m_keyStore ? hb::net::toLiveCurl(exchange, *m_keyStore)
                              : hb::net::toCurl(exchange);
}

void LogModel::copy(const QString &text) const
{
    if (auto *clipboard = QGuiApplication::clipboard())
        clipboard->setText(text);
}

QString LogModel::lastHook() const
{
    for (auto it = m_rows.crbegin(); it != m_rows.crend(); ++it) {
        if ((*it)->kind == u"hook"_s)
            return QJsonDocument::fromJson((*it)->requestBody).object().value(u"hook"_s).toString();
    }
    return {};
}

QVariantMap LogModel::rule(const QString &id) const
{
    const auto &rules = hb::core::rulesReference();
    const auto it = rules.constFind(id);
    if (it == rules.cend())
        return {};
    // The reference writes code in backticks; show it as code, everything else escaped.
    QString html = it->requirement.toHtmlEscaped();
    static const QRegularExpression code(u"`([^`]*)`"_s);
    html.replace(code, u"<code>\\1</code>"_s);
    return {{u"id"_s, it->id},   {u"text"_s, it->requirement},
            {u"html"_s, html},   {u"severity"_s, it->severity},
            {u"url"_s, it->url}, {u"section"_s, it->section}};
}

QString LogModel::rulesMarkdown() const
{
    return hb::core::rulesReferenceText();
}
