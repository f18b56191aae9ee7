#include "session/ehrstate.h"

namespace hb::session {

core::EhrContextInput EhrState::contextInput() const
{
    core::EhrContextInput input;
    input.userId = userId;
    input.patientId = patientId;
    input.encounterId = encounterId;
    input.draftOrders = orders.toBundle();
    input.selections = orders.selections().isEmpty() ? orders.references() : orders.selections();
    input.appointments = appointments;
    input.medications = input.draftOrders;
    input.customContext = customContext;
    return input;
}

} // namespace hb::session
