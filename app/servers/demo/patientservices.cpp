// Demo services about the patient and the visit: greeting (patient-view), care gaps
// (encounter-start), discharge checklist (encounter-discharge), appointment reminder
// (appointment-book).
#include "servers/demo/cards.h"
#include "servers/demo/demoservice.h"

#include "fhir/catalogue.h"

#include <QDateTime>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace hb::servers::demo {

namespace {

const QString conditionsQuery = u"Condition?patient={{context.patientId}}&clinical-status=active"_s;
const QString hba1cQuery
    = u"Observation?patient={{context.patientId}}&code=4548-4&_sort=-date&_count=1"_s;
const QString diabetes = u"44054006"_s;

QJsonObject hba1cOrder(const QString &patientId)
{
    return QJsonObject {
        {u"resourceType"_s, u"ServiceRequest"_s},
        {u"id"_s, u"hba1c-"_s + newUuid().left(8)},
        {u"status"_s, u"draft"_s},
        {u"intent"_s, u"order"_s},
        {u"category"_s,
         QJsonArray {
             QJsonObject {{u"coding"_s,
                           QJsonArray {QJsonObject {{u"system"_s, u"http://snomed.info/sct"_s},
                                                    {u"code"_s, u"108252007"_s},
                                                    {u"display"_s, u"Laboratory procedure"_s}}}}}}},
        {u"code"_s,
         QJsonObject {{u"coding"_s,
                       QJsonArray {QJsonObject {
                           {u"system"_s, u"http://loinc.org"_s},
                           {u"code"_s, u"4548-4"_s},
                           {u"display"_s, u"Hemoglobin A1c/Hemoglobin.total in Blood"_s}}}},
                      {u"text"_s, u"HbA1c"_s}}},
        {u"subject"_s, QJsonObject {{u"reference"_s, u"Patient/"_s + patientId}}}};
}

/// Months since the last HbA1c, or -1 when there is none.
int monthsSinceHba1c(const ServiceCall &call)
{
    const auto results = resourcesOf(call.data.value(u"hba1c"_s));
    if (results.isEmpty())
        return -1;
    const QDate when = effectiveDate(results.first());
    return when.isValid() ? static_cast<int>(when.daysTo(QDate::currentDate()) / 30) : -1;
}

QJsonObject greeting(const ServiceCall &call)
{
    const QJsonObject patient = call.data.value(u"patient"_s).toObject();
    if (patient.isEmpty())
        return response({});
    const int age = ageInYears(patient, QDate::currentDate());
    QJsonArray cards {
        card(u"Now seeing: %1, %2 years"_s.arg(patientName(patient)).arg(age), u"info"_s,
             u"Patient greeting"_s,
             u"Gender: %1. Date of birth: %2."_s.arg(patient.value(u"gender"_s).toString(),
                                                     patient.value(u"birthDate"_s).toString()))};
    if (age >= 0 && age < 18) {
        const auto weights = resourcesOf(call.data.value(u"weight"_s));
        const QString weight = weights.isEmpty()
            ? u"No weight on record: weigh the patient before prescribing."_s
            : u"Last weight: **%1 kg** on %2."_s.arg(quantityOf(weights.first()))
                  .arg(effectiveDate(weights.first()).toString(Qt::ISODate));
        QJsonObject pediatric
            = card(u"Pediatric patient (%1 years): use weight-based dosing"_s.arg(age),
                   u"warning"_s, u"Patient greeting"_s, weight);
        addOverrideReasons(pediatric);
        cards.append(pediatric);
    }
    return response(cards);
}

QJsonObject careGaps(const ServiceCall &call)
{
    const auto conditions = resourcesOf(call.data.value(u"conditions"_s));
    const QString patientId = call.context.value(u"patientId"_s).toString();
    QJsonArray cards;
    if (hasCondition(conditions, diabetes)) {
        const int months = monthsSinceHba1c(call);
        if (months < 0 || months >= 6) {
            QJsonObject gap = card(
                months < 0
                    ? u"Diabetes care gap: no HbA1c on record"_s
                    : u"Diabetes care gap: HbA1c overdue (last one %1 months ago)"_s.arg(months),
                u"warning"_s, u"Care gaps"_s,
                u"Adults with diabetes should have an HbA1c at least every 6 months when not at goal."_s);
            addSuggestions(
                gap,
                {suggestion(u"Order HbA1c today"_s,
                            {createAction(u"Order an HbA1c test"_s, hba1cOrder(patientId))},
                            true)});
            addOverrideReasons(gap);
            cards.append(gap);
        }
    }
    if (hasCondition(conditions, u"38341003"_s)) {
        const auto bp = resourcesOf(call.data.value(u"bloodPressure"_s));
        const QDate last = bp.isEmpty() ? QDate() : effectiveDate(bp.first());
        if (!last.isValid() || last.daysTo(QDate::currentDate()) > 365)
            cards.append(card(u"Hypertension: no blood pressure recorded in the last 12 months"_s,
                              u"info"_s, u"Care gaps"_s));
    }
    return response(cards);
}

QJsonObject discharge(const ServiceCall &call)
{
    const QString patientId = call.context.value(u"patientId"_s).toString();
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QJsonArray cards;
    bool followUp = false;
    for (const QJsonObject &appt : resourcesOf(call.data.value(u"appointments"_s))) {
        const QDateTime start
            = QDateTime::fromString(appt.value(u"start"_s).toString(), Qt::ISODate);
        if (start.isValid() && start > now && start < now.addDays(30))
            followUp = true;
    }
    if (!followUp) {
        const QDateTime start(QDate::currentDate().addDays(7), QTime(10, 0), Qt::UTC);
        const QJsonObject appointment {
            {u"resourceType"_s, u"Appointment"_s},
            {u"id"_s, u"follow-up-"_s + newUuid().left(8)},
            {u"status"_s, u"proposed"_s},
            {u"description"_s, u"Post-discharge follow-up"_s},
            {u"start"_s, start.toString(Qt::ISODate)},
            {u"end"_s, start.addSecs(20 * 60).toString(Qt::ISODate)},
            {u"participant"_s,
             QJsonArray {QJsonObject {
                 {u"actor"_s, QJsonObject {{u"reference"_s, u"Patient/"_s + patientId}}},
                 {u"status"_s, u"needs-action"_s}}}}};
        QJsonObject missing
            = card(u"No follow-up appointment within 30 days of discharge"_s, u"warning"_s,
                   u"Discharge checklist"_s,
                   u"Book a follow-up visit within 7-14 days to reduce readmissions."_s);
        addSuggestions(
            missing,
            {suggestion(u"Propose a follow-up visit in 7 days"_s,
                        {createAction(u"Create a proposed appointment"_s, appointment)}, true)});
        addOverrideReasons(missing);
        cards.append(missing);
    }
    for (const QJsonObject &med : resourcesOf(call.data.value(u"medications"_s))) {
        const QString rx
            = codeOf(med.value(u"medicationCodeableConcept"_s), QString::fromLatin1(rxnormSystem));
        if (call.catalogue && call.catalogue->classesOf(rx).contains(u"anticoagulant"_s)) {
            cards.append(
                card(u"High-risk medicine at discharge: %1"_s.arg(
                         displayOf(med.value(u"medicationCodeableConcept"_s))),
                     u"warning"_s, u"Discharge checklist"_s,
                     u"- Give anticoagulant counselling\n- Arrange an INR check within 5 days\n"
                     u"- Reconcile interacting medicines"_s));
        }
    }
    return response(cards);
}

QJsonObject appointmentReminder(const ServiceCall &call)
{
    const QString patientId = call.context.value(u"patientId"_s).toString();
    QJsonArray cards;
    const auto booked = resourcesOf(call.data.value(u"booked"_s));
    for (const QJsonObject &proposed : resourcesOf(call.context.value(u"appointments"_s))) {
        const QString day = proposed.value(u"start"_s).toString().left(10);
        for (const QJsonObject &existing : booked) {
            if (day.isEmpty() || existing.value(u"start"_s).toString().left(10) != day
                || existing.value(u"id"_s) == proposed.value(u"id"_s))
                continue;
            QJsonObject clash = card(u"Double booking: '%1' is already booked on %2"_s.arg(
                                         existing.value(u"description"_s).toString(), day),
                                     u"warning"_s, u"Appointment reminder"_s);
            addSuggestions(
                clash,
                {suggestion(u"Remove the new booking"_s,
                            {deleteAction(u"Remove the proposed appointment"_s,
                                          u"Appointment/"_s + proposed.value(u"id"_s).toString())},
                            true)});
            addOverrideReasons(clash);
            cards.append(clash);
        }
    }
    const auto conditions = resourcesOf(call.data.value(u"conditions"_s));
    const int months = monthsSinceHba1c(call);
    if (hasCondition(conditions, diabetes) && (months < 0 || months >= 6)) {
        QJsonObject lab = card(u"Order an HbA1c before this visit so the result is ready"_s,
                               u"info"_s, u"Appointment reminder"_s);
        addSuggestions(
            lab,
            {suggestion(u"Order HbA1c"_s,
                        {createAction(u"Order an HbA1c test"_s, hba1cOrder(patientId))})});
        cards.append(lab);
    }
    return response(cards);
}

} // namespace

void addPatientServices(QList<DemoService> &services)
{
    services.append(DemoService {
        u"patient-greeting"_s,
        {u"patient-view"_s},
        u"Patient greeting"_s,
        u"Greets the patient by name and age; flags pediatric patients for weight-based dosing."_s,
        {},
        {{u"patient"_s, u"Patient/{{context.patientId}}"_s},
         {u"weight"_s,
          u"Observation?patient={{context.patientId}}&code=29463-7&_sort=-date&_count=1"_s}},
        {},
        greeting});
    services.append(DemoService {
        u"care-gaps"_s,
        {u"encounter-start"_s},
        u"Care gaps"_s,
        u"Finds overdue diabetes and hypertension monitoring when an encounter starts."_s,
        {},
        {{u"conditions"_s, conditionsQuery},
         {u"hba1c"_s, hba1cQuery},
         {u"bloodPressure"_s,
          u"Observation?patient={{context.patientId}}&code=85354-9&_sort=-date&_count=1"_s}},
        {},
        careGaps});
    services.append(DemoService {
        u"discharge-checklist"_s,
        {u"encounter-discharge"_s},
        u"Discharge checklist"_s,
        u"Checks follow-up booking and high-risk medicines before discharge."_s,
        {},
        {{u"encounter"_s, u"Encounter/{{context.encounterId}}"_s},
         {u"medications"_s, u"MedicationRequest?patient={{context.patientId}}&status=active"_s},
         {u"appointments"_s, u"Appointment?patient={{context.patientId}}&status=booked"_s}},
        {},
        discharge});
    services.append(
        DemoService {u"appointment-reminder"_s,
                     {u"appointment-book"_s},
                     u"Appointment reminder"_s,
                     u"Warns about double bookings and suggests labs to order before the visit."_s,
                     {},
                     {{u"booked"_s, u"Appointment?patient={{context.patientId}}&status=booked"_s},
                      {u"conditions"_s, conditionsQuery},
                      {u"hba1c"_s, hba1cQuery}},
                     {},
                     appointmentReminder});
}

} // namespace hb::servers::demo
