#include "servicesmodel.h"

#include <algorithm>

using namespace Qt::StringLiterals;

ServicesModel::ServicesModel(AppContext &context, QObject *parent)
    : QAbstractListModel(parent)
    , m_context(context)
{
    connect(&context, &AppContext::workspaceChanged, this, &ServicesModel::reload);
    connect(&context, &AppContext::serviceStatusChanged, this, [this](const QString &key) {
        const int row = rowOf(key);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row),
                               {LastStatusRole, LastLatencyRole, CorsBadgeRole, LastOkRole});
    });
    reload();
}

void ServicesModel::reload()
{
    QList<Row> rows;
    const auto &sources = m_context.workspace().sources;
    for (int s = 0; s < sources.size(); ++s) {
        for (int i = 0; i < sources.at(s).services.size(); ++i) {
            const auto &definition = sources.at(s).services.at(i).definition;
            rows << Row {s, i,
                         AppContext::serviceKey(sources.at(s).url, definition.id, definition.hook)};
        }
    }
    const bool sameRows = std::equal(rows.begin(), rows.end(), m_rows.begin(), m_rows.end(),
                                     [](const Row &a, const Row &b) { return a.key == b.key; });
    if (sameRows) {
        // Only settings changed: keep the views' scroll position and current row.
        if (!m_rows.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_rows.size()) - 1));
        return;
    }
    beginResetModel();
    m_rows = rows;
    endResetModel();
}

int ServicesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

bool ServicesModel::locate(int row, int *source, int *service) const
{
    if (row < 0 || row >= m_rows.size())
        return false;
    *source = m_rows.at(row).source;
    *service = m_rows.at(row).service;
    return true;
}

int ServicesModel::rowOf(const QString &key) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).key == key)
            return row;
    }
    return -1;
}

QVariant ServicesModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row &row = m_rows.at(index.row());
    const auto &source = m_context.workspace().sources.at(row.source);
    const auto &service = source.services.at(row.service);
    const auto &definition = service.definition;
    const auto &settings = service.settings;
    switch (role) {
    case HookRole:
        return definition.hook;
    case TitleRole:
        return definition.title.isEmpty() ? definition.id : definition.title;
    case ServiceIdRole:
        return definition.id;
    case DescriptionRole:
        return definition.description;
    case PrefetchKeysRole:
        return QStringList(definition.prefetch.keys());
    case SourceUrlRole:
        return source.url;
    case EnabledRole:
        return settings.enabled;
    case LastStatusRole:
        return m_context.serviceStatus(row.key).status;
    case LastLatencyRole:
        return m_context.serviceStatus(row.key).latencyMs;
    case CorsBadgeRole:
        return m_context.serviceStatus(row.key).cors;
    case LastOkRole:
        return m_context.serviceStatus(row.key).ok;
    case PrefetchModeRole:
        return settings.prefetchMode;
    case ChosenKeysRole:
        return settings.prefetchKeys;
    case AccessTokenRole:
        return settings.accessToken;
    case ScopesRole:
        return settings.scopes.value_or(QStringList());
    case ScopesDerivedRole:
        return !settings.scopes.has_value();
    case SubjectRole:
        return settings.subject;
    case JwtFaultRole:
        return settings.jwtFault;
    default:
        return {};
    }
}

QHash<int, QByteArray> ServicesModel::roleNames() const
{
    return {{HookRole, "hook"},
            {TitleRole, "title"},
            {ServiceIdRole, "serviceId"},
            {DescriptionRole, "description"},
            {PrefetchKeysRole, "prefetchKeys"},
            {SourceUrlRole, "sourceUrl"},
            {EnabledRole, "serviceEnabled"},
            {LastStatusRole, "lastStatus"},
            {LastLatencyRole, "lastLatency"},
            {CorsBadgeRole, "corsBadge"},
            {LastOkRole, "lastOk"},
            {PrefetchModeRole, "prefetchMode"},
            {ChosenKeysRole, "chosenKeys"},
            {AccessTokenRole, "accessToken"},
            {ScopesRole, "scopes"},
            {ScopesDerivedRole, "scopesDerived"},
            {SubjectRole, "subject"},
            {JwtFaultRole, "jwtFault"}};
}
