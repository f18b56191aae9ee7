#pragma once

// The access decision of the embedded FHIR server, shared with the FHIR proxy so a service is
// judged exactly the same whether the data is embedded or remote.
#include "fhir/search.h"
#include "servers/authstate.h"
#include "servers/httpmessage.h"
#include "servers/scopes.h"

#include <QString>

namespace hb::servers {

/// Whether a request's bearer token allows one read or search.
struct FhirAccess
{
    bool ok = false;
    int status = 401; ///< when refused: 401 or 403
    QString
        code; ///< OperationOutcome issue code when refused (login, security, expired, forbidden)
    QString reason; ///< audit outcome / diagnostics when refused
    TokenInfo token; ///< the token, when it was known
    ScopeDecision decision;

    /// The patient the request is confined to (patient/ scopes), empty when none.
    [[nodiscard]] QString compartmentPatient() const
    {
        return decision.patientOnly ? token.patient : QString();
    }
};

/// The bearer token of an `Authorization: Bearer ...` header, empty when there is none.
[[nodiscard]] QString bearerToken(const HttpRequest &request);

/// Checks the token (known, not revoked, not expired) and its scopes for a read or search of
/// `type`.
[[nodiscard]] FhirAccess checkFhirAccess(const AuthState &auth, const QString &token,
                                         const QString &type, bool isRead);

/// For a search under a patient/ scope: the refusal when the search names another patient
/// (patient, subject, or Patient?_id), empty when it stays inside `patient`'s record.
[[nodiscard]] QString compartmentSearchViolation(const fhir::QueryItems &params,
                                                 const QString &type, const QString &patient,
                                                 const QString &scope);

} // namespace hb::servers
