#pragma once

#include "servers/embeddedservers.h"
#include "servers/httpmessage.h"

#include <QMutex>
#include <QObject>

#include <memory>

namespace hb::fhir {
class FhirStore;
}

namespace hb::servers {

class AuthApi;
class CdsServicesApi;
class FhirApi;
class HttpServer;
class LabApi;

/// The server side of EmbeddedServers: lives in the server thread, owns the sockets and routes
/// requests. Only EmbeddedServers uses it.
class ServerHost : public QObject
{
    Q_OBJECT

public:
    ServerHost(AuthState *auth, AuditLog *audit);
    ~ServerHost() override;

    /// Runs in the server thread. Returns an empty string on success, else the error.
    QString start(const ServerOptions &options, const ClientTrust &trust);
    void stop();

    [[nodiscard]] BaseUrls urls() const;
    [[nodiscard]] const fhir::FhirStore &store() const { return *m_store; }
    [[nodiscard]] QList<FeedbackEntry> feedback() const;
    void addFeedback(const FeedbackEntry &entry);

Q_SIGNALS:
    void feedbackReceived(const QString &serviceId, const QJsonObject &feedback);

private:
    void handleMain(const HttpRequest &request, const Responder &respond);
    [[nodiscard]] HttpResponse staticApp(const QString &path) const;
    [[nodiscard]] bool originAllowed(const HttpRequest &request) const;

    AuthState *m_auth;
    AuditLog *m_audit;
    std::unique_ptr<fhir::FhirStore> m_store;
    std::unique_ptr<FhirApi> m_fhir;
    std::unique_ptr<AuthApi> m_authApi;
    CdsServicesApi *m_cds = nullptr;
    LabApi *m_lab = nullptr;
    HttpServer *m_main = nullptr;
    HttpServer *m_labServer = nullptr;
    std::function<QJsonObject()> m_jwks;
    BaseUrls m_urls;
    QStringList m_corsOrigins;
    mutable QMutex m_mutex;
    QList<FeedbackEntry> m_feedback;
};

/// Adds the CORS headers of the embedded main server: echoes the Origin when `allowed`.
void addCorsHeaders(const HttpRequest &request, HttpResponse &response, bool allowed);
/// The answer to a CORS preflight that allows GET/POST with Authorization and Content-Type, or
/// (not `allowed`) one without any CORS header.
[[nodiscard]] HttpResponse corsPreflight(const HttpRequest &request, bool allowed);

} // namespace hb::servers
