#pragma once

#include "core/hookrequest.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMutex>
#include <QSet>
#include <QString>
#include <QStringList>

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
