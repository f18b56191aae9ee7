#include "ehr/orderentry.h"

#include "fhir/catalogue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace hb::ehr {

namespace {

QJsonObject codeable(const QString &system, const QString &code, const QString &display)
{
    return {{u"coding"_s,
             QJsonArray {
                 QJsonObject {{u"system"_s, system}, {u"code"_s, code}, {u"display"_s, display}}}},
            {u"text"_s, display}};
}

QJsonObject reference(const QString &ref)
{
    return {{u"reference"_s, ref}};
}

} // namespace

std::optional<QJsonObject> draftOrderFor(const QString &code, const OrderContext &context)
{
    const auto &catalogue = fhir::Catalogue::builtin();
    QJsonObject order {{u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                       {u"status"_s, u"draft"_s},
                       {u"intent"_s, u"order"_s},
                       {u"subject"_s, reference(u"Patient/"_s + context.patientId)}};
    if (!context.encounterId.isEmpty())
        order.insert(u"encounter"_s, reference(u"Encounter/"_s + context.encounterId));
    if (const auto medication = catalogue.medication(code)) {
        order.insert(u"resourceType"_s, u"MedicationRequest"_s);
        order.insert(u"medicationCodeableConcept"_s,
                     codeable(medication->value(u"system"_s).toString(), code,
                              medication->value(u"display"_s).toString()));
        if (!context.userId.isEmpty())
            order.insert(u"requester"_s, reference(context.userId));
        return order;
    }
    if (const auto imaging = catalogue.imagingItem(code)) {
        order.insert(u"resourceType"_s, u"ServiceRequest"_s);
        order.insert(
            u"code"_s,
            codeable(catalogue.imagingSystem(), code, imaging->value(u"display"_s).toString()));
        if (!context.userId.isEmpty())
            order.insert(u"requester"_s, reference(context.userId));
        return order;
    }
    return std::nullopt;
}

} // namespace hb::ehr

namespace hb::ehr {

QJsonObject proposedAppointment(const OrderContext &context, int daysAhead)
{
    const QDateTime start(QDate::currentDate().addDays(daysAhead), QTime(9, 0), Qt::UTC);
    QJsonArray participants {
        QJsonObject {{u"actor"_s, reference(u"Patient/"_s + context.patientId)},
                     {u"status"_s, u"needs-action"_s}}};
    if (!context.userId.isEmpty())
        participants.append(
            QJsonObject {{u"actor"_s, reference(context.userId)}, {u"status"_s, u"accepted"_s}});
    return {{u"resourceType"_s, u"Appointment"_s},
            {u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
            {u"status"_s, u"proposed"_s},
            {u"description"_s, u"Follow-up visit"_s},
            {u"start"_s, start.toString(Qt::ISODate)},
            {u"end"_s, start.addSecs(20 * 60).toString(Qt::ISODate)},
            {u"minutesDuration"_s, 20},
            {u"participant"_s, participants}};
}

} // namespace hb::ehr
