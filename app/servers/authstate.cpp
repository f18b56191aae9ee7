#include "servers/authstate.h"

#include <QRandomGenerator>
#include <QSet>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace hb::servers {

QString randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(bytes.begin(), bytes.end());
    return QString::fromLatin1(
        bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void AuthState::purgeExpiredLocked()
{
    // Tokens are kept an hour past expiry, so a late request still gets "expired", not "unknown".
    if (m_tokens.size() < 1000)
        return;
    const QDateTime horizon = QDateTime::currentDateTimeUtc().addSecs(-3600);
    m_tokens.removeIf([&](const auto &it) { return it.value().expiresAt < horizon; });
}

core::FhirAuthorization TokenGrant::authorization() const
{
    return {accessToken, tokenType, expiresIn, scope, subject, patient};
}

QJsonObject TokenGrant::toFhirAuthorization() const
{
    return status == Status::Granted ? authorization().toJson() : QJsonObject();
}

AuthState::AuthState() = default;

void AuthState::registerClient(const ServiceClient &client)
{
    QMutexLocker lock(&m_mutex);
    m_clients.insert(client.clientId, client);
}

std::optional<ServiceClient> AuthState::client(const QString &clientId) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_clients.constFind(clientId);
    if (it == m_clients.constEnd())
        return std::nullopt;
    return *it;
}

void AuthState::setDefaultPolicy(GrantPolicy policy)
{
    QMutexLocker lock(&m_mutex);
    m_defaultPolicy = policy;
}

void AuthState::registerApp(const AppClient &app)
{
    QMutexLocker lock(&m_mutex);
    m_apps.insert(app.clientId, app);
}

void AuthState::setEndpoints(const AuthEndpoints &endpoints)
{
    QMutexLocker lock(&m_mutex);
    m_endpoints = endpoints;
}

AuthEndpoints AuthState::endpoints() const
{
    QMutexLocker lock(&m_mutex);
    return m_endpoints;
}

void AuthState::addAudience(const QString &fhirBase)
{
    QMutexLocker lock(&m_mutex);
    m_audiences.insert(fhirBase);
}

void AuthState::removeAudience(const QString &fhirBase)
{
    QMutexLocker lock(&m_mutex);
    m_audiences.remove(fhirBase);
}

QStringList AuthState::audiences() const
{
    QMutexLocker lock(&m_mutex);
    QStringList all(m_audiences.cbegin(), m_audiences.cend());
    all.sort();
    return all;
}

bool AuthState::isAudience(const QString &fhirBase) const
{
    QMutexLocker lock(&m_mutex);
    return !fhirBase.isEmpty() && m_audiences.contains(fhirBase);
}

bool AuthState::isAppOrigin(const QString &origin) const
{
    QMutexLocker lock(&m_mutex);
    for (const AppClient &app : m_apps) {
        for (const QString &uri : app.redirectUris) {
            if (QUrl(uri)
                    .adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment)
                    .toString()
                == origin)
                return true;
        }
    }
    return false;
}

void AuthState::setConsentListener(std::function<void(const ConsentRequest &)> listener)
{
    QMutexLocker lock(&m_mutex);
    m_consentListener = std::move(listener);
}

AppAuthorization AuthState::authorizeApp(const QString &clientId, const QString &redirectUri,
                                         const QStringList &scopes, bool launched,
                                         const QString &patientId)
{
    using Outcome = AppAuthorization::Outcome;
    std::function<void(const ConsentRequest &)> listener;
    ConsentRequest consent;
    AppAuthorization result;
    {
        QMutexLocker lock(&m_mutex);
        const auto app = m_apps.constFind(clientId);
        QStringList outside;
        if (app != m_apps.constEnd()) {
            if (!app->redirectUris.contains(redirectUri)) {
                result.description = u"redirect_uri '%1' is not registered for client '%2'"_s.arg(
                    redirectUri, clientId);
                return result;
            }
            for (const QString &scope : scopes) {
                if (!app->scopes.contains(scope))
                    outside.append(scope);
            }
        } else if (m_clients.contains(clientId)) {
            result.description
                = u"client '%1' is a CDS service: it gets its token as "
                  u"fhirAuthorization with each hook call, not from /authorize"_s.arg(clientId);
            return result;
        } else if (!launched) {
            result.description = u"unknown client_id '%1': register the app, or launch it from "
                                 u"the EHR (a launch parameter)"_s.arg(clientId);
            return result;
        } else {
            static const QStringList launchScopes {u"launch"_s, u"openid"_s, u"fhirUser"_s,
                                                   u"profile"_s, u"online_access"_s};
            for (const QString &scope : scopes) {
                if (!launchScopes.contains(scope) && !scope.startsWith(u"patient/"))
                    outside.append(scope);
            }
        }
        if (!outside.isEmpty()) {
            result.outcome = Outcome::InvalidScope;
            result.description = u"scope %1 is outside what client '%2' may be granted"_s.arg(
                outside.join(u' '), clientId);
            return result;
        }
        QStringList key = scopes;
        key.sort();
        const GrantPolicy policy = app != m_apps.constEnd() ? app->policy : m_defaultPolicy;
        if (policy == GrantPolicy::AskUser
            && !m_approved.contains(clientId + u' ' + key.join(u' '))) {
            consent = {randomToken().left(16), clientId, key, patientId};
            m_consents.insert(consent.id, consent);
            m_appConsents.insert(consent.id);
            result.outcome = Outcome::ConsentRequired;
            result.consentId = consent.id;
            result.description
                = u"approve access for '%1' in Hookbench, then launch again"_s.arg(clientId);
            listener = m_consentListener;
        } else {
            result.outcome = Outcome::Allowed;
            return result;
        }
    }
    if (listener)
        listener(consent); // outside the lock: it may call back into this object
    return result;
}

TokenGrant AuthState::issueServiceToken(const QString &clientId, const QStringList &requested,
                                        const QString &patientId, int lifetimeSeconds)
{
    QMutexLocker lock(&m_mutex);
    TokenGrant grant;
    grant.subject = clientId;
    if (clientId.isEmpty()) {
        grant.error = u"a service token needs the service's client id"_s;
        return grant;
    }
    const auto registered = m_clients.constFind(clientId);
    QStringList scopes = requested;
    QStringList dropped;
    if (registered != m_clients.constEnd() && !registered->scopes.isEmpty()) {
        scopes = requested.isEmpty() ? registered->scopes : QStringList();
        for (const QString &s : requested) {
            if (registered->scopes.contains(s))
                scopes.append(s);
            else
                dropped.append(s);
        }
    }
    grant.droppedScopes = dropped;
    scopes.removeDuplicates();
    scopes.sort();
    if (scopes.isEmpty()) {
        grant.error
            = u"no scopes to grant to %1 (none requested, or none registered)"_s.arg(clientId);
        return grant;
    }
    const GrantPolicy policy
        = registered != m_clients.constEnd() ? registered->policy : m_defaultPolicy;
    if (policy == GrantPolicy::AskUser
        && !m_approved.contains(clientId + u' ' + scopes.join(u' '))) {
        ConsentRequest consent {randomToken().left(16), clientId, scopes, patientId};
        m_consents.insert(consent.id, consent);
        m_consentLifetimes.insert(consent.id, lifetimeSeconds);
        grant.status = TokenGrant::Status::PendingConsent;
        grant.consentId = consent.id;
        grant.scope = scopes.join(u' ');
        return grant;
    }
    TokenGrant granted = grantLocked(clientId, scopes, patientId, lifetimeSeconds);
    granted.droppedScopes = dropped;
    return granted;
}

TokenGrant AuthState::grantLocked(const QString &clientId, const QStringList &scopes,
                                  const QString &patientId, int lifetimeSeconds)
{
    TokenInfo info;
    info.token = randomToken();
    info.subject = clientId;
    info.scopes = scopes;
    const bool patientScoped = std::any_of(
        scopes.begin(), scopes.end(), [](const QString &s) { return s.startsWith(u"patient/"); });
    if (patientScoped)
        info.patient = patientId;
    info.expiresAt = QDateTime::currentDateTimeUtc().addSecs(lifetimeSeconds);
    purgeExpiredLocked();
    m_tokens.insert(info.token, info);

    TokenGrant grant;
    grant.status = TokenGrant::Status::Granted;
    grant.accessToken = info.token;
    grant.expiresIn = lifetimeSeconds;
    grant.scope = scopes.join(u' ');
    grant.subject = clientId;
    grant.patient = info.patient;
    return grant;
}

TokenGrant AuthState::resolveConsent(const QString &consentId, bool approve)
{
    QMutexLocker lock(&m_mutex);
    TokenGrant grant;
    const auto it = m_consents.constFind(consentId);
    if (it == m_consents.constEnd()) {
        grant.error = u"unknown consent '%1'"_s.arg(consentId);
        return grant;
    }
    const ConsentRequest consent = *it;
    const int lifetime = m_consentLifetimes.take(consentId);
    m_consents.remove(consentId);
    grant.subject = consent.clientId;
    if (!approve) {
        m_appConsents.remove(consentId);
        grant.error = u"the user declined access for %1"_s.arg(consent.clientId);
        return grant;
    }
    m_approved.insert(consent.clientId + u' ' + consent.scopes.join(u' '));
    if (m_appConsents.remove(consentId)) { // an app: it asks for its code again
        grant.status = TokenGrant::Status::Granted;
        grant.scope = consent.scopes.join(u' ');
        return grant;
    }
    return grantLocked(consent.clientId, consent.scopes, consent.patientId, lifetime);
}

QList<ConsentRequest> AuthState::pendingConsents() const
{
    QMutexLocker lock(&m_mutex);
    return m_consents.values();
}

std::optional<TokenInfo> AuthState::lookup(const QString &token) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_tokens.constFind(token);
    if (it == m_tokens.constEnd())
        return std::nullopt;
    return *it;
}

void AuthState::revoke(const QString &token)
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_tokens.find(token);
    if (it != m_tokens.end())
        it->revoked = true;
}

QString AuthState::createLaunch(const LaunchContext &context)
{
    QMutexLocker lock(&m_mutex);
    const QString id = randomToken().left(22);
    m_launches.insert(id, context);
    return id;
}

std::optional<LaunchContext> AuthState::launch(const QString &launchId) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_launches.constFind(launchId);
    if (it == m_launches.constEnd())
        return std::nullopt;
    return *it;
}

QString AuthState::createCode(const QJsonObject &grant)
{
    QMutexLocker lock(&m_mutex);
    const QString code = randomToken();
    m_codes.insert(code, {grant, QDateTime::currentDateTimeUtc().addSecs(60)});
    return code;
}

QJsonObject AuthState::takeCode(const QString &code)
{
    QMutexLocker lock(&m_mutex);
    const auto entry = m_codes.take(code);
    if (entry.first.isEmpty() || entry.second < QDateTime::currentDateTimeUtc())
        return {};
    return entry.first;
}

TokenInfo AuthState::issueAppToken(const QString &clientId, const QStringList &scopes,
                                   const LaunchContext &context, int lifetimeSeconds)
{
    QMutexLocker lock(&m_mutex);
    TokenInfo info;
    info.token = randomToken();
    info.subject = clientId;
    info.scopes = scopes;
    info.patient = context.patient;
    info.encounter = context.encounter;
    info.appContext = context.appContext;
    info.expiresAt = QDateTime::currentDateTimeUtc().addSecs(lifetimeSeconds);
    purgeExpiredLocked();
    m_tokens.insert(info.token, info);
    return info;
}

} // namespace hb::servers
