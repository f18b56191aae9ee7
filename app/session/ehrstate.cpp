#include "session/ehrstate.h"

#include <QRegularExpression>
#include <QUuid>

using namespace Qt::StringLiterals;

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
    // medication-prescribe (1.0): a Bundle of the draft MedicationRequests only.
    input.medications = orders.toBundle(u"MedicationRequest"_s);
    input.customContext = customContext;
    input.dispatchedOrders = dispatchedOrders;
    input.performer = performer;
    input.fulfillmentTasks = fulfillmentTasks;
    return input;
}

QString dispatchOrder(EhrState &state, const QString &reference, const QString &performer)
{
    static const QRegularExpression typed(u"^[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}$"_s);
    if (!typed.match(performer).hasMatch())
        return u"the performer must be a reference Type/id, got '%1'"_s.arg(performer);
    if (!state.orders.setPerformer(reference, performer))
        return u"%1 is not a signed order: sign it before dispatching"_s.arg(reference);
    state.dispatchedOrders = {reference};
    state.performer = performer;
    state.fulfillmentTasks = {QJsonObject {
        {u"resourceType"_s, u"Task"_s},
        {u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
        {u"status"_s, u"requested"_s},
        {u"intent"_s, u"order"_s},
        {u"code"_s,
         QJsonObject {
             {u"coding"_s,
              QJsonArray {QJsonObject {{u"system"_s, u"http://hl7.org/fhir/CodeSystem/task-code"_s},
                                       {u"code"_s, u"fulfill"_s}}}}}},
        {u"focus"_s, QJsonObject {{u"reference"_s, reference}}},
        {u"for"_s, QJsonObject {{u"reference"_s, u"Patient/"_s + state.patientId}}},
        {u"owner"_s, QJsonObject {{u"reference"_s, performer}}}}};
    return {};
}

} // namespace hb::session
