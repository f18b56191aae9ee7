#include "sourcesmodel.h"

using namespace Qt::StringLiterals;

SourcesModel::SourcesModel(AppContext &context, QObject *parent)
    : QAbstractListModel(parent)
    , m_context(context)
{
    connect(&context, &AppContext::workspaceChanged, this, &SourcesModel::reload);
    reload();
}

void SourcesModel::reload()
{
    QStringList urls;
    for (const auto &source : m_context.workspace().sources)
        urls << source.url;
    if (urls == m_urls) {
        if (!m_urls.isEmpty())
            Q_EMIT dataChanged(index(0), index(int(m_urls.size()) - 1));
        return;
    }
    beginResetModel();
    m_urls = urls;
    endResetModel();
}

void SourcesModel::setOutcome(const QString &url, const QString &error, bool busy)
{
    if (error.isEmpty())
        m_errors.remove(url);
    else
        m_errors.insert(url, error);
    if (busy)
        m_busy.insert(url);
    else
        m_busy.remove(url);
    const int row = int(m_urls.indexOf(url));
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {ErrorRole, BusyRole});
}

int SourcesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_urls.size());
}

QVariant SourcesModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const QString &url = m_urls.at(index.row());
    const auto *source = m_context.workspace().source(url);
    if (!source)
        return {};
    switch (role) {
    case UrlRole:
        return url;
    case ResolvedUrlRole:
        return m_context.discoveryUrlOf(url).toString();
    case LabelRole:
        if (url == QStringView(hb::storage::EmbeddedDemoSource))
            return u"Demo services"_s;
        if (url.startsWith(QStringView(hb::storage::EmbeddedLabSource)))
            return u"Misbehaviour lab"_s;
        return QUrl(url).authority();
    case ServiceCountRole:
        return int(source->services.size());
    case DiscoveredAtRole:
        return source->discoveredAt.isValid()
            ? source->discoveredAt.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s)
            : QString();
    case ErrorRole:
        return m_errors.value(url);
    case BusyRole:
        return m_busy.contains(url);
    default:
        return {};
    }
}

QHash<int, QByteArray> SourcesModel::roleNames() const
{
    return {{UrlRole, "url"},
            {ResolvedUrlRole, "resolvedUrl"},
            {LabelRole, "label"},
            {ServiceCountRole, "serviceCount"},
            {DiscoveredAtRole, "discoveredAt"},
            {ErrorRole, "error"},
            {BusyRole, "busy"}};
}
