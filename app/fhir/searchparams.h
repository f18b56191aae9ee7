#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace hb::fhir {

/// The kinds of FHIR search parameter the embedded server understands.
enum class ParamKind { Token, Reference, Date, String, Id };

/// One search parameter of one resource type: where its values live in the resource.
struct ParamDef
{
    ParamKind kind = ParamKind::Token;
    QStringList paths; ///< dotted JSON paths; arrays are walked through
    QString target; ///< for references: the only target type allowed (e.g. "Patient"), or empty
};

/// The resource types the server serves, each with its search parameters (incl. `_id`).
[[nodiscard]] const QMap<QString, QMap<QString, ParamDef>> &searchParamTable();

/// All values found at `path` (dotted, arrays flattened) inside `resource`.
[[nodiscard]] QList<QJsonValue> valuesAt(const QJsonObject &resource, const QString &path);

/// The ids of the patients a resource belongs to (its Patient compartment, simplified):
/// the Patient itself, or Patient references in subject/patient/participant.actor.
[[nodiscard]] QStringList patientIdsOf(const QJsonObject &resource);

/// Whether the type has a patient compartment in this server (Practitioner etc. do not).
[[nodiscard]] bool isPatientCompartmentType(const QString &type);

} // namespace hb::fhir
