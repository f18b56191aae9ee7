#include "servicescontroller.h"

#include "gui.h"

#include "net/cdsclient.h"
#include "security/jwtfault.h"
#include "session/workspaceoptions.h"

#include <QJSEngine>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

ServicesController::ServicesController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_services(context)
    , m_sources(context)
{ }

ServicesController *ServicesController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = &Gui::instance().services;
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

void ServicesController::setMessage(const QString &message)
{
    m_message = message;
    Q_EMIT messageChanged();
}

QStringList ServicesController::jwtFaults() const
{
    QStringList names {hb::security::faultName(hb::security::JwtFault::None)};
    for (const auto fault : hb::security::allFaults())
        names << hb::security::faultName(fault);
    return names;
}

namespace {

// What the user typed, as the workspace names the source; empty when it is not one.
QString sourceUrlFor(const QString &typed)
{
    const QString text = typed.trimmed();
    if (text == u"demo")
        return QString::fromUtf16(hb::storage::EmbeddedDemoSource);
    if (text == u"lab" || text.startsWith(u"lab:"_s))
        return u"embedded:"_s + text;
    if (text.startsWith(u"embedded:"_s))
        return text;
    const QUrl url = QUrl::fromUserInput(text);
    if (text.isEmpty() || !url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https"))
        return {};
    return hb::net::discoveryUrl(url).toString();
}

} // namespace

void ServicesController::addSource(const QString &url)
{
    const QString source = sourceUrlFor(url);
    if (source.isEmpty()) {
        setMessage(u"'%1' is not an http(s) URL to discover services at"_s.arg(url));
        return;
    }
    discover(source, true, {});
}

void ServicesController::rediscover(const QString &sourceUrl)
{
    discover(sourceUrl, false, {});
}

void ServicesController::discoverAll(std::function<void()> done)
{
    QStringList urls;
    for (const auto &source : m_context.workspace().sources)
        urls << source.url;
    if (urls.isEmpty() || !m_context.isRunning()) {
        if (done)
            done();
        return;
    }
    auto pending = std::make_shared<qsizetype>(urls.size());
    for (const QString &url : urls) {
        discover(url, false, [pending, done](bool) {
            if (--*pending == 0 && done)
                done();
        });
    }
}

void ServicesController::discover(const QString &sourceUrl, bool addOnSuccess,
                                  std::function<void(bool)> done)
{
    const QUrl target = m_context.discoveryUrlOf(sourceUrl);
    if (!m_context.isRunning() || target.isEmpty()) {
        const QString why
            = u"%1 cannot be discovered: the embedded servers are not running"_s.arg(sourceUrl);
        m_sources.setOutcome(sourceUrl, why, false);
        setMessage(why);
        if (done)
            done(false);
        return;
    }
    // A lab id the lab does not have would get a 404 preflight, which reads as CORS: say so
    // before sending anything.
    if (const QString problem = hb::session::sourceProblem(sourceUrl); !problem.isEmpty()) {
        const QString why = u"Discovery at %1 failed: %2"_s.arg(sourceUrl, problem);
        m_sources.setOutcome(sourceUrl, why, false);
        setMessage(why);
        Q_EMIT discoveryFinished(sourceUrl, false);
        if (done)
            done(false);
        return;
    }
    m_sources.setOutcome(sourceUrl, m_sources.errorOf(sourceUrl), true);
    m_context.workbench()->client()->discover(
        target, [this, sourceUrl, addOnSuccess, done](const hb::net::DiscoveryResult &result) {
            if (!m_context.isRunning())
                return; // shutting down
            const bool ok = result.document.has_value();
            if (!ok) {
                // Keep the services we had: a typo or a service that is down must not empty
                // the EHR.
                QString why = u"Discovery at %1 failed: %2"_s.arg(
                    result.url.toString(),
                    result.error.isEmpty()
                        ? u"HTTP %1, no discovery document"_s.arg(result.status())
                        : result.error);
                // Chromium's sentence alone reads as a CORS problem even when the preflight
                // got a 404 from a wrong URL: the evaluator's fix says which.
                if (result.blocked() && !result.cors->hint.isEmpty())
                    why += u"\n"_s + result.cors->hint;
                m_sources.setOutcome(sourceUrl, why, false);
                setMessage(m_context.workspace().source(sourceUrl)
                               ? why + u"; its previous services are kept."_s
                               : why);
            } else {
                const bool known = m_context.workspace().source(sourceUrl);
                if (known || addOnSuccess) {
                    m_context.editWorkspace([&](hb::storage::Workspace &workspace) {
                        if (!workspace.source(sourceUrl))
                            workspace.sources << hb::storage::DiscoverySource {sourceUrl, {}, {}};
                        hb::session::applyDiscovery(*workspace.source(sourceUrl), *result.document,
                                                    QDateTime::currentDateTimeUtc());
                    });
                }
                m_sources.setOutcome(sourceUrl, {}, false);
                setMessage(u"Discovered %1 service(s) at %2"_s.arg(result.document->services.size())
                               .arg(result.url.toString()));
            }
            Q_EMIT discoveryFinished(sourceUrl, ok);
            if (done)
                done(ok);
        });
}

void ServicesController::removeSource(const QString &sourceUrl)
{
    if (!m_context.workspace().source(sourceUrl))
        return;
    m_context.editWorkspace([&](hb::storage::Workspace &workspace) {
        workspace.sources.removeIf(
            [&](const hb::storage::DiscoverySource &source) { return source.url == sourceUrl; });
    });
    setMessage(u"Removed the source %1"_s.arg(sourceUrl));
}

void ServicesController::removeService(int row)
{
    int source = 0;
    int service = 0;
    if (!m_services.locate(row, &source, &service))
        return;
    m_context.editWorkspace([&](hb::storage::Workspace &workspace) {
        workspace.sources[source].services.removeAt(service);
    });
}

void ServicesController::editService(
    int row, const std::function<void(hb::storage::ServiceSettings &)> &change)
{
    int source = 0;
    int service = 0;
    if (!m_services.locate(row, &source, &service))
        return;
    m_context.editWorkspace([&](hb::storage::Workspace &workspace) {
        change(workspace.sources[source].services[service].settings);
    });
}

void ServicesController::setEnabled(int row, bool enabled)
{
    editService(row, [&](auto &settings) { settings.enabled = enabled; });
}

void ServicesController::setPrefetchMode(int row, const QString &mode)
{
    if (mode != u"all" && mode != u"none" && mode != u"keys")
        return;
    editService(row, [&](auto &settings) { settings.prefetchMode = mode; });
}

void ServicesController::setChosenKeys(int row, const QStringList &keys)
{
    editService(row, [&](auto &settings) { settings.prefetchKeys = keys; });
}

void ServicesController::setAccessToken(int row, const QString &mode)
{
    if (mode != u"mock" && mode != u"none" && mode != u"expired")
        return;
    editService(row, [&](auto &settings) { settings.accessToken = mode; });
}

void ServicesController::setScopes(int row, const QString &scopes)
{
    const QStringList list = scopes.split(QRegularExpression(u"[\\s,]+"_s), Qt::SkipEmptyParts);
    editService(row, [&](auto &settings) {
        settings.scopes = list.isEmpty() ? std::nullopt : std::optional<QStringList>(list);
    });
}

void ServicesController::setSubject(int row, const QString &subject)
{
    editService(row, [&](auto &settings) { settings.subject = subject.trimmed(); });
}

void ServicesController::setJwtFault(int row, const QString &fault)
{
    if (fault != u"none" && !hb::security::faultFromName(fault)) {
        setMessage(u"'%1' is not a JWT fault"_s.arg(fault));
        return;
    }
    editService(row, [&](auto &settings) { settings.jwtFault = fault; });
}
