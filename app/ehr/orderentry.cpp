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

OrderKind orderKindOf(const QString &code)
{
    const auto &catalogue = fhir::Catalogue::builtin();
    if (catalogue.medication(code))
        return OrderKind::Medication;
    if (catalogue.imagingItem(code))
        return OrderKind::Imaging;
    if (catalogue.labItem(code))
        return OrderKind::Lab;
    return OrderKind::Unknown;
}

namespace {

constexpr auto snomed = u"http://snomed.info/sct";
constexpr auto loinc = u"http://loinc.org";

// The product's dose form and route from its RxNorm name ("... Oral Tablet").
QPair<QString, QString> formAndRoute(const QString &display)
{
    const QString d = display.toLower();
    if (d.contains(u"inhal"))
        return {u"puff"_s, u"18679011"_s};
    if (d.contains(u"injectable") || d.contains(u"injection"))
        return {u"mL"_s, u"47625008"_s};
    if (d.contains(u"suspension") || d.contains(u"solution"))
        return {u"mL"_s, u"26643006"_s};
    if (d.contains(u"capsule"))
        return {u"capsule"_s, u"26643006"_s};
    return {u"tablet"_s, u"26643006"_s};
}

std::optional<QJsonObject> dosage(const QJsonObject &medication, const OrderDetails &details,
                                  QString *problem)
{
    const auto &catalogue = fhir::Catalogue::builtin();
    const auto [form, productRoute] = formAndRoute(medication.value(u"display"_s).toString());
    const QString routeCode = details.route.isEmpty() ? productRoute : details.route;
    const auto route = catalogue.entry(u"routes"_s, routeCode);
    const QString frequencyCode = details.frequency.isEmpty() ? u"QD"_s : details.frequency;
    const auto frequency = catalogue.entry(u"frequencies"_s, frequencyCode);
    if (!route || !frequency) {
        if (problem)
            *problem = !route ? u"unknown route '%1'"_s.arg(routeCode)
                              : u"unknown frequency '%1'"_s.arg(frequencyCode);
        return std::nullopt;
    }
    const double value = details.doseValue > 0 ? details.doseValue : 1;
    const QString unit = details.doseUnit.isEmpty() ? form : details.doseUnit;
    QJsonObject repeat {{u"frequency"_s, frequency->value(u"frequency"_s)},
                        {u"period"_s, frequency->value(u"period"_s)},
                        {u"periodUnit"_s, frequency->value(u"periodUnit"_s)}};
    if (frequency->contains(u"when"_s))
        repeat.insert(u"when"_s, QJsonArray {frequency->value(u"when"_s)});
    const QString routeName = route->value(u"display"_s).toString();
    const QString text = u"%1 %2 %3, %4"_s.arg(QString::number(value), unit,
                                               routeName.section(u' ', 0, 0).toLower(),
                                               frequency->value(u"display"_s).toString());
    return QJsonObject {
        {u"text"_s, text},
        {u"timing"_s,
         QJsonObject {
             {u"repeat"_s, repeat},
             {u"code"_s,
              QJsonObject {{u"coding"_s,
                            QJsonArray {QJsonObject {{u"system"_s,
                                                      u"http://terminology.hl7.org/CodeSystem/"
                                                      u"v3-GTSAbbreviation"_s},
                                                     {u"code"_s, frequencyCode}}}},
                           {u"text"_s, frequency->value(u"display"_s)}}}}},
        {u"route"_s, codeable(QString::fromUtf16(snomed), routeCode, routeName)},
        {u"doseAndRate"_s,
         QJsonArray {QJsonObject {
             {u"doseQuantity"_s, QJsonObject {{u"value"_s, value}, {u"unit"_s, unit}}}}}}};
}

QJsonObject category(const QString &code, const QString &display)
{
    return codeable(QString::fromUtf16(snomed), code, display);
}

} // namespace

std::optional<QJsonObject> draftOrderFor(const QString &code, const OrderContext &context,
                                         const OrderDetails &details, QString *problem)
{
    const auto &catalogue = fhir::Catalogue::builtin();
    QJsonObject order {{u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                       {u"status"_s, u"draft"_s},
                       {u"intent"_s, u"order"_s},
                       {u"subject"_s, reference(u"Patient/"_s + context.patientId)},
                       {u"authoredOn"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}};
    if (!context.encounterId.isEmpty())
        order.insert(u"encounter"_s, reference(u"Encounter/"_s + context.encounterId));
    if (!context.userId.isEmpty())
        order.insert(u"requester"_s, reference(context.userId));
    if (const auto medication = catalogue.medication(code)) {
        const auto instruction = dosage(*medication, details, problem);
        if (!instruction)
            return std::nullopt;
        order.insert(u"resourceType"_s, u"MedicationRequest"_s);
        order.insert(u"medicationCodeableConcept"_s,
                     codeable(medication->value(u"system"_s).toString(), code,
                              medication->value(u"display"_s).toString()));
        order.insert(u"dosageInstruction"_s, QJsonArray {*instruction});
        return order;
    }
    if (const auto imaging = catalogue.imagingItem(code)) {
        const QString display = imaging->value(u"display"_s).toString();
        QJsonArray codings;
        if (imaging->contains(u"cpt"_s))
            codings.append(QJsonObject {{u"system"_s, catalogue.cptSystem()},
                                        {u"code"_s, imaging->value(u"cpt"_s)},
                                        {u"display"_s, display}});
        codings.append(QJsonObject {
            {u"system"_s, catalogue.imagingSystem()}, {u"code"_s, code}, {u"display"_s, display}});
        QStringList reasons = details.reasons;
        if (reasons.isEmpty() && imaging->contains(u"reason"_s))
            reasons.append(imaging->value(u"reason"_s).toString());
        QJsonArray reasonCode;
        for (const QString &reason : reasons) {
            const auto known = catalogue.entry(u"imagingReasons"_s, reason);
            if (!known) {
                if (problem)
                    *problem = u"unknown imaging reason '%1'"_s.arg(reason);
                return std::nullopt;
            }
            reasonCode.append(codeable(QString::fromUtf16(snomed), reason,
                                       known->value(u"display"_s).toString()));
        }
        order.insert(u"resourceType"_s, u"ServiceRequest"_s);
        order.insert(u"category"_s, QJsonArray {category(u"363679005"_s, u"Imaging"_s)});
        order.insert(u"code"_s, QJsonObject {{u"coding"_s, codings}, {u"text"_s, display}});
        if (!reasonCode.isEmpty())
            order.insert(u"reasonCode"_s, reasonCode);
        return order;
    }
    if (const auto lab = catalogue.labItem(code)) {
        order.insert(u"resourceType"_s, u"ServiceRequest"_s);
        order.insert(u"category"_s,
                     QJsonArray {category(u"108252007"_s, u"Laboratory procedure"_s)});
        order.insert(
            u"code"_s,
            codeable(QString::fromUtf16(loinc), code, lab->value(u"display"_s).toString()));
        return order;
    }
    if (problem)
        *problem = u"'%1' is in no order catalogue (formulary, imaging, labs)"_s.arg(code);
    return std::nullopt;
}

QString orderSummary(const QJsonObject &order)
{
    const QString type = order.value(u"resourceType"_s).toString();
    if (type == u"MedicationRequest") {
        const QString name = order[u"medicationCodeableConcept"_s][u"text"_s].toString();
        const QString dose = order[u"dosageInstruction"_s][0][u"text"_s].toString();
        return dose.isEmpty() ? name : name + u", "_s + dose;
    }
    const QJsonObject code = order.value(u"code"_s).toObject();
    QString text = code.value(u"text"_s).toString();
    for (const auto &coding : code.value(u"coding"_s).toArray()) {
        const QString system = coding[u"system"_s].toString();
        if (system.endsWith(u"/cpt"_s))
            text += u" (CPT %1)"_s.arg(coding[u"code"_s].toString());
        else if (system == QString::fromUtf16(loinc))
            text += u" (LOINC %1)"_s.arg(coding[u"code"_s].toString());
    }
    QStringList reasons;
    for (const auto &reason : order.value(u"reasonCode"_s).toArray())
        reasons.append(reason[u"coding"_s][0][u"display"_s].toString());
    if (!reasons.isEmpty())
        text += u" for "_s + reasons.join(u", "_s);
    return text;
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
