#include "orderscontroller.h"

#include "gui.h"
#include "invocationcontroller.h"

#include "ehr/orderentry.h"
#include "session/ehrstate.h"

#include <QJSEngine>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
const QStringList OrderHooks {u"order-select"_s, u"order-sign"_s};
} // namespace

OrdersController::OrdersController(AppContext &context, InvocationController &invocation,
                                   QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_invocation(invocation)
    , m_orders(context)
    , m_signed(context)
{
    connect(&context, &AppContext::workspaceChanged, this,
            &OrdersController::medicationPrescribeChanged);
}

bool OrdersController::medicationPrescribe() const
{
    return m_context.workspace().ehr.medicationPrescribe;
}

OrdersController *OrdersController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = &Gui::instance().orders;
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

void OrdersController::addOrder(const QString &code)
{
    orderAndThen({code}, {});
}

void OrdersController::orderAndThen(QStringList codes, std::function<void()> then)
{
    if (codes.isEmpty()) {
        if (then)
            then();
        return;
    }
    auto &state = m_context.state();
    const QString code = codes.takeFirst();
    const auto order
        = hb::ehr::draftOrderFor(code, {state.patientId, state.encounterId, state.userId});
    if (!order) {
        m_invocation.setLastFire(
            u"'%1' is neither in the formulary nor in the imaging catalogue"_s.arg(code));
        orderAndThen(codes, then);
        return;
    }
    const QString reference = state.orders.put(*order);
    state.orders.select({reference});
    m_context.notifyOrdersChanged();
    m_invocation.cards()->removeHooks(OrderHooks); // they were about other draft orders
    m_invocation.fireAndThen(u"order-select"_s, [this, codes, then] { orderAndThen(codes, then); });
}

void OrdersController::removeOrder(const QString &reference)
{
    if (!m_context.state().orders.remove(reference))
        return;
    m_context.notifyOrdersChanged();
    m_invocation.cards()->removeHooks(OrderHooks);
}

void OrdersController::signOrdersAndThen(std::function<void()> then)
{
    auto &state = m_context.state();
    if (state.orders.isEmpty()) {
        if (then)
            then();
        return;
    }
    state.orders.select({});
    // The orders sent with order-sign are signed once the services answered: they leave the
    // draft list.
    const QStringList sent = state.orders.references();
    m_invocation.fireAndThen(u"order-sign"_s, [this, sent, then] {
        m_context.state().orders.sign(sent);
        m_context.notifyOrdersChanged();
        if (then)
            then();
    });
}

QString OrdersController::dispatchOrder(const QString &reference, const QString &performer)
{
    const QString error
        = hb::session::dispatchOrder(m_context.state(), reference, performer.trimmed());
    if (!error.isEmpty()) {
        m_invocation.setLastFire(u"Not dispatched: "_s + error);
        return error;
    }
    m_context.notifyOrdersChanged(); // the order names its performer now
    m_invocation.fireHook(u"order-dispatch"_s);
    return {};
}

QString OrdersController::prescribe()
{
    QString error;
    if (!medicationPrescribe())
        error = u"medication-prescribe is deprecated and off: turn it on in Settings"_s;
    else if (m_context.state().orders.count(u"MedicationRequest"_s) == 0)
        error = u"medication-prescribe needs a draft medication order"_s;
    if (!error.isEmpty()) {
        m_invocation.setLastFire(u"Not sent: "_s + error);
        return error;
    }
    m_invocation.fireHook(u"medication-prescribe"_s);
    return {};
}

void OrdersController::bookAppointment(int daysAhead)
{
    auto &state = m_context.state();
    const QJsonObject appointment = hb::ehr::proposedAppointment(
        {state.patientId, state.encounterId, state.userId}, daysAhead);
    state.appointments
        = QJsonObject {{u"resourceType"_s, u"Bundle"_s},
                       {u"type"_s, u"collection"_s},
                       {u"entry"_s, QJsonArray {QJsonObject {{u"resource"_s, appointment}}}}};
    m_invocation.fireHook(u"appointment-book"_s);
}
