#include "customhookcontroller.h"

#include "appcontext.h"
#include "gui.h"
#include "session/customhook.h"
#include "session/workbench.h"

#include <QJSEngine>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

CustomHookController::CustomHookController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    connect(&context, &AppContext::workspaceChanged, this, &CustomHookController::servicesChanged);
    // Follow the EHR (patient, orders) until the user edits the text.
    auto follow = [this] {
        if (m_text == m_prefilled)
            prefill();
    };
    connect(&context, &AppContext::patientChanged, this, follow);
    connect(&context, &AppContext::ordersChanged, this, follow);
    prefill();
}

CustomHookController *CustomHookController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = &Gui::instance().customHook;
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

QList<std::pair<QString, QStringList>> CustomHookController::services() const
{
    QList<std::pair<QString, QStringList>> list;
    for (const auto &source : m_context.workspace().sources) {
        for (const auto &service : source.services)
            list.append({service.definition.id, service.definition.prefetch.keys()});
    }
    return list;
}

QUrl CustomHookController::discoveryUrl() const
{
    const auto &sources = m_context.workspace().sources;
    return sources.isEmpty() ? QUrl() : m_context.discoveryUrlOf(sources.first().url);
}

void CustomHookController::setHook(const QString &hook)
{
    if (hook == m_hook)
        return;
    m_hook = hook.trimmed();
    Q_EMIT hookChanged();
    if (m_text == m_prefilled && hb::core::isStandardHook(m_hook))
        prefill(); // an untouched editor shows the new hook's context
    else
        check();
}

void CustomHookController::setContextText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    check();
}

QStringList CustomHookController::hooks() const
{
    QStringList names;
    for (const auto &hook : hb::core::standardHooks())
        names.append(hook.name);
    return names;
}

QStringList CustomHookController::prefetchTokens() const
{
    return hb::session::prefetchTokens(m_hook);
}

QStringList CustomHookController::serviceIds() const
{
    QStringList ids;
    for (const auto &[id, keys] : services()) {
        if (!ids.contains(id))
            ids.append(id);
    }
    return ids;
}

void CustomHookController::check()
{
    const auto result = hb::session::checkContext(m_hook, m_text);
    m_findings = result.lines();
    m_valid = result.ok();
    m_known = result.knownHook;
    Q_EMIT checked();
}

void CustomHookController::prefill()
{
    m_text = hb::session::prefillContext(m_hook, m_context.state());
    m_prefilled = m_text;
    check();
}

void CustomHookController::chooseService(const QString &serviceId)
{
    m_prefetchKeys.clear();
    for (const auto &[id, keys] : services()) {
        if (id == serviceId)
            m_prefetchKeys = keys;
    }
    Q_EMIT servicesChanged();
}

void CustomHookController::fire(const QString &serviceId, const QStringList &keys)
{
    const auto checked = hb::session::checkContext(m_hook, m_text);
    auto *bench = m_context.workbench();
    if (!checked.ok() || !bench) {
        m_result = u"not sent: "_s
            + (bench ? checked.lines().join(u"; "_s) : u"the EHR is still starting"_s);
        return Q_EMIT resultChanged();
    }
    m_busy = true;
    m_result = u"sending %1 to %2 ..."_s.arg(m_hook, serviceId);
    Q_EMIT resultChanged();
    const QUrl discovery = discoveryUrl();
    const hb::session::EhrState state = m_context.state();
    const QString hook = m_hook;
    const QJsonObject context = checked.context;
    bench->client()->discover(
        discovery,
        [self = QPointer(this), bench, discovery, serviceId, keys, hook, context,
         state](const hb::net::DiscoveryResult &found) {
            if (!self)
                return;
            std::optional<hb::core::ServiceDefinition> service;
            if (found.document) {
                for (const auto &candidate : found.document->services) {
                    if (candidate.id == serviceId)
                        service = candidate;
                }
            }
            if (!service) {
                self->m_busy = false;
                self->m_result = u"service %1 is not in %2"_s.arg(serviceId, discovery.toString());
                return Q_EMIT self->resultChanged();
            }
            service->hook = hook; // the hook the user chose, whatever the service registered for
            hb::session::InvocationOptions options;
            options.context = context;
            options.fhirServer = bench->fhirBase();
            if (!keys.isEmpty()) {
                options.prefetch.mode = hb::core::PrefetchMode::Chosen;
                options.prefetch.chosenKeys = keys;
            }
            bench->invoker()->invoke(
                discovery, *service, state, options,
                [self](const hb::session::InvocationResult &result) {
                    if (!self)
                        return;
                    QStringList lines;
                    lines.append(
                        u"HTTP %1 from %2"_s.arg(result.call.status()).arg(result.service.id));
                    if (!result.call.error.isEmpty())
                        lines.append(result.call.error);
                    if (result.call.cdsResponse) {
                        for (const auto &card : result.call.cdsResponse->cards)
                            lines.append(u"card: "_s + card.summary);
                    }
                    for (const auto &f : result.requestFindings)
                        lines.append(u"%1 %2: %3"_s.arg(f.ruleId, f.pointer, f.message));
                    // The context and prefetch keys, never the token.
                    lines.append(
                        u"context sent: "_s
                        + QString::fromUtf8(
                            QJsonDocument(result.request.context).toJson(QJsonDocument::Compact)));
                    lines.append(u"prefetch sent: "_s
                                 + result.request.prefetch.keys().join(u", "_s));
                    self->m_busy = false;
                    self->m_result = lines.join(u'\n');
                    Q_EMIT self->resultChanged();
                });
        });
}
