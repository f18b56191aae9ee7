#pragma once

// The access audit for remote FHIR sources. Services are handed this proxy's loopback URL as
// fhirServer and a mock fhirAuthorization token of the embedded authorization server; the proxy
// judges each request exactly as the embedded FHIR server does (fhiraccess.h), records it in the
// access audit, and forwards what is allowed to the real server with the source's credentials,
// which therefore never reach the service.
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

    /// Listens on 127.0.0.1 (any free port unless `port`).
    bool listen(quint16 port = 0, QString *error = nullptr);
    /// http://127.0.0.1:P/fhir: what services get as fhirServer.
    [[nodiscard]] QUrl baseUrl() const;
    [[nodiscard]] QUrl upstreamBase() const;
    /// Which browser page origins may read the proxy's answers (CORS); none by default, as the
    /// embedded FHIR server allows only the origins Hookbench uses.
    void setOriginPolicy(std::function<bool(const QString &origin)> allowed)
    {
        m_originAllowed = std::move(allowed);
    }

private:
    void handle(const HttpRequest &request, const std::function<void(HttpResponse)> &respond);

    AuthState *m_auth;
    AuditLog *m_audit;
    fhir::FhirClient *m_upstream;
    HttpServer *m_server;
    std::function<bool(const QString &)> m_originAllowed;
};

} // namespace hb::servers
