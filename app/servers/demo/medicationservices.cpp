// Demo services about medication orders: medication safety (order-select + order-sign: allergy,
// interaction, duplicate therapy), generic substitution (order-select) and renal dosing
// (order-sign, no prefetch: reads the FHIR server with the token, 412 without it).
#include "fhir/catalogue.h"
#include "servers/demo/cards.h"
#include "servers/demo/demoservice.h"

#include <QSet>

#include <cmath>

using namespace Qt::StringLiterals;

namespace hb::servers::demo {

namespace {

const QSet<QString> therapeuticClasses {u"ace-inhibitor"_s, u"statin"_s,
                                        u"nsaid"_s,         u"anticoagulant"_s,
                                        u"biguanide"_s,     u"calcium-channel-blocker"_s};

QString rxOf(const QJsonObject &med)
{
    return codeOf(med.value(u"medicationCodeableConcept"_s), QString::fromLatin1(rxnormSystem));
}

QString drugName(const QJsonObject &med)
{
    return displayOf(med.value(u"medicationCodeableConcept"_s));
}

QString ref(const QJsonObject &resource)
{
    return resource.value(u"resourceType"_s).toString() + u'/' + resource.value(u"id"_s).toString();
}

QList<QJsonObject> draftMedications(const ServiceCall &call)
{
    QList<QJsonObject> out;
    for (const QJsonObject &order : draftOrders(call.context, call.hook == u"order-select"))
        if (order.value(u"resourceType"_s).toString() == u"MedicationRequest")
            out.append(order);
    return out;
}

/// The draft order with its medication replaced by another formulary entry (a new draft).
QJsonObject replacementOrder(const QJsonObject &draft, const QJsonObject &item)
{
    QJsonObject order = draft;
    order.insert(u"id"_s, u"replacement-"_s + newUuid().left(8));
    order.insert(u"status"_s, u"draft"_s);
    order.insert(
        u"medicationCodeableConcept"_s,
        QJsonObject {{u"coding"_s,
                      QJsonArray {QJsonObject {{u"system"_s, QString::fromLatin1(rxnormSystem)},
                                               {u"code"_s, item.value(u"code"_s)},
                                               {u"display"_s, item.value(u"display"_s)}}}},
                     {u"text"_s, item.value(u"display"_s)}});
    return order;
}

QJsonObject replaceSuggestion(const QJsonObject &draft, const QJsonObject &item)
{
    return suggestion(u"Replace with %1"_s.arg(item.value(u"display"_s).toString()),
                      {deleteAction(u"Remove the %1 order"_s.arg(drugName(draft)), ref(draft)),
                       createAction(u"Order %1"_s.arg(item.value(u"display"_s).toString()),
                                    replacementOrder(draft, item))},
                      true);
}

QJsonObject medicationSafety(const ServiceCall &call)
{
    const fhir::Catalogue &catalogue = *call.catalogue;
    const QString source = u"Medication safety"_s;
    QStringList allergyClasses;
    for (const QJsonObject &allergy : resourcesOf(call.data.value(u"allergies"_s))) {
        for (const auto &coding : allergy[u"code"_s][u"coding"_s].toArray())
            allergyClasses += catalogue.allergyClassesOf(coding[u"system"_s].toString(),
                                                         coding[u"code"_s].toString());
    }
    const auto active = resourcesOf(call.data.value(u"medications"_s));
    QJsonArray cards;
    for (const QJsonObject &draft : draftMedications(call)) {
        const QStringList classes = catalogue.classesOf(rxOf(draft));
        for (const QString &allergyClass : allergyClasses) {
            if (!classes.contains(allergyClass))
                continue;
            QJsonObject c = card(
                u"%1 allergy: %2 is contraindicated"_s.arg(
                    allergyClass.at(0).toUpper() + allergyClass.mid(1), drugName(draft)),
                u"critical"_s, source,
                u"The patient has a recorded **%1** allergy. %2 belongs to that class."_s.arg(
                    allergyClass, drugName(draft)));
            QJsonArray suggestions;
            if (const auto alternative = catalogue.medication(u"308460"_s);
                alternative && allergyClass == u"penicillin")
                suggestions.append(replaceSuggestion(draft, *alternative));
            suggestions.append(suggestion(u"Cancel the %1 order"_s.arg(drugName(draft)),
                                          {deleteAction(u"Remove the order"_s, ref(draft))}));
            addSuggestions(c, suggestions);
            addOverrideReasons(c);
            cards.append(c);
        }
        for (const auto &ruleValue : catalogue.interactions()) {
            const QJsonObject rule = ruleValue.toObject();
            const QString a = rule[u"classes"_s][0].toString();
            const QString b = rule[u"classes"_s][1].toString();
            for (const QJsonObject &med : active) {
                const QStringList activeClasses = catalogue.classesOf(rxOf(med));
                const bool hit = (classes.contains(b) && activeClasses.contains(a))
                    || (classes.contains(a) && activeClasses.contains(b));
                if (!hit)
                    continue;
                QJsonObject c = card(
                    u"%1: %2 with %3"_s.arg(rule[u"summary"_s].toString().section(u':', 0, 0),
                                            drugName(draft), drugName(med)),
                    rule[u"severity"_s].toString(), source, rule[u"summary"_s].toString() + u"."_s);
                if (const auto alt = catalogue.medication(rule[u"alternative"_s].toString()))
                    addSuggestions(c, {replaceSuggestion(draft, *alt)});
                addOverrideReasons(c);
                cards.append(c);
            }
        }
        for (const QJsonObject &med : active) {
            const QStringList activeClasses = catalogue.classesOf(rxOf(med));
            QString shared;
            for (const QString &c : classes)
                if (therapeuticClasses.contains(c) && activeClasses.contains(c))
                    shared = c;
            if (shared.isEmpty())
                continue;
            QJsonObject stopped = med;
            stopped.insert(u"status"_s, u"stopped"_s);
            QJsonObject c = card(u"Duplicate therapy (%1): %2 and active %3"_s.arg(
                                     shared, drugName(draft), drugName(med)),
                                 u"warning"_s, source);
            addSuggestions(
                c,
                {suggestion(u"Cancel the new %1 order"_s.arg(drugName(draft)),
                            {deleteAction(u"Remove the new order"_s, ref(draft))}, true),
                 suggestion(u"Stop the existing %1"_s.arg(drugName(med)),
                            {updateAction(u"Mark %1 as stopped"_s.arg(drugName(med)), stopped)})});
            addOverrideReasons(c);
            cards.append(c);
        }
    }
    return response(cards);
}

QJsonObject genericSubstitution(const ServiceCall &call)
{
    QJsonArray cards;
    for (const QJsonObject &draft : draftMedications(call)) {
        const auto item = call.catalogue->medication(rxOf(draft));
        if (!item || !item->contains(u"brandOf"_s))
            continue;
        const auto generic = call.catalogue->medication(item->value(u"brandOf"_s).toString());
        if (!generic)
            continue;
        QJsonObject updated = draft;
        updated.insert(
            u"medicationCodeableConcept"_s,
            QJsonObject {{u"coding"_s,
                          QJsonArray {QJsonObject {{u"system"_s, QString::fromLatin1(rxnormSystem)},
                                                   {u"code"_s, generic->value(u"code"_s)},
                                                   {u"display"_s, generic->value(u"display"_s)}}}},
                         {u"text"_s, generic->value(u"display"_s)}});
        QJsonObject c = card(
            u"Generic available: %1 instead of %2"_s.arg(generic->value(u"display"_s).toString(),
                                                         drugName(draft)),
            u"info"_s, u"Generic substitution"_s,
            u"Same ingredient (%1), lower cost."_s.arg(item->value(u"ingredient"_s).toString()));
        addSuggestions(
            c,
            {suggestion(u"Switch to %1"_s.arg(generic->value(u"display"_s).toString()),
                        {updateAction(u"Change the order to the generic"_s, updated)}, true)});
        addOverrideReasons(c);
        cards.append(c);
    }
    return response(cards);
}

QJsonObject renalDosing(const ServiceCall &call)
{
    const auto egfrs = resourcesOf(call.data.value(u"egfr"_s));
    const auto creatinines = resourcesOf(call.data.value(u"creatinine"_s));
    const double egfr = egfrs.isEmpty() ? std::nan("") : quantityOf(egfrs.first());
    const double creatinine
        = creatinines.isEmpty() ? std::nan("") : quantityOf(creatinines.first());
    QJsonArray cards;
    for (const QJsonObject &draft : draftMedications(call)) {
        const auto item = call.catalogue->medication(rxOf(draft));
        if (!item)
            continue;
        const QJsonObject rule = call.catalogue->renalRule(item->value(u"ingredient"_s).toString());
        if (rule.isEmpty())
            continue;
        const double limit = rule.value(u"egfrBelow"_s).toDouble();
        QString evidence;
        if (!std::isnan(egfr) && egfr < limit)
            evidence = u"eGFR %1 mL/min/1.73m2"_s.arg(egfr);
        else if (std::isnan(egfr) && !std::isnan(creatinine) && creatinine > 2.0)
            evidence = u"creatinine %1 mg/dL"_s.arg(creatinine);
        if (evidence.isEmpty())
            continue;
        QJsonObject c = card(u"Renal dosing: %1 with %2"_s.arg(drugName(draft), evidence),
                             u"warning"_s, u"Renal dosing"_s, rule.value(u"advice"_s).toString());
        addSuggestions(c,
                       {suggestion(u"Cancel the %1 order"_s.arg(drugName(draft)),
                                   {deleteAction(u"Remove the order"_s, ref(draft))}, true)});
        addOverrideReasons(c);
        cards.append(c);
    }
    return response(cards);
}

} // namespace

void addMedicationServices(QList<DemoService> &services)
{
    services.append(DemoService {
        u"medication-safety"_s,
        {u"order-select"_s, u"order-sign"_s},
        u"Medication safety"_s,
        u"Checks selected and signed medication orders for allergies, interactions and duplicate therapy."_s,
        {},
        {{u"allergies"_s,
          u"AllergyIntolerance?patient={{context.patientId}}&clinical-status=active"_s},
         {u"medications"_s, u"MedicationRequest?patient={{context.patientId}}&status=active"_s}},
        {},
        medicationSafety});
    services.append(
        DemoService {u"generic-substitution"_s,
                     {u"order-select"_s},
                     u"Generic substitution"_s,
                     u"Suggests the generic equivalent when a brand-name drug is selected."_s,
                     {},
                     {},
                     {},
                     genericSubstitution});
    services.append(DemoService {
        u"renal-dosing"_s,
        {u"order-sign"_s},
        u"Renal dosing"_s,
        u"Checks renally cleared drugs against the latest eGFR and creatinine."_s,
        u"Asks for no prefetch: reads eGFR and creatinine from fhirServer with fhirAuthorization "
        u"(patient/Observation.read) and answers 412 without it."_s,
        {},
        {{u"egfr"_s,
          u"Observation?patient={{context.patientId}}&code=33914-3&_sort=-date&_count=1"_s},
         {u"creatinine"_s,
          u"Observation?patient={{context.patientId}}&code=2160-0&_sort=-date&_count=1"_s}},
        renalDosing});
}

} // namespace hb::servers::demo
