#pragma once

#include "draftordersmodel.h"

#include <QObject>
#include <QtQml/qqml.h>

#include <functional>

class InvocationController;
class QQmlEngine;
class QJSEngine;

/// Order entry and scheduling: the catalogue, the draft orders, signing, booking a follow-up.
/// Each action fires the hook an EHR fires at that moment (through the invocation controller).
class OrdersController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(DraftOrdersModel *draftOrders READ draftOrders CONSTANT)
    Q_PROPERTY(CatalogueModel *catalogue READ catalogue CONSTANT)

public:
    OrdersController(AppContext &context, InvocationController &invocation,
                     QObject *parent = nullptr);
    static OrdersController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] DraftOrdersModel *draftOrders() { return &m_orders; }
    [[nodiscard]] CatalogueModel *catalogue() { return &m_catalogue; }

    /// Adds a formulary or imaging item to the draft orders and fires order-select with it.
    Q_INVOKABLE void addOrder(const QString &code);
    /// Orders each code in turn (each fires order-select), then runs `then`.
    void orderAndThen(QStringList codes, std::function<void()> then);
    Q_INVOKABLE void removeOrder(const QString &reference);
    Q_INVOKABLE void signOrders();
    /// Proposes a follow-up visit in `daysAhead` days and fires appointment-book with it.
    Q_INVOKABLE void bookAppointment(int daysAhead);

private:
    AppContext &m_context;
    InvocationController &m_invocation;
    DraftOrdersModel m_orders;
    CatalogueModel m_catalogue;
};
