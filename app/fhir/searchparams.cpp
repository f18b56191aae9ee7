#include "fhir/searchparams.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::fhir {

namespace {

ParamDef token(QStringList paths)
{
    return ParamDef {ParamKind::Token, std::move(paths), {}};
}
ParamDef reference(QStringList paths, QString target = {})
{
    return ParamDef {ParamKind::Reference, std::move(paths), std::move(target)};
}
ParamDef date(QStringList paths)
{
    return ParamDef {ParamKind::Date, std::move(paths), {}};
}
ParamDef string(QStringList paths)
{
    return ParamDef {ParamKind::String, std::move(paths), {}};
}

QMap<QString, QMap<QString, ParamDef>> buildTable()
{
    const ParamDef id {ParamKind::Id, {u"id"_s}, {}};
    const ParamDef subjectPatient = reference({u"subject"_s}, u"Patient"_s);
    const ParamDef names
        = string({u"name.family"_s, u"name.given"_s, u"name.text"_s, u"name.prefix"_s});
    QMap<QString, QMap<QString, ParamDef>> t;
    t[u"Patient"_s] = {{u"_id"_s, id},
                       {u"name"_s, names},
                       {u"family"_s, string({u"name.family"_s})},
                       {u"given"_s, string({u"name.given"_s})},
                       {u"birthdate"_s, date({u"birthDate"_s})},
                       {u"gender"_s, token({u"gender"_s})},
                       {u"identifier"_s, token({u"identifier"_s})},
                       {u"general-practitioner"_s, reference({u"generalPractitioner"_s})}};
    t[u"Practitioner"_s] = {{u"_id"_s, id},
                            {u"name"_s, names},
                            {u"family"_s, string({u"name.family"_s})},
                            {u"given"_s, string({u"name.given"_s})},
                            {u"identifier"_s, token({u"identifier"_s})}};
    t[u"PractitionerRole"_s]
        = {{u"_id"_s, id},
           {u"practitioner"_s, reference({u"practitioner"_s}, u"Practitioner"_s)},
           {u"organization"_s, reference({u"organization"_s}, u"Organization"_s)},
           {u"specialty"_s, token({u"specialty"_s})},
           {u"role"_s, token({u"code"_s})}};
    t[u"Organization"_s] = {{u"_id"_s, id},
                            {u"name"_s, string({u"name"_s})},
                            {u"identifier"_s, token({u"identifier"_s})}};
    t[u"Condition"_s] = {{u"_id"_s, id},
                         {u"patient"_s, subjectPatient},
                         {u"subject"_s, reference({u"subject"_s})},
                         {u"code"_s, token({u"code"_s})},
                         {u"clinical-status"_s, token({u"clinicalStatus"_s})},
                         {u"category"_s, token({u"category"_s})},
                         {u"onset-date"_s, date({u"onsetDateTime"_s, u"onsetPeriod"_s})},
                         {u"recorded-date"_s, date({u"recordedDate"_s})}};
    t[u"MedicationRequest"_s] = {{u"_id"_s, id},
                                 {u"patient"_s, subjectPatient},
                                 {u"subject"_s, reference({u"subject"_s})},
                                 {u"code"_s, token({u"medicationCodeableConcept"_s})},
                                 {u"status"_s, token({u"status"_s})},
                                 {u"intent"_s, token({u"intent"_s})},
                                 {u"category"_s, token({u"category"_s})},
                                 {u"authoredon"_s, date({u"authoredOn"_s})},
                                 {u"requester"_s, reference({u"requester"_s})}};
    t[u"AllergyIntolerance"_s] = {{u"_id"_s, id},
                                  {u"patient"_s, reference({u"patient"_s}, u"Patient"_s)},
                                  {u"code"_s, token({u"code"_s})},
                                  {u"clinical-status"_s, token({u"clinicalStatus"_s})},
                                  {u"category"_s, token({u"category"_s})},
                                  {u"criticality"_s, token({u"criticality"_s})},
                                  {u"date"_s, date({u"recordedDate"_s})}};
    t[u"Observation"_s] = {
        {u"_id"_s, id},
        {u"patient"_s, subjectPatient},
        {u"subject"_s, reference({u"subject"_s})},
        {u"code"_s, token({u"code"_s})},
        {u"status"_s, token({u"status"_s})},
        {u"category"_s, token({u"category"_s})},
        {u"date"_s, date({u"effectiveDateTime"_s, u"effectivePeriod"_s, u"effectiveInstant"_s})}};
    t[u"Encounter"_s]
        = {{u"_id"_s, id},
           {u"patient"_s, subjectPatient},
           {u"subject"_s, reference({u"subject"_s})},
           {u"status"_s, token({u"status"_s})},
           {u"class"_s, token({u"class"_s})},
           {u"type"_s, token({u"type"_s})},
           {u"date"_s, date({u"period"_s})},
           {u"practitioner"_s, reference({u"participant.individual"_s}, u"Practitioner"_s)}};
    t[u"Appointment"_s]
        = {{u"_id"_s, id},
           {u"patient"_s, reference({u"participant.actor"_s}, u"Patient"_s)},
           {u"practitioner"_s, reference({u"participant.actor"_s}, u"Practitioner"_s)},
           {u"actor"_s, reference({u"participant.actor"_s})},
           {u"status"_s, token({u"status"_s})},
           {u"service-type"_s, token({u"serviceType"_s})},
           {u"date"_s, date({u"start"_s})}};
    t[u"ServiceRequest"_s] = {{u"_id"_s, id},
                              {u"patient"_s, subjectPatient},
                              {u"subject"_s, reference({u"subject"_s})},
                              {u"code"_s, token({u"code"_s})},
                              {u"status"_s, token({u"status"_s})},
                              {u"category"_s, token({u"category"_s})},
                              {u"authored"_s, date({u"authoredOn"_s})}};
    return t;
}

void walk(const QJsonValue &value, const QStringList &parts, qsizetype index,
          QList<QJsonValue> &out)
{
    if (value.isArray()) {
        for (const auto &item : value.toArray())
            walk(item, parts, index, out);
        return;
    }
    if (index == parts.size()) {
        if (!value.isUndefined() && !value.isNull())
            out.append(value);
        return;
    }
    if (value.isObject())
        walk(value.toObject().value(parts.at(index)), parts, index + 1, out);
}

} // namespace

const QMap<QString, QMap<QString, ParamDef>> &searchParamTable()
{
    static const auto table = buildTable();
    return table;
}

QList<QJsonValue> valuesAt(const QJsonObject &resource, const QString &path)
{
    // Each path split once per thread: splitting it again for every resource a search tests
    // was a fifth of a search among 10,000 resources (callgrind, BENCHMARKS.md).
    thread_local QHash<QString, QStringList> split;
    auto parts = split.constFind(path);
    if (parts == split.constEnd())
        parts = split.insert(path, path.split(u'.'));
    QList<QJsonValue> out;
    walk(resource, *parts, 0, out);
    return out;
}

QStringList patientIdsOf(const QJsonObject &resource)
{
    if (resource.value(u"resourceType"_s).toString() == u"Patient")
        return {resource.value(u"id"_s).toString()};
    QStringList ids;
    for (const QString &path : {u"subject"_s, u"patient"_s, u"participant.actor"_s}) {
        for (const auto &value : valuesAt(resource, path)) {
            const QString ref = value.toObject().value(u"reference"_s).toString();
            if (ref.startsWith(u"Patient/"))
                ids.append(ref.mid(8));
        }
    }
    return ids;
}

bool isPatientCompartmentType(const QString &type)
{
    return type != u"Practitioner" && type != u"PractitionerRole" && type != u"Organization";
}

} // namespace hb::fhir
