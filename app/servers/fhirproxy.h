#pragma once

// The access audit for remote FHIR sources. Services are handed this proxy's loopback URL as
// fhirServer and a mock fhirAuthorization token of the embedded authorization server; the proxy
// judges each request exactly as the embedded FHIR server does (fhiraccess.h), records it in the
// access audit, and forwards what is allowed to the real server with the source's credentials,
// which therefore never reach the service. A SMART app launched for a remote patient gets the
// proxy as `iss` the same way: the proxy publishes the embedded authorization server
// (.well-known/smart-configuration, the metadata's security block), which accepts the proxy's
// base as `aud` while it listens, and the app's token is judged here like a service's.
#include <QObject>
#include <QUrl>

#include <functional>

namespace hb::fhir {
class FhirClient;
}

namespace hb::servers {

class AuditLog;
class AuthState;
class HttpServer;
struct HttpRequest;
struct HttpResponse;

class FhirProxy : public QObject
{
    Q_OBJECT

public:
    /// `upstream` (the remote source's client, with its credentials) must outlive the proxy
    /// and live in this thread.
    FhirProxy(AuthState *auth, AuditLog *audit, fhir::FhirClient *upstream,
              QObject *parent = nullptr);
    ~FhirProxy() override;

    /// Listens on 127.0.0.1 (any free port unless `port`); the authorization server then
    /// accepts baseUrl() as a SMART app's `aud`.
    bool listen(quint16 port = 0, QString *error = nullptr);
    /// Stops listening; baseUrl() is no longer an `aud` the authorization server accepts.
    void close();
    [[nodiscard]] bool isListening() const;
    /// http://127.0.0.1:P/fhir: what services get as fhirServer.
    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] QUrl upstreamBase() const;
    /// Which browser page origins besides the registered SMART apps' may read the proxy's
    /// answers (CORS); none by default, as the embedded FHIR server allows only the origins
    /// Hookbench uses.
    void setOriginPolicy(std::function<bool(const QString &origin)> allowed)
    {
        m_originAllowed = std::move(allowed);
    }

private:
    void handle(const HttpRequest &request, const std::function<void(HttpResponse)> &respond);
    void
    forwardMetadata(const QString &relative,
                    const std::function<void(int, const QJsonObject &, const QString &)> &finish);

    AuthState *m_auth;
    AuditLog *m_audit;
    fhir::FhirClient *m_upstream;
    HttpServer *m_server;
    std::function<bool(const QString &)> m_originAllowed;
    QString m_audience; ///< baseUrl() as registered with the authorization server
};

} // namespace hb::servers
