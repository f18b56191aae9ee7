#include "draftordersmodel.h"

#include "ehr/orderentry.h"
#include "ehr/patientchart.h"
#include "fhir/catalogue.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

DraftOrdersModel::DraftOrdersModel(AppContext &context, QObject *parent)
    : QAbstractListModel(parent)
    , m_context(context)
{
    connect(&context, &AppContext::ordersChanged, this, &DraftOrdersModel::reload);
    reload();
}

void DraftOrdersModel::reload()
{
    beginResetModel();
    m_references = m_context.state().orders.references();
    endResetModel();
}

int DraftOrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_references.size());
}

QVariant DraftOrdersModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const QString &reference = m_references.at(index.row());
    const QJsonObject resource = m_context.state().orders.find(reference);
    switch (role) {
    case ReferenceRole:
        return reference;
    case DisplayRole:
        // Dose, route and frequency; CPT and reasons; what services' systemActions changed.
        return QStringList(QStringList {hb::ehr::orderSummary(resource)}
                           + m_context.state().orders.notesOf(reference))
            .join(u" · "_s);
    case StatusRole:
        return resource.value(u"status"_s).toString();
    case ResourceTypeRole:
        return resource.value(u"resourceType"_s).toString();
    default:
        return {};
    }
}

QHash<int, QByteArray> DraftOrdersModel::roleNames() const
{
    return {{ReferenceRole, "reference"},
            {DisplayRole, "display"},
            {StatusRole, "status"},
            {ResourceTypeRole, "resourceType"}};
}

CatalogueModel::CatalogueModel(QObject *parent)
    : QAbstractListModel(parent)
{
    const auto &catalogue = hb::fhir::Catalogue::builtin();
    auto add = [this](const QJsonArray &items, const QString &kind) {
        for (const auto &item : items)
            m_all << Item {item[u"code"_s].toString(), item[u"display"_s].toString(), kind};
    };
    add(catalogue.formulary(), u"Medication"_s);
    add(catalogue.imaging(), u"Imaging"_s);
    add(catalogue.labs(), u"Lab"_s);
    m_shown = m_all;
}

void CatalogueModel::setFilter(const QString &text)
{
    if (text == m_filter)
        return;
    beginResetModel();
    m_filter = text;
    m_shown.clear();
    for (const Item &item : std::as_const(m_all)) {
        if (item.display.contains(text, Qt::CaseInsensitive))
            m_shown << item;
    }
    endResetModel();
    Q_EMIT filterChanged();
}

int CatalogueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_shown.size());
}

QVariant CatalogueModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Item &item = m_shown.at(index.row());
    switch (role) {
    case CodeRole:
        return item.code;
    case DisplayRole:
        return item.display;
    case KindRole:
        return item.kind;
    default:
        return {};
    }
}

QHash<int, QByteArray> CatalogueModel::roleNames() const
{
    return {{CodeRole, "code"}, {DisplayRole, "display"}, {KindRole, "kind"}};
}
