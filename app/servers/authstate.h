#pragma once

#include "core/hookrequest.h"
#include "servers/smartdiscovery.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace hb::servers {

/// How the EHR grants a CDS service its fhirAuthorization token (CDS Hooks FAQ: both exist).
enum class GrantPolicy {
    PreAuthorized, ///< the organisation approved the service: tokens issue without asking
    AskUser, ///< the user sees a consent step listing the scopes before the first token
};

/// A CDS service as registered with the authorization server.
struct ServiceClient
{
    QString clientId; ///< becomes fhirAuthorization.subject
    QStringList scopes; ///< the agreed maximum; empty = whatever is requested
    GrantPolicy policy = GrantPolicy::PreAuthorized;
};

/// A SMART app as registered with the authorization server (/authorize then /token). CDS
/// services are not apps: they get their tokens in process, as fhirAuthorization.
struct AppClient
{
    QString clientId;
    QStringList scopes; ///< the most it may be granted (launch, openid, fhirUser included)
    QStringList redirectUris; ///< exact matches; /authorize refuses any other
    GrantPolicy policy = GrantPolicy::PreAuthorized;
};

/// What /authorize may do for a request (AuthState::authorizeApp).
struct AppAuthorization
{
    enum class Outcome {
        Allowed,
        BadClient, ///< unknown client or unregistered redirect_uri: answer, never redirect
        InvalidScope, ///< redirect back with error=invalid_scope
        ConsentRequired, ///< the user has to approve first (GrantPolicy::AskUser)
    };
    Outcome outcome = Outcome::BadClient;
    QString description;
    QString consentId;
};

/// The result of asking for a service token.
struct TokenGrant
{
    enum class Status { Granted, PendingConsent, Denied };
    Status status = Status::Denied;
    QString accessToken;
    QString tokenType = QStringLiteral("Bearer");
    int expiresIn = 0;
    QString scope; ///< space-separated
    QString subject;
    QString patient; ///< set when patient/ scopes were granted
    QString consentId; ///< for PendingConsent: answer with resolveConsent()
    QStringList droppedScopes; ///< requested but outside the client's registration
    QString error; ///< for Denied

    /// The request's `fhirAuthorization` object (C4); empty unless Granted.
    [[nodiscard]] QJsonObject toFhirAuthorization() const;
    /// The same as the core model's type (whatever the status).
    [[nodiscard]] core::FhirAuthorization authorization() const;
};

/// A consent the user has to give before a service gets a token.
struct ConsentRequest
{
    QString id;
    QString clientId;
    QStringList scopes;
    QString patientId;
};

/// What the servers know about an issued access token.
struct TokenInfo
{
    QString token;
    QString subject; ///< client id
    QStringList scopes;
    QString patient;
    QString encounter;
    QString appContext;
    QDateTime expiresAt;
    bool revoked = false;
};

/// A SMART EHR launch context created by the EHR for one app launch.
struct LaunchContext
{
    QString patient;
    QString encounter;
    QString appContext;
    QString user; ///< fhirUser, e.g. Practitioner/pr-olivia-chen
};

/// Tokens, consents, SMART launches and authorization codes, shared by the HTTP handlers (server
/// thread) and the in-process API (caller thread): every member locks.
class AuthState
{
public:
    AuthState();

    void registerClient(const ServiceClient &client);
    [[nodiscard]] std::optional<ServiceClient> client(const QString &clientId) const;
    void setDefaultPolicy(GrantPolicy policy);
    void registerApp(const AppClient &app);
    /// Whether `origin` (scheme://host:port) is the origin of a registered app's redirect URI.
    [[nodiscard]] bool isAppOrigin(const QString &origin) const;
    /// The authorization server's endpoints, for FHIR bases besides the embedded one that
    /// publish it (a remote source's audit proxy); set when the embedded servers start.
    void setEndpoints(const AuthEndpoints &endpoints);
    [[nodiscard]] AuthEndpoints endpoints() const;
    /// FHIR bases besides the embedded one that /authorize accepts as `aud` exactly: the
    /// audit proxies of remote sources, while they listen.
    void addAudience(const QString &fhirBase);
    void removeAudience(const QString &fhirBase);
    [[nodiscard]] bool isAudience(const QString &fhirBase) const;
    [[nodiscard]] QStringList audiences() const;
    /// Called (on the server thread) when /authorize queues a consent for the user.
    void setConsentListener(std::function<void(const ConsentRequest &)> listener);

    /// Checks an /authorize request: a registered app gets at most its registered scopes and
    /// only at its registered redirect URIs; a CDS service's client id gets nothing here; an
    /// unregistered client only with an EHR launch (`launched`) and only the scopes an
    /// EHR-launched app may have (launch, openid, fhirUser, patient/...). The client's grant
    /// policy (else the default one) decides whether the user is asked first.
    AppAuthorization authorizeApp(const QString &clientId, const QString &redirectUri,
                                  const QStringList &scopes, bool launched,
                                  const QString &patientId);

    /// Issues (or, under AskUser, queues consent for) a short-lived token for a CDS service.
    /// Requested scopes are capped by the registration; empty = the registered scopes.
    TokenGrant issueServiceToken(const QString &clientId, const QStringList &scopes,
                                 const QString &patientId, int lifetimeSeconds = 300);
    /// Answers a pending consent; approval is remembered for this client and these scopes.
    TokenGrant resolveConsent(const QString &consentId, bool approve);
    [[nodiscard]] QList<ConsentRequest> pendingConsents() const;

    [[nodiscard]] std::optional<TokenInfo> lookup(const QString &token) const;
    void revoke(const QString &token);

    QString createLaunch(const LaunchContext &context);
    [[nodiscard]] std::optional<LaunchContext> launch(const QString &launchId) const;
    /// Stores an authorization code for the token endpoint (single use, 60 s).
    QString createCode(const QJsonObject &grant);
    /// Takes a code (one use only); empty object when unknown or expired.
    QJsonObject takeCode(const QString &code);
    /// Issues a token for a SMART app after the code exchange.
    TokenInfo issueAppToken(const QString &clientId, const QStringList &scopes,
                            const LaunchContext &context, int lifetimeSeconds = 3600);

private:
    TokenGrant grantLocked(const QString &clientId, const QStringList &scopes,
                           const QString &patientId, int lifetimeSeconds);
    void purgeExpiredLocked();

    mutable QMutex m_mutex;
    QHash<QString, ServiceClient> m_clients;
    QHash<QString, AppClient> m_apps;
    AuthEndpoints m_endpoints;
    QSet<QString> m_audiences;
    QSet<QString> m_appConsents; ///< consent ids that approve an app, not issue a service token
    std::function<void(const ConsentRequest &)> m_consentListener;
    GrantPolicy m_defaultPolicy = GrantPolicy::PreAuthorized;
    QHash<QString, TokenInfo> m_tokens;
    QHash<QString, ConsentRequest> m_consents;
    QHash<QString, int> m_consentLifetimes;
    QSet<QString> m_approved; // clientId + " " + scopes
    QHash<QString, LaunchContext> m_launches;
    QHash<QString, QPair<QJsonObject, QDateTime>> m_codes;
};

/// A random URL-safe token with 256 bits of entropy.
[[nodiscard]] QString randomToken();

} // namespace hb::servers
