#pragma once

#include "appcontext.h"

#include <QAbstractListModel>
#include <QtQml/qqml.h>

/// The orders signed in this chart (order-sign moved them out of the drafts): what the order
/// dispatch screen hands to a performer (order-dispatch).
class SignedOrdersModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by OrdersController")

public:
    enum Roles { ReferenceRole = Qt::UserRole, DisplayRole, PerformerRole, ResourceTypeRole };

    explicit SignedOrdersModel(AppContext &context, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    void reload();

    AppContext &m_context;
    QList<QJsonObject> m_orders;
};
