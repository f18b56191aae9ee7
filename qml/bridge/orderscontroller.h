#pragma once

#include "draftordersmodel.h"
#include "signedordersmodel.h"

#include <QObject>
#include <QtQml/qqml.h>

#include <functional>

class InvocationController;
class QQmlEngine;
class QJSEngine;

/// Order entry and scheduling: the catalogue, the draft orders, signing, dispatching a signed
/// order to a performer, booking a follow-up, and (when the workspace allows the deprecated
/// hook) prescribing. Each action fires the hook an EHR fires at that moment (through the
/// invocation controller).
class OrdersController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(DraftOrdersModel *draftOrders READ draftOrders CONSTANT)
    Q_PROPERTY(CatalogueModel *catalogue READ catalogue CONSTANT)
    Q_PROPERTY(SignedOrdersModel *signedOrders READ signedOrders CONSTANT)
    /// The workspace's ehr.medicationPrescribe: whether prescribe() may fire the deprecated hook.
    Q_PROPERTY(bool medicationPrescribe READ medicationPrescribe NOTIFY medicationPrescribeChanged)

public:
    OrdersController(AppContext &context, InvocationController &invocation,
                     QObject *parent = nullptr);
    static OrdersController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] DraftOrdersModel *draftOrders() { return &m_orders; }
    [[nodiscard]] CatalogueModel *catalogue() { return &m_catalogue; }
    [[nodiscard]] SignedOrdersModel *signedOrders() { return &m_signed; }
    [[nodiscard]] bool medicationPrescribe() const;

    /// Adds a formulary or imaging item to the draft orders and fires order-select with it.
    Q_INVOKABLE void addOrder(const QString &code);
    /// Orders each code in turn (each fires order-select), then runs `then`.
    void orderAndThen(QStringList codes, std::function<void()> then);
    Q_INVOKABLE void removeOrder(const QString &reference);
    Q_INVOKABLE void signOrders() { signOrdersAndThen({}); }
    /// Signs the draft orders (order-sign), then runs `then`.
    void signOrdersAndThen(std::function<void()> then);
    /// order-dispatch: hands the signed order `reference` to `performer` (Type/id, picked or
    /// typed) and fires the hook with dispatchedOrders, performer and a fulfillment Task.
    /// Returns why not (the order is not signed, the performer is not Type/id), empty when sent.
    Q_INVOKABLE QString dispatchOrder(const QString &reference, const QString &performer);
    /// medication-prescribe (deprecated, behind the workspace setting): fires it with the draft
    /// medication orders as `medications`. Returns why not, empty when sent.
    Q_INVOKABLE QString prescribe();
    /// Proposes a follow-up visit in `daysAhead` days and fires appointment-book with it.
    Q_INVOKABLE void bookAppointment(int daysAhead);

Q_SIGNALS:
    void medicationPrescribeChanged();

private:
    AppContext &m_context;
    InvocationController &m_invocation;
    DraftOrdersModel m_orders;
    CatalogueModel m_catalogue;
    SignedOrdersModel m_signed;
};
