// AppController: the settings that shape every call, and discovery of other services.
#include "appcontroller.h"

#include "security/jwtfault.h"
#include "session/workbench.h"

using namespace Qt::StringLiterals;

QString AppController::demoDiscoveryUrl() const
{
    return m_workbench ? m_workbench->embeddedDiscovery().toString() : QString();
}

QString AppController::labDiscoveryUrl() const
{
    return m_workbench ? m_workbench->embeddedLabDiscovery().toString() : QString();
}

QString AppController::origin() const
{
    if (!m_workbench || !m_workbench->client()->options().corsEmulation)
        return {};
    return m_workbench->client()->options().origin;
}

void AppController::setOrigin(const QString &origin)
{
    if (!m_workbench)
        return;
    auto options = m_workbench->client()->options();
    options.corsEmulation = !origin.trimmed().isEmpty();
    if (options.corsEmulation)
        options.origin = origin.trimmed();
    m_workbench->client()->setOptions(options);
    Q_EMIT settingsChanged();
}

QString AppController::jwtFault() const
{
    return m_workbench ? hb::security::faultName(m_workbench->client()->options().jwtFault)
                       : u"none"_s;
}

void AppController::setJwtFault(const QString &name)
{
    const auto fault = hb::security::faultFromName(name);
    if (!m_workbench || !fault)
        return;
    auto options = m_workbench->client()->options();
    options.jwtFault = *fault;
    m_workbench->client()->setOptions(options);
    Q_EMIT settingsChanged();
}

QStringList AppController::jwtFaults() const
{
    QStringList names {hb::security::faultName(hb::security::JwtFault::None)};
    for (const auto fault : hb::security::allFaults())
        names << hb::security::faultName(fault);
    return names;
}

QString AppController::accessTokenMode() const
{
    switch (m_invocation.accessToken) {
    case hb::session::AccessTokenMode::None:
        return u"none"_s;
    case hb::session::AccessTokenMode::Expired:
        return u"expired"_s;
    case hb::session::AccessTokenMode::Mock:
        break;
    }
    return u"mock"_s;
}

void AppController::setAccessTokenMode(const QString &mode)
{
    m_invocation.accessToken = mode == u"none" ? hb::session::AccessTokenMode::None
        : mode == u"expired"                   ? hb::session::AccessTokenMode::Expired
                                               : hb::session::AccessTokenMode::Mock;
    Q_EMIT settingsChanged();
}

QString AppController::prefetchMode() const
{
    return m_invocation.prefetch.mode == hb::core::PrefetchMode::None ? u"none"_s : u"all"_s;
}

void AppController::setPrefetchMode(const QString &mode)
{
    m_invocation.prefetch.mode
        = mode == u"none" ? hb::core::PrefetchMode::None : hb::core::PrefetchMode::All;
    Q_EMIT settingsChanged();
}

QString AppController::grantPolicy() const
{
    return m_grantPolicy == hb::servers::GrantPolicy::AskUser ? u"ask-user"_s : u"pre-authorized"_s;
}

void AppController::setGrantPolicy(const QString &policy)
{
    if (!m_workbench || !m_workbench->servers())
        return;
    m_grantPolicy = policy == u"ask-user" ? hb::servers::GrantPolicy::AskUser
                                          : hb::servers::GrantPolicy::PreAuthorized;
    auto *servers = m_workbench->servers();
    servers->setDefaultGrantPolicy(m_grantPolicy);
    // The policy lives in each service's registration; scopes stay "whatever it asks for".
    for (const auto &service : m_registry.all())
        servers->registerServiceClient({service.id, {}, m_grantPolicy});
    m_invocation.askConsent
        = [this](const hb::servers::ConsentRequest &request, std::function<void(bool)> answer) {
              m_consents.append({request, std::move(answer)});
              if (m_consents.size() == 1)
                  Q_EMIT consentChanged();
              setReady(true); // loaded: the window now waits for the user's answer
          };
    Q_EMIT settingsChanged();
}

QString AppController::consentService() const
{
    return m_consents.isEmpty() ? QString() : m_consents.first().request.clientId;
}

QStringList AppController::consentScopes() const
{
    return m_consents.isEmpty() ? QStringList() : m_consents.first().request.scopes;
}

void AppController::answerConsent(bool approve)
{
    if (m_consents.isEmpty())
        return;
    const PendingConsent consent = m_consents.takeFirst();
    Q_EMIT consentChanged();
    consent.answer(approve);
}

void AppController::discover(const QString &url)
{
    const QUrl target = QUrl::fromUserInput(url.trimmed());
    if (!m_workbench || !target.isValid()
        || (target.scheme() != u"http" && target.scheme() != u"https")) {
        m_lastFire = u"'%1' is not an http(s) URL to discover services at"_s.arg(url);
        Q_EMIT lastFireChanged();
        return;
    }
    m_workbench->client()->discover(target, [this](const hb::net::DiscoveryResult &result) {
        if (!result.document) {
            // Keep the services we had: a typo must not empty the EHR.
            m_lastFire = u"Discovery failed: "_s
                + (result.error.isEmpty() ? u"HTTP %1"_s.arg(result.status()) : result.error);
            Q_EMIT lastFireChanged();
            return;
        }
        m_discovery = hb::net::discoveryUrl(result.url);
        m_registry.clear();
        m_registry.addAll(*result.document);
        m_cards.clear();
        m_lastFire = u"Discovered %1 service(s) at %2"_s.arg(m_registry.size())
                         .arg(m_discovery.toString());
        Q_EMIT lastFireChanged();
        Q_EMIT servicesChanged();
    });
}
