#pragma once

#include "fhir/fhirstore.h"

#include <QDate>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace hb::ehr {

/// The banner line of a patient: what every EHR shows at the top of a chart.
struct PatientSummary
{
    QString id;
    QString name; ///< "Given Family", or name.text
    QString birthDate; ///< as recorded
    QString gender;
    int ageYears = -1; ///< -1 when the birth date is unknown

    /// "female · 67 y · born 1958-11-06 · pt-amelia-hart"
    [[nodiscard]] QString details() const;
};

[[nodiscard]] PatientSummary summarizePatient(const QJsonObject &patient,
                                              const QDate &today = QDate::currentDate());

/// A human-readable name for a FHIR resource: a Patient's or Practitioner's name, else the
/// CodeableConcept text or first coding display of `code`/`medicationCodeableConcept`.
[[nodiscard]] QString displayOf(const QJsonObject &resource);

/// What the chart screen lists for one patient, each line ready to show.
struct PatientChart
{
    PatientSummary summary;
    QStringList conditions; ///< active problems
    QStringList medications; ///< active medication requests
    QStringList allergies; ///< with criticality
    QStringList observations; ///< latest value per code, newest first
    QStringList encounters; ///< newest first, with status
    QString openEncounterId; ///< an in-progress encounter (inpatient stay), if any
    QString lastEncounterId; ///< the newest encounter of any status
};

/// Collects the patient's chart from a FHIR store (the embedded EHR's data).
[[nodiscard]] PatientChart chartFor(const fhir::FhirStore &store, const QString &patientId,
                                    const QDate &today = QDate::currentDate());

} // namespace hb::ehr
