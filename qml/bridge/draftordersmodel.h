#pragma once

#include "appcontext.h"

#include <QAbstractListModel>
#include <QtQml/qqml.h>

/// The draft orders of the open chart (what suggestions change, what order-sign signs).
class DraftOrdersModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by OrdersController")

public:
    enum Roles { ReferenceRole = Qt::UserRole, DisplayRole, StatusRole, ResourceTypeRole };

    explicit DraftOrdersModel(AppContext &context, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

private:
    void reload();

    AppContext &m_context;
    QStringList m_references;
};

/// The formulary and imaging catalogue, filtered by what the user types.
class CatalogueModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by OrdersController")
    Q_PROPERTY(QString filter READ filter WRITE setFilter NOTIFY filterChanged)

public:
    enum Roles { CodeRole = Qt::UserRole, DisplayRole, KindRole };

    explicit CatalogueModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] QString filter() const { return m_filter; }
    /// Keeps the items whose name contains `text` (all when empty).
    void setFilter(const QString &text);

Q_SIGNALS:
    void filterChanged();

private:
    struct Item
    {
        QString code;
        QString display;
        QString kind;
    };
    QList<Item> m_all;
    QList<Item> m_shown;
    QString m_filter;
};
