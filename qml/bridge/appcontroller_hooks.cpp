// AppController: firing hooks and acting on cards (split from appcontroller.cpp by concern).
#include "appcontroller.h"

#include "ehr/actionapplier.h"
#include "ehr/feedbackpolicy.h"
#include "ehr/markdownsafety.h"
#include "ehr/orderentry.h"
#include "ehr/smartlaunch.h"
#include "ehr/systemactions.h"
#include "session/invocationsummary.h"
#include "session/workbench.h"

#include <QJsonArray>
#include <QSharedPointer>

using namespace Qt::StringLiterals;

namespace {

QJsonArray actionsOf(const QList<hb::core::Action> &actions)
{
    QJsonArray array;
    for (const auto &action : actions)
        array.append(action.raw);
    return array;
}

} // namespace

void AppController::fireHook(const QString &hook)
{
    fireAndThen(hook, {});
}

void AppController::fireAndThen(const QString &hook, std::function<void()> then)
{
    const auto services = m_registry.forHook(hook);
    if (!m_workbench || services.isEmpty()) {
        m_lastFire = u"%1: no service is registered for this hook"_s.arg(hook);
        Q_EMIT lastFireChanged();
        if (then)
            then();
        return;
    }
    auto pending = QSharedPointer<qsizetype>::create(services.size());
    auto lines = QSharedPointer<QStringList>::create();
    hb::session::InvocationOptions options = m_invocation;
    options.fhirServer = m_workbench->fhirBase(); // embedded, or the remote source (via its proxy)
    m_pendingCalls += int(services.size());
    Q_EMIT pendingCallsChanged();
    for (const auto &service : services) {
        m_workbench->invoker()->invoke(
            m_discovery, service, m_state, options,
            [this, hook, pending, lines, then](const hb::session::InvocationResult &result) {
                --m_pendingCalls;
                Q_EMIT pendingCallsChanged();
                showInvocation(result);
                lines->append(hb::session::oneLineSummary(result));
                if (--*pending == 0) {
                    m_lastFire = hook + u" → "_s + lines->join(u" · "_s);
                    Q_EMIT lastFireChanged();
                    if (then)
                        then();
                }
            });
    }
}

void AppController::showInvocation(const hb::session::InvocationResult &result)
{
    const QString title = result.service.title.isEmpty() ? result.service.id : result.service.title;
    const QString failure = hb::session::failureOf(result, m_workbench->client()->options().origin);
    if (!failure.isEmpty()) {
        m_cards.setServiceError(result.service.id, title, failure);
        return;
    }
    m_cards.setServiceCards(result.service.id, title, result.request.hookInstance,
                            result.call.cdsResponse->cards);
    applySystemActions(result);
}

void AppController::applySystemActions(const hb::session::InvocationResult &result)
{
    const auto &actions = result.call.cdsResponse->systemActions;
    if (actions.isEmpty())
        return;
    // systemActions are never shown as cards (C19); they change the draft orders when they can,
    // and each updated order says what the service changed (e.g. its PAMA rating).
    const auto applied
        = hb::ehr::applySystemActions(m_state.orders, actionsOf(actions), result.service.id).apply;
    m_lastFire += applied.ok
        ? u" · system actions applied: "_s + applied.applied.join(u"; "_s)
        : u" · system actions not applied: "_s + applied.problems.join(u"; "_s);
    if (applied.ok)
        Q_EMIT ordersChanged();
}

void AppController::addOrder(const QString &code)
{
    orderAndThen({code}, {});
}

void AppController::orderAndThen(QStringList codes, std::function<void()> then)
{
    if (codes.isEmpty()) {
        if (then)
            then();
        return;
    }
    const QString code = codes.takeFirst();
    const auto order
        = hb::ehr::draftOrderFor(code, {m_state.patientId, m_state.encounterId, m_state.userId});
    if (!order) {
        m_lastFire = u"'%1' is neither in the formulary nor in the imaging catalogue"_s.arg(code);
        Q_EMIT lastFireChanged();
        orderAndThen(codes, then);
        return;
    }
    const QString reference = m_state.orders.put(*order);
    m_state.orders.select({reference});
    Q_EMIT ordersChanged();
    fireAndThen(u"order-select"_s, [this, codes, then] { orderAndThen(codes, then); });
}

void AppController::removeOrder(const QString &reference)
{
    if (m_state.orders.remove(reference))
        Q_EMIT ordersChanged();
}

void AppController::signOrders()
{
    if (m_state.orders.isEmpty())
        return;
    m_state.orders.select({});
    // The orders sent with order-sign are signed once the services answered: they leave the
    // draft list (the order-dispatch screen lists them).
    const QStringList sent = m_state.orders.references();
    fireAndThen(u"order-sign"_s, [this, sent] {
        m_state.orders.sign(sent);
        Q_EMIT ordersChanged();
    });
}

void AppController::bookAppointment(int daysAhead)
{
    const QJsonObject appointment = hb::ehr::proposedAppointment(
        {m_state.patientId, m_state.encounterId, m_state.userId}, daysAhead);
    m_state.appointments
        = QJsonObject {{u"resourceType"_s, u"Bundle"_s},
                       {u"type"_s, u"collection"_s},
                       {u"entry"_s, QJsonArray {QJsonObject {{u"resource"_s, appointment}}}}};
    fireHook(u"appointment-book"_s);
}

void AppController::acceptSuggestion(int row, int suggestion)
{
    const auto *entry = m_cards.entry(row);
    if (!entry || suggestion < 0 || suggestion >= entry->card.suggestions.size())
        return;
    const auto applied = hb::ehr::applyActions(
        m_state.orders, actionsOf(entry->card.suggestions.at(suggestion).actions));
    if (!applied.ok) {
        m_lastFire = u"Suggestion not applied: "_s + applied.problems.join(u"; "_s);
        Q_EMIT lastFireChanged();
        return;
    }
    m_lastFire = u"Accepted \"%1\": %2"_s.arg(
        entry->card.suggestions.at(suggestion).label,
        applied.applied.isEmpty() ? u"no actions"_s : applied.applied.join(u"; "_s));
    Q_EMIT lastFireChanged();
    Q_EMIT ordersChanged();
    if (const auto feedback = hb::ehr::feedbackForAcceptance(entry->card, suggestion))
        sendFeedback(entry->serviceId, {*feedback});
    m_cards.markAccepted(row, suggestion);
}

void AppController::dismissCard(int row, int reasonIndex, const QString &comment)
{
    const auto *entry = m_cards.entry(row);
    if (!entry)
        return;
    if (const auto feedback = hb::ehr::feedbackForDismissal(entry->card, reasonIndex, comment))
        sendFeedback(entry->serviceId, {*feedback});
    m_cards.markDismissed(row);
}

void AppController::sendFeedback(const QString &serviceId, const QList<hb::core::Feedback> &items)
{
    // Feedback errors never affect the cards (C25); the exchange shows in the log.
    m_workbench->client()->sendFeedback(m_discovery, serviceId, items,
                                        [](const hb::net::CdsCallResult &) {});
}

void AppController::openCardLink(int row, int index)
{
    const auto *entry = m_cards.entry(row);
    if (!entry || index < 0 || index >= entry->card.links.size())
        return;
    const auto &link = entry->card.links.at(index);
    if (!hb::ehr::isOpenableLinkUrl(link.url))
        return;
    if (link.type == u"smart") {
        const QString launch = m_workbench->servers()->createLaunch(
            m_state.patientId, m_state.encounterId, link.appContext, m_state.userId);
        Q_EMIT browserRequested(
            hb::ehr::smartLaunchUrl(link.url, m_workbench->embeddedFhir(), launch), link.label);
        return;
    }
    Q_EMIT browserRequested(link.url, link.label);
}

void AppController::openUrl(const QString &url)
{
    const QUrl target(url);
    if (hb::ehr::isOpenableLinkUrl(target))
        Q_EMIT browserRequested(target, target.host());
}
