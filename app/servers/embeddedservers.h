#pragma once

#include "servers/auditlog.h"
#include "servers/authstate.h"
#include "servers/cdsservicesapi.h"
#include "servers/clientcredentials.h"

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QThread;

namespace hb::fhir {
class FhirStore;
}

namespace hb::servers {

class ServerHost;

/// How the embedded servers know Hookbench's client: the JWKS they publish and, optionally, the
/// check the demo services apply to each client JWT.
struct ClientTrust
{
    std::function<QJsonObject()> jwks;
    CdsServicesApi::ClientJwtVerifier verifier;
    /// Checks client_credentials assertions (SMART Backend Services); none: that grant is refused.
    ClientAssertionVerifier assertions;
};

/// Options for EmbeddedServers::start().
struct ServerOptions
{
    quint16 port = 0; ///< main server (FHIR, auth, demo services, apps); 0 = any free port
    quint16 labPort = 0; ///< misbehaviour lab (its own origin); 0 = any free port
    bool requireTokens = true; ///< FHIR requests need a bearer token
    bool builtinData = true; ///< serve the bundled synthetic EHR
    bool shiftDates = true; ///< keep the bundled data's dates relative to today
    QStringList bundleFiles; ///< extra FHIR Bundles to import (JSON files)
    /// Page origins besides Hookbench's own (http://127.0.0.1:P, http://localhost:P) and the
    /// registered apps' that may read the FHIR server and the token endpoint cross-origin. The
    /// demo CDS services answer any origin.
    QStringList corsOrigins {QStringLiteral("https://sandbox.cds-hooks.org")};
};

/// Every base URL the embedded servers offer (all http://127.0.0.1:PORT/...).
struct BaseUrls
{
    QString fhir, cdsServices, lab, authorize, token, jwks, smartConfiguration, introspect,
        smartApp;
    [[nodiscard]] QJsonObject toJson() const;
};

/// A feedback POST one of the demo services received.
struct FeedbackEntry
{
    QString serviceId;
    QJsonObject feedback; ///< one item of the `feedback` array
};

/// The embedded EHR: FHIR server, mock SMART authorization server, demo CDS services and the
/// misbehaviour lab, on 127.0.0.1, running in their own thread so the caller (the GUI) never
/// blocks on them. The in-process API below may be called from any thread.
class EmbeddedServers : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddedServers(QObject *parent = nullptr);
    ~EmbeddedServers() override;

    void setOptions(const ServerOptions &options);
    /// Supplies the JWKS published at `jwks` (Hookbench's client key). Called on the server
    /// thread for each request, so it must be thread-safe. Without it the key set is empty.
    void setJwksProvider(std::function<QJsonObject()> provider);
    /// Makes the demo CDS services check each request's client JWT (called on the server
    /// thread, so it must be thread-safe); without it they accept any request. The lab never
    /// checks: its services misbehave on purpose.
    void setClientJwtVerifier(CdsServicesApi::ClientJwtVerifier verifier);
    /// Lets the token endpoint grant client_credentials to clients whose private_key_jwt
    /// assertion this accepts (thread-safe: called on the server thread).
    void setClientAssertionVerifier(ClientAssertionVerifier verifier);

    /// Loads the data and binds the sockets (a few milliseconds). Returns false with `error`
    /// when a port is taken or a bundle file is unreadable.
    bool start(QString *error = nullptr);
    /// Like start() but returns at once; `started` reports the outcome (for the GUI thread).
    void startAsync();
    void stop();
    [[nodiscard]] bool isRunning() const;
    [[nodiscard]] BaseUrls baseUrls() const;
    /// The data the FHIR server serves (valid after start()).
    [[nodiscard]] const fhir::FhirStore &store() const;

    // --- authorization server, in process -------------------------------------------------
    void registerServiceClient(const ServiceClient &client);
    /// A SMART app that may use /authorize (its redirect URIs, scopes and grant policy); its
    /// redirect URIs' origins may also read the FHIR server and the token endpoint. The
    /// embedded context viewer (`hookbench-context-viewer`) is registered at start.
    void registerAppClient(const AppClient &app);
    void setDefaultGrantPolicy(GrantPolicy policy);
    /// A fhirAuthorization token for a CDS service (C4). Under AskUser the grant
    /// is PendingConsent and `consentRequested` fires; answer with resolveConsent().
    TokenGrant issueServiceToken(const QString &serviceClientId, const QStringList &scopes,
                                 const QString &patientId, int lifetimeSeconds = 300);
    TokenGrant resolveConsent(const QString &consentId, bool approve);
    [[nodiscard]] QList<ConsentRequest> pendingConsents() const;
    /// Revokes a token (the client SHOULD do so when the hook exchange completes).
    void revokeToken(const QString &accessToken);
    [[nodiscard]] static QStringList scopesForPrefetch(const QMap<QString, QString> &templates);
    /// Creates a SMART EHR launch context; pass the id as `launch` when opening the app.
    QString createLaunch(const QString &patient, const QString &encounter,
                         const QString &appContext, const QString &user = {});

    // --- audit and feedback ------------------------------------------------------------------
    [[nodiscard]] QList<AuditEntry> audit() const;
    [[nodiscard]] QList<FeedbackEntry> feedback() const;
    [[nodiscard]] AuditLog *auditLog() const;
    /// The token store (thread-safe), for the FHIR proxy's checks.
    [[nodiscard]] AuthState *authState() const { return m_auth.get(); }

Q_SIGNALS:
    void started(bool ok, const QString &error);
    void auditEntry(const hb::servers::AuditEntry &entry);
    void consentRequested(const hb::servers::ConsentRequest &request);
    void feedbackReceived(const QString &serviceId, const QJsonObject &feedback);

private:
    void createHost();

    ServerOptions m_options;
    ClientTrust m_trust;
    std::unique_ptr<AuthState> m_auth;
    AuditLog *m_audit;
    QThread *m_thread = nullptr;
    ServerHost *m_host = nullptr;
    bool m_ready = false; ///< the host's URLs and store may be read (set in the caller's thread)
};

} // namespace hb::servers

Q_DECLARE_METATYPE(hb::servers::ConsentRequest)
