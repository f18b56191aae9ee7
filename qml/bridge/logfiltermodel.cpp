#include "logfiltermodel.h"

#include "logmodel.h"

LogFilterModel::LogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    // Sorting by source row keeps the log's order; dynamic so appended rows land in place.
    setDynamicSortFilter(true);
    connect(this, &QAbstractItemModel::rowsInserted, this, &LogFilterModel::countChanged);
    connect(this, &QAbstractItemModel::rowsRemoved, this, &LogFilterModel::countChanged);
    connect(this, &QAbstractItemModel::modelReset, this, &LogFilterModel::countChanged);
    connect(this, &QAbstractItemModel::layoutChanged, this, &LogFilterModel::countChanged);
}

void LogFilterModel::setLog(LogModel *log)
{
    if (m_log == log)
        return;
    m_log = log;
    setSourceModel(log);
    Q_EMIT logChanged();
    Q_EMIT countChanged();
}

void LogFilterModel::changeFilter(const std::function<void(hb::net::ExchangeFilter &)> &change)
{
    hb::net::ExchangeFilter next = m_filter;
    change(next);
    if (next.kinds == m_filter.kinds && next.service == m_filter.service
        && next.statusClass == m_filter.statusClass && next.corsVerdict == m_filter.corsVerdict
        && next.minSeverity == m_filter.minSeverity && next.text == m_filter.text)
        return;
    m_filter = next;
    m_filter.prepare();
    // invalidate(), not invalidateFilter(): the latter diffs old and new rows and announces
    // every gap as its own insert/remove, which is quadratic at 100,000 rows.
    invalidate();
    Q_EMIT filterChanged();
    Q_EMIT countChanged();
}

void LogFilterModel::setKind(const QString &kind)
{
    changeFilter([&](auto &f) { f.kinds = kind.isEmpty() ? QStringList() : QStringList {kind}; });
}

void LogFilterModel::setService(const QString &service)
{
    changeFilter([&](auto &f) { f.service = service; });
}

void LogFilterModel::setStatusClass(const QString &statusClass)
{
    changeFilter([&](auto &f) { f.statusClass = statusClass; });
}

void LogFilterModel::setCorsVerdict(const QString &verdict)
{
    changeFilter([&](auto &f) { f.corsVerdict = verdict; });
}

void LogFilterModel::setMinSeverity(const QString &severity)
{
    changeFilter([&](auto &f) { f.minSeverity = severity; });
}

void LogFilterModel::setText(const QString &text)
{
    changeFilter([&](auto &f) { f.text = text.trimmed(); });
}

void LogFilterModel::clearFilters()
{
    changeFilter([](auto &f) { f = {}; });
}

void LogFilterModel::setNewestFirst(bool newestFirst)
{
    if (m_newestFirst == newestFirst)
        return;
    m_newestFirst = newestFirst;
    sort(newestFirst ? 0 : -1, Qt::DescendingOrder);
    Q_EMIT newestFirstChanged();
}

int LogFilterModel::sourceRow(int row) const
{
    if (row < 0 || row >= rowCount())
        return -1;
    return mapToSource(index(row, 0)).row();
}

int LogFilterModel::rowOfExchange(quint64 id) const
{
    if (!m_log)
        return -1;
    const int source = m_log->rowOfExchange(id);
    return source < 0 ? -1 : mapFromSource(m_log->index(source)).row();
}

bool LogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    if (sourceParent.isValid() || !m_log)
        return false;
    return m_filter.isEmpty()
        || hb::net::matches(m_log->exchangeAt(sourceRow), m_filter, &m_log->keysAt(sourceRow));
}

bool LogFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    return left.row() < right.row();
}
