#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace hb::ehr {

/// Who and what a new order is for.
struct OrderContext
{
    QString patientId;
    QString encounterId;
    QString userId; ///< requester, e.g. "Practitioner/pr-olivia-chen"
};

/// A draft order for a catalogue item, as order entry creates it: a MedicationRequest for a
/// formulary RxNorm code, a ServiceRequest for an imaging code (status draft, intent order,
/// subject, encounter and requester filled). nullopt when the code is in neither catalogue.
[[nodiscard]] std::optional<QJsonObject> draftOrderFor(const QString &code,
                                                       const OrderContext &context);

} // namespace hb::ehr

namespace hb::ehr {

/// A proposed follow-up Appointment for appointment-book: `daysAhead` days from today at
/// 09:00 UTC, 20 minutes, with the patient and the user as participants.
[[nodiscard]] QJsonObject proposedAppointment(const OrderContext &context, int daysAhead);

} // namespace hb::ehr
