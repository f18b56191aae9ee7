#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace hb::servers {

/// What a set of SMART scopes allows for one FHIR interaction.
struct ScopeDecision
{
    bool allowed = false;
    QString scope; ///< the scope that allowed it (the broadest one), empty when denied
    bool patientOnly = false; ///< allowed only inside the token's patient compartment
};

/// FHIR interactions the embedded server supports.
enum class FhirInteraction { Read, Search };

/// Checks SMART App Launch scopes, v1 (`patient/Observation.read`, `user/*.*`) and v2
/// (`patient/Observation.rs`), against a read or search of `resourceType`. user/ and system/
/// scopes win over patient/ ones, so the decision names the least restricted grant.
[[nodiscard]] ScopeDecision checkScopes(const QStringList &scopes, const QString &resourceType,
                                        FhirInteraction interaction);

/// Scopes derived from a service's prefetch templates: `patient/<Type>.read` for templates bound
/// to the patient ({{context.patientId}}, {{userPatientId}}), `user/<Type>.read` otherwise.
/// Sorted and de-duplicated.
[[nodiscard]] QStringList scopesForPrefetch(const QMap<QString, QString> &templates);

/// Whether any scope is a patient/ scope (then fhirAuthorization carries `patient`).
[[nodiscard]] bool hasPatientScope(const QStringList &scopes);

} // namespace hb::servers
