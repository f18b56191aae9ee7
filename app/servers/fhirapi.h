#pragma once

#include "servers/httpmessage.h"

#include <QString>

namespace hb::fhir {
class FhirStore;
}

namespace hb::servers {

class AuditLog;
class AuthState;

/// The FHIR R4 REST API over a FhirStore: `metadata`, read, type-level search (GET and POST
/// `_search`), bearer-token and scope checks, and one access-audit entry per request.
/// Read-only: writes get 405. Errors are OperationOutcomes.
class FhirApi
{
public:
    FhirApi(const fhir::FhirStore *store, AuthState *auth, AuditLog *audit);

    /// Default true. Without it every request is allowed and audited as "open server".
    void setRequireTokens(bool require) { m_requireTokens = require; }
    /// The OAuth endpoints advertised in the CapabilityStatement's security extension.
    void setOAuthUrls(const QString &authorize, const QString &token, const QString &introspect);

    /// Handles `request`, whose path below the FHIR base is `subPath` (e.g. "/Patient/1").
    void handle(const HttpRequest &request, const QString &subPath, const QString &fhirBase,
                const Responder &respond) const;

private:
    [[nodiscard]] QJsonObject capabilityStatement(const QString &fhirBase) const;

    const fhir::FhirStore *m_store;
    AuthState *m_auth;
    AuditLog *m_audit;
    bool m_requireTokens = true;
    QString m_authorizeUrl, m_tokenUrl, m_introspectUrl;
};

} // namespace hb::servers
