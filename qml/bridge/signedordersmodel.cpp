#include "signedordersmodel.h"

#include "ehr/orderentry.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

SignedOrdersModel::SignedOrdersModel(AppContext &context, QObject *parent)
    : QAbstractListModel(parent)
    , m_context(context)
{
    connect(&context, &AppContext::ordersChanged, this, &SignedOrdersModel::reload);
    connect(&context, &AppContext::patientChanged, this, &SignedOrdersModel::reload);
    reload();
}

void SignedOrdersModel::reload()
{
    beginResetModel();
    m_orders = m_context.state().orders.signedOrders();
    endResetModel();
}

int SignedOrdersModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_orders.size());
}

QVariant SignedOrdersModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const QJsonObject &order = m_orders.at(index.row());
    switch (role) {
    case ReferenceRole:
        return hb::ehr::DraftOrders::referenceOf(order);
    case DisplayRole:
        return hb::ehr::orderSummary(order);
    case PerformerRole: {
        // MedicationRequest.performer is one reference, ServiceRequest.performer a list.
        const QJsonValue performer = order.value(u"performer"_s);
        return performer.isArray() ? performer[0][u"reference"_s].toString()
                                   : performer[u"reference"_s].toString();
    }
    case ResourceTypeRole:
        return order.value(u"resourceType"_s).toString();
    default:
        return {};
    }
}

QHash<int, QByteArray> SignedOrdersModel::roleNames() const
{
    return {{ReferenceRole, "reference"},
            {DisplayRole, "display"},
            {PerformerRole, "performer"},
            {ResourceTypeRole, "resourceType"}};
}
