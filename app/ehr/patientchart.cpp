#include "ehr/patientchart.h"

#include <QJsonArray>
#include <QMap>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::ehr {

namespace {

QString conceptText(const QJsonObject &codeable)
{
    const QString text = codeable.value(u"text"_s).toString();
    if (!text.isEmpty())
        return text;
    const QJsonArray codings = codeable.value(u"coding"_s).toArray();
    for (const auto &coding : codings) {
        const QString display = coding.toObject().value(u"display"_s).toString();
        if (!display.isEmpty())
            return display;
    }
    return codings.isEmpty() ? QString() : codings.first().toObject().value(u"code"_s).toString();
}

QString humanName(const QJsonObject &resource)
{
    const QJsonObject name = resource.value(u"name"_s).toArray().first().toObject();
    QStringList parts;
    for (const auto &given : name.value(u"given"_s).toArray())
        parts << given.toString();
    parts << name.value(u"family"_s).toString();
    const QString joined = parts.join(u' ').trimmed();
    return joined.isEmpty() ? name.value(u"text"_s).toString() : joined;
}

bool belongsTo(const QJsonObject &resource, const QString &patientRef)
{
    return resource.value(u"subject"_s).toObject().value(u"reference"_s).toString() == patientRef
        || resource.value(u"patient"_s).toObject().value(u"reference"_s).toString() == patientRef;
}

QString statusCode(const QJsonObject &resource, const QString &member)
{
    const QJsonValue value = resource.value(member);
    return value.isString() ? value.toString()
                            : value.toObject()
                                  .value(u"coding"_s)
                                  .toArray()
                                  .first()
                                  .toObject()
                                  .value(u"code"_s)
                                  .toString();
}

QString observationValue(const QJsonObject &observation)
{
    const QJsonObject quantity = observation.value(u"valueQuantity"_s).toObject();
    if (!quantity.isEmpty())
        return QString::number(quantity.value(u"value"_s).toDouble()) + u' '
            + quantity.value(u"unit"_s).toString();
    const QJsonArray components = observation.value(u"component"_s).toArray();
    QStringList values;
    for (const auto &component : components) {
        const QJsonObject q = component.toObject().value(u"valueQuantity"_s).toObject();
        if (!q.isEmpty())
            values << QString::number(q.value(u"value"_s).toDouble());
    }
    if (!values.isEmpty())
        return values.join(u'/') + u' '
            + components.first()
                  .toObject()
                  .value(u"valueQuantity"_s)
                  .toObject()
                  .value(u"unit"_s)
                  .toString();
    return conceptText(observation.value(u"valueCodeableConcept"_s).toObject());
}

QString effectiveDate(const QJsonObject &resource)
{
    for (const auto &member : {u"effectiveDateTime"_s, u"recordedDate"_s, u"authoredOn"_s}) {
        const QString value = resource.value(member).toString();
        if (!value.isEmpty())
            return value.left(10);
    }
    return resource.value(u"period"_s).toObject().value(u"start"_s).toString().left(10);
}

} // namespace

QString PatientSummary::details() const
{
    QStringList parts;
    if (!gender.isEmpty())
        parts << gender;
    if (ageYears >= 0)
        parts << u"%1 y"_s.arg(ageYears);
    if (!birthDate.isEmpty())
        parts << u"born "_s + birthDate;
    parts << id;
    return parts.join(u" · "_s);
}

PatientSummary summarizePatient(const QJsonObject &patient, const QDate &today)
{
    PatientSummary summary;
    summary.id = patient.value(u"id"_s).toString();
    summary.name = humanName(patient);
    summary.birthDate = patient.value(u"birthDate"_s).toString();
    summary.gender = patient.value(u"gender"_s).toString();
    const QDate born = QDate::fromString(summary.birthDate, Qt::ISODate);
    if (born.isValid()) {
        int age = today.year() - born.year();
        if (today < born.addYears(age))
            --age;
        summary.ageYears = age;
    }
    return summary;
}

QString displayOf(const QJsonObject &resource)
{
    const QString type = resource.value(u"resourceType"_s).toString();
    if (type == u"Patient" || type == u"Practitioner" || type == u"RelatedPerson")
        return humanName(resource);
    for (const auto &member : {u"code"_s, u"medicationCodeableConcept"_s}) {
        const QString text = conceptText(resource.value(member).toObject());
        if (!text.isEmpty())
            return text;
    }
    return type + u'/' + resource.value(u"id"_s).toString();
}

PatientChart chartFor(const fhir::FhirStore &store, const QString &patientId, const QDate &today)
{
    PatientChart chart;
    const auto patient = store.read(u"Patient"_s, patientId);
    if (!patient)
        return chart;
    chart.summary = summarizePatient(*patient, today);
    const QString ref = u"Patient/"_s + patientId;

    for (const auto &condition : store.all(u"Condition"_s)) {
        if (belongsTo(condition, ref) && statusCode(condition, u"clinicalStatus"_s) == u"active")
            chart.conditions << displayOf(condition);
    }
    for (const auto &request : store.all(u"MedicationRequest"_s)) {
        if (belongsTo(request, ref) && request.value(u"status"_s).toString() == u"active")
            chart.medications << displayOf(request);
    }
    for (const auto &allergy : store.all(u"AllergyIntolerance"_s)) {
        if (!belongsTo(allergy, ref))
            continue;
        const QString criticality = allergy.value(u"criticality"_s).toString();
        chart.allergies << displayOf(allergy)
                + (criticality.isEmpty() ? QString() : u" ("_s + criticality + u" criticality)"_s);
    }

    // Latest observation per code, newest first.
    QMap<QString, QJsonObject> latest;
    for (const auto &observation : store.all(u"Observation"_s)) {
        if (!belongsTo(observation, ref))
            continue;
        const QString code = displayOf(observation);
        if (!latest.contains(code)
            || effectiveDate(latest.value(code)) < effectiveDate(observation))
            latest.insert(code, observation);
    }
    QList<QJsonObject> observations = latest.values();
    std::sort(observations.begin(), observations.end(),
              [](const QJsonObject &a, const QJsonObject &b) {
                  return effectiveDate(a) > effectiveDate(b);
              });
    for (const auto &observation : observations)
        chart.observations << u"%1: %2 (%3)"_s.arg(
            displayOf(observation), observationValue(observation), effectiveDate(observation));

    QList<QJsonObject> encounters;
    for (const auto &encounter : store.all(u"Encounter"_s)) {
        if (belongsTo(encounter, ref))
            encounters << encounter;
    }
    std::sort(encounters.begin(), encounters.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return effectiveDate(a) > effectiveDate(b);
    });
    for (const auto &encounter : encounters) {
        const QString status = encounter.value(u"status"_s).toString();
        const QString type = conceptText(encounter.value(u"type"_s).toArray().first().toObject());
        chart.encounters << u"%1 · %2 · %3"_s.arg(effectiveDate(encounter), type, status);
        if (status == u"in-progress" && chart.openEncounterId.isEmpty())
            chart.openEncounterId = encounter.value(u"id"_s).toString();
    }
    if (!encounters.isEmpty())
        chart.lastEncounterId = encounters.first().value(u"id"_s).toString();
    return chart;
}

} // namespace hb::ehr
