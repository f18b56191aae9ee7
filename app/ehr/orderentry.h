#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::ehr {

/// Who and what a new order is for.
struct OrderContext
{
    QString patientId;
    QString encounterId;
    QString userId; ///< requester, e.g. "Practitioner/pr-olivia-chen"
};

enum class OrderKind { Medication, Imaging, Lab, Unknown };

/// Which catalogue a code belongs to (formulary RxNorm, imaging, lab LOINC).
[[nodiscard]] OrderKind orderKindOf(const QString &code);

/// What the clinician filled in beside the code. Empty fields take the defaults.
struct OrderDetails
{
    // Medications (MedicationRequest.dosageInstruction).
    double doseValue = 0; ///< 0 = 1 unit of the product's form
    QString doseUnit; ///< UCUM-ish unit; empty = from the product (tablet, capsule, mL, puff)
    QString route; ///< SNOMED code from Catalogue::routes(); empty = from the product
    QString frequency; ///< code from Catalogue::frequencies() (QD, BID, ...); empty = QD
    // Imaging (ServiceRequest.reasonCode), SNOMED codes from Catalogue::imagingReasons().
    QStringList reasons; ///< empty = the catalogue item's default reason
};

/// A draft order for a catalogue item, as order entry creates it (status draft, intent order,
/// subject, encounter and requester filled):
/// - formulary RxNorm code: MedicationRequest with dosageInstruction (dose, route, timing);
/// - imaging code: ServiceRequest (category Imaging) coded with CPT first, as the public sample
///   services read it, and the catalogue code second, with SNOMED reasons in reasonCode;
/// - lab LOINC code: ServiceRequest (category Laboratory procedure).
/// nullopt when the code is in no catalogue (or a detail is unknown, see `problem`).
[[nodiscard]] std::optional<QJsonObject> draftOrderFor(const QString &code,
                                                       const OrderContext &context,
                                                       const OrderDetails &details = {},
                                                       QString *problem = nullptr);

/// One line for an order list: "Lipitor 20 MG Oral Tablet, 1 tablet oral once daily",
/// "CT lumbar spine (CPT 72133) for Low back pain", "Hemoglobin A1c (LOINC 4548-4)".
[[nodiscard]] QString orderSummary(const QJsonObject &order);

} // namespace hb::ehr

namespace hb::ehr {

/// A proposed follow-up Appointment for appointment-book: `daysAhead` days from today at
/// 09:00 UTC, 20 minutes, with the patient and the user as participants.
[[nodiscard]] QJsonObject proposedAppointment(const OrderContext &context, int daysAhead);

} // namespace hb::ehr
