#include "invocationcontroller.h"

#include "cardfindings.h"
#include "gui.h"

#include "ehr/actionapplier.h"
#include "ehr/draftorders.h"
#include "ehr/feedbackpolicy.h"
#include "ehr/markdownsafety.h"
#include "ehr/smartlaunch.h"
#include "ehr/systemactions.h"
#include "servers/fhirproxy.h"
#include "session/invocationsummary.h"
#include "session/workspaceoptions.h"

#include <QQmlEngine>

#include <QJSEngine>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {

QJsonArray actionsOf(const QList<hb::core::Action> &actions)
{
    QJsonArray array;
    for (const auto &action : actions)
        array.append(action.raw);
    return array;
}

// The proposed appointments are drafts as much as the orders are: a suggestion may delete or
// change one ("Remove the new booking"). Actions run on orders and appointments together;
// appointments then go back to the appointments bundle.
hb::ehr::ApplyResult applyToDrafts(hb::session::EhrState &state, const QJsonArray &actions)
{
    hb::ehr::DraftOrders drafts = state.orders;
    const auto proposed = hb::ehr::DraftOrders::fromBundle(state.appointments);
    for (const QString &reference : proposed.references())
        drafts.put(proposed.find(reference));
    auto result = hb::ehr::applyActions(drafts, actions);
    if (!result.ok)
        return result;
    hb::ehr::DraftOrders appointments;
    for (const QString &reference : drafts.references()) {
        if (reference.startsWith(u"Appointment/"_s)) {
            appointments.put(drafts.find(reference));
            drafts.remove(reference);
        }
    }
    state.orders = drafts;
    state.appointments = appointments.toBundle();
    return result;
}

QString sourceOfKey(const QString &key)
{
    return key.section(u'|', 0, -3);
}

} // namespace

InvocationController::InvocationController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_icons(
          [&context] { return context.workbench() ? context.workbench()->transport() : nullptr; })
{
    m_cards.setIcons(&m_icons);
    // Cards are transient: they belong to the chart that was open.
    connect(&context, &AppContext::patientChanged, this, [this] { m_cards.clear(); });
}

InvocationController *InvocationController::create(QQmlEngine *engine, QJSEngine *)
{
    auto *controller = &Gui::instance().invocation;
    // The cards' source icons reach Image only through this provider (cardicons.h).
    if (engine && !engine->imageProvider(CardIcons::ProviderId))
        engine->addImageProvider(CardIcons::ProviderId, new CardIconProvider(controller->icons()));
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

void InvocationController::setLastFire(const QString &text)
{
    m_lastFire = text;
    Q_EMIT lastFireChanged();
}

void InvocationController::fireHook(const QString &hook)
{
    fireAndThen(hook, {});
}

void InvocationController::fireAndThen(const QString &hook, std::function<void()> then)
{
    // Every enabled service of the hook is called again with the new context: cards of the
    // hook from services that are not (disabled since) no longer apply.
    m_cards.removeHooks({hook});
    fire(hook, hb::session::enabledServicesFor(m_context.workspace(), hook), std::move(then));
}

void InvocationController::fireService(const QString &sourceUrl, const QString &serviceId,
                                       const QString &hook)
{
    const auto *source = m_context.workspace().source(sourceUrl);
    if (source) {
        for (const auto &service : source->services) {
            if (service.definition.id == serviceId && service.definition.hook == hook)
                return fire(hook, {{sourceUrl, service}}, {});
        }
    }
    setLastFire(u"%1 (%2) is not a registered service"_s.arg(serviceId, hook));
}

void InvocationController::fire(const QString &hook, const QList<hb::session::ServiceRef> &services,
                                std::function<void()> then)
{
    if (!m_context.isRunning() || services.isEmpty()) {
        setLastFire(u"%1: no enabled service is registered for this hook"_s.arg(hook));
        if (then)
            then();
        Q_EMIT fanOutFinished(hook);
        return;
    }
    auto fanOut = std::make_shared<FanOut>(FanOut {hook, services.size(), {}, std::move(then)});
    auto *workbench = m_context.workbench();
    for (const auto &ref : services) {
        const auto &definition = ref.service.definition;
        const QUrl discovery = m_context.discoveryUrlOf(ref.sourceUrl);
        hb::session::InvocationOptions options
            = hb::session::invocationOptionsFor(m_context.workspace(), ref.service.settings);
        options.fhirServer = workbench->fhirBase(); // embedded, or the remote source (its proxy)
        options.jwtFault = hb::session::jwtFaultOf(ref.service.settings);
        options.askConsent = m_context.askConsent;
        options.cancellation = std::make_shared<hb::net::Cancellation>();
        const quint64 id = m_nextCall++;
        m_pending.insert(id,
                         {AppContext::serviceKey(ref.sourceUrl, definition.id, hook), definition.id,
                          hb::net::serviceUrl(discovery, definition.id), fanOut,
                          options.cancellation});
        Q_EMIT pendingCallsChanged();
        workbench->invoker()->invoke(
            discovery, definition, m_context.state(), options,
            [this, id](const hb::session::InvocationResult &result) { finished(id, result); });
    }
}

void InvocationController::finished(quint64 callId, const hb::session::InvocationResult &result)
{
    if (!m_context.isRunning())
        return; // shutting down
    if (m_cancelled.remove(callId)) {
        // The user cancelled this call. Its exchanges are in the log as the transport ended
        // them: the one in flight aborted ("cancelled"), or, when the service's answer raced
        // the cancel, answered: that answer shows no cards. (A preflight before it had
        // answered before the cancel, so only the last exchange can be such an answer.)
        if (!result.call.exchanges.isEmpty()
            && result.call.exchanges.constLast().errorKind != u"cancelled") {
            m_context.workbench()->log()->update(
                result.call.exchanges.constLast().id, [](hb::net::Exchange &logged) {
                    logged.note += u" · answered after the user cancelled; ignored"_s;
                });
        }
        return;
    }
    const auto found = m_pending.constFind(callId);
    if (found == m_pending.constEnd())
        return;
    const PendingCall call = *found;
    m_pending.erase(found);
    Q_EMIT pendingCallsChanged();
    showInvocation(call, result);
    endOne(call.fanOut, hb::session::oneLineSummary(result));
}

void InvocationController::endOne(const std::shared_ptr<FanOut> &fanOut, const QString &line)
{
    fanOut->lines << line;
    if (--fanOut->remaining > 0)
        return;
    setLastFire(fanOut->hook + u" → "_s + fanOut->lines.join(u" · "_s));
    if (fanOut->then)
        fanOut->then();
    Q_EMIT fanOutFinished(fanOut->hook);
}

void InvocationController::cancel()
{
    if (m_pending.isEmpty())
        return;
    const auto pending = m_pending;
    m_pending.clear();
    Q_EMIT pendingCallsChanged();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        m_cancelled.insert(it.key());
        // The transport aborts the preflight or POST in flight, closing its connection, and
        // logs it as cancelled; a call still in prefetch or awaiting consent is never sent.
        it->cancellation->cancel();
        m_context.setServiceStatus(it->key, {u"cancelled"_s, -1, {}, false});
    }
    const qsizetype count = pending.size();
    for (auto it = pending.cbegin(); it != pending.cend(); ++it)
        endOne(it->fanOut, it->serviceId + u": cancelled"_s);
    setLastFire(u"Cancelled %1 pending call(s)"_s.arg(count));
}

void InvocationController::showInvocation(const PendingCall &call,
                                          const hb::session::InvocationResult &result)
{
    const auto &response = result.call.response;
    ServiceStatus status;
    status.status = response && response->status > 0 ? u"HTTP %1"_s.arg(response->status)
                                                     : result.call.error.left(80);
    status.latencyMs = response ? response->timings.totalMs : -1;
    if (result.call.cors) {
        switch (result.call.cors->verdict) {
        case hb::net::CorsVerdict::Pass:
            status.cors = u"pass"_s;
            break;
        case hb::net::CorsVerdict::PassWithWarning:
            status.cors = u"pass-with-warning"_s;
            break;
        case hb::net::CorsVerdict::Fail:
            status.cors = u"fail"_s;
            break;
        }
    }
    const QString title = result.service.title.isEmpty() ? result.service.id : result.service.title;
    const CardsModel::Origin origin {call.key, result.service.id, title, result.request.hook,
                                     result.request.hookInstance};
    const QString failure
        = hb::session::failureOf(result, m_context.workbench()->client()->options().origin);
    status.ok = failure.isEmpty();
    m_context.setServiceStatus(call.key, status);
    if (!failure.isEmpty()) {
        m_cards.setServiceError(origin, failure);
        return;
    }
    // Each card shows the findings that point into it, as `hookbench-cli fire` prints them.
    const auto &cds = *result.call.cdsResponse;
    m_cards.setServiceCards(origin, cds.cards, cardfindings::perCard(cds, result.call.findings));
    applySystemActions(result);
}

void InvocationController::applySystemActions(const hb::session::InvocationResult &result)
{
    const auto &actions = result.call.cdsResponse->systemActions;
    if (actions.isEmpty())
        return;
    // systemActions are never shown as cards (C19); they change the draft orders when they can,
    // and each updated order says what the service changed (e.g. its PAMA rating).
    const auto applied = hb::ehr::applySystemActions(m_context.state().orders, actionsOf(actions),
                                                     result.service.id)
                             .apply;
    setLastFire(m_lastFire
                + (applied.ok
                       ? u" · system actions applied: "_s + applied.applied.join(u"; "_s)
                       : u" · system actions not applied: "_s + applied.problems.join(u"; "_s)));
    if (applied.ok)
        m_context.notifyOrdersChanged();
}

bool InvocationController::acceptSuggestion(int row, int suggestion)
{
    const auto *entry = m_cards.entry(row);
    if (!m_cards.canAccept(row, suggestion)) {
        setLastFire(entry && entry->card.selectionBehavior == u"at-most-one"
                            && !entry->acceptedSuggestions.isEmpty()
                        ? u"Not accepted: this card allows at most one suggestion (C13)"_s
                        : u"Not accepted: this suggestion cannot be accepted"_s);
        return false;
    }
    const auto &chosen = entry->card.suggestions.at(suggestion);
    const auto applied = applyToDrafts(m_context.state(), actionsOf(chosen.actions));
    if (!applied.ok) {
        setLastFire(u"Suggestion not applied: "_s + applied.problems.join(u"; "_s));
        return false;
    }
    setLastFire(u"Accepted \"%1\": %2"_s.arg(
        chosen.label, applied.applied.isEmpty() ? u"no actions"_s : applied.applied.join(u"; "_s)));
    const QString key = entry->origin.key;
    const auto feedback = hb::ehr::feedbackForAcceptance(entry->card, suggestion);
    m_cards.markAccepted(row, suggestion);
    m_context.notifyOrdersChanged();
    if (feedback)
        sendFeedback(key, *feedback);
    else
        m_cards.setFeedbackStatus(key, entry->card.uuid, hb::ehr::feedbackNotSentLine());
    return true;
}

void InvocationController::dismissCard(int row, int reasonIndex, const QString &comment)
{
    const auto *entry = m_cards.entry(row);
    if (!entry || entry->dismissed)
        return;
    if (const auto feedback = hb::ehr::feedbackForDismissal(entry->card, reasonIndex, comment))
        sendFeedback(entry->origin.key, *feedback);
    else
        m_cards.setFeedbackStatus(entry->origin.key, entry->card.uuid,
                                  hb::ehr::feedbackNotSentLine());
    m_cards.markDismissed(row);
}

void InvocationController::sendFeedback(const QString &serviceKey,
                                        const hb::core::Feedback &feedback)
{
    if (!m_context.isRunning())
        return;
    const QString serviceId = serviceKey.section(u'|', -2, -2);
    m_cards.setFeedbackStatus(serviceKey, feedback.card, u"sending feedback ..."_s);
    // Feedback errors never affect the cards' content (C25): the card only says what the POST
    // answered, and the exchange shows in the log.
    m_context.workbench()->client()->sendFeedback(
        m_context.discoveryUrlOf(sourceOfKey(serviceKey)), serviceId, {feedback},
        [this, serviceKey, card = feedback.card](const hb::net::CdsCallResult &result) {
            if (!m_context.isRunning())
                return;
            const QString reason
                = result.response ? QString::fromUtf8(result.response->reason) : QString();
            m_cards.setFeedbackStatus(
                serviceKey, card,
                hb::ehr::feedbackStatusLine(result.blocked() ? 0 : result.status(), reason,
                                            result.error));
        });
}

namespace {

/// The FHIR base a SMART app is launched against (`iss`): the embedded server, or for a remote
/// source its audit proxy, which publishes the embedded authorization server and forwards the
/// app's reads with the source's credentials. Empty, with why in `problem`, when neither runs.
QUrl smartLaunchIss(const hb::session::Workbench &bench, QString *problem)
{
    const auto *servers = bench.servers();
    if (!servers || !servers->isRunning()) {
        *problem = u"SMART apps are launched by the embedded EHR, which is not running."_s;
        return {};
    }
    if (bench.fhirSource().isEmbedded())
        return bench.embeddedFhir();
    const auto *proxy = bench.fhirProxy();
    if (proxy && proxy->isListening())
        return proxy->baseUrl();
    *problem = bench.fhirSource().passRealToken
        ? u"Not launched: the FHIR source %1 passes its real token to services, so there is no "
          u"audit proxy in front of it for a SMART app to read the patient through. Set the "
          u"workspace's fhir.passRealToken to false to launch SMART apps."_s.arg(
              bench.fhirSource().base.toString())
        : u"Not launched: the audit proxy in front of the FHIR source %1 is not running, so a "
          u"SMART app could not read the patient. Choose the FHIR source again in Settings > "
          u"FHIR source."_s.arg(bench.fhirSource().base.toString());
    return {};
}

} // namespace

void InvocationController::openCardLink(int row, int index)
{
    const auto *entry = m_cards.entry(row);
    if (!entry || index < 0 || index >= entry->card.links.size())
        return;
    const auto &link = entry->card.links.at(index);
    if (!hb::ehr::isOpenableLinkUrl(link.url))
        return;
    auto *servers = m_context.isRunning() ? m_context.workbench()->servers() : nullptr;
    if (link.type == u"smart" && servers) {
        QString problem;
        const QUrl iss = smartLaunchIss(*m_context.workbench(), &problem);
        if (iss.isEmpty()) {
            m_cards.setServiceError(u"hookbench"_s, u"SMART launch"_s, problem);
            return;
        }
        const auto &state = m_context.state();
        const QString launch = servers->createLaunch(state.patientId, state.encounterId,
                                                     link.appContext, state.userId);
        Q_EMIT browserRequested(hb::ehr::smartLaunchUrl(link.url, iss, launch), link.label);
        return;
    }
    Q_EMIT browserRequested(link.url, link.label);
}

void InvocationController::openUrl(const QString &url)
{
    const QUrl target(url);
    if (hb::ehr::isOpenableLinkUrl(target))
        Q_EMIT browserRequested(target, target.host());
}
