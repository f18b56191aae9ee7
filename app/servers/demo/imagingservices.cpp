// Demo service for imaging orders (order-select + order-sign): rates each catalogue order
// (PAMA-style appropriateness) as a top-level systemAction, warns about inappropriate imaging and
// contrast with poor renal function, and links to the bundled SMART app with appContext.
#include "fhir/catalogue.h"
#include "servers/demo/cards.h"
#include "servers/demo/demoservice.h"

#include <QJsonDocument>
#include <QUrl>

#include <cmath>

using namespace Qt::StringLiterals;

namespace hb::servers::demo {

namespace {

const QString ratingExtension
    = u"http://hookbench.org/fhir/StructureDefinition/imaging-appropriateness"_s;

QJsonObject rated(QJsonObject order, const QString &rating, const QString &display)
{
    QJsonArray extensions = order.value(u"extension"_s).toArray();
    for (qsizetype i = extensions.size() - 1; i >= 0; --i)
        if (extensions.at(i)[u"url"_s].toString() == ratingExtension)
            extensions.removeAt(i);
    extensions.append(QJsonObject {
        {u"url"_s, ratingExtension},
        {u"valueCodeableConcept"_s,
         QJsonObject {{u"coding"_s,
                       QJsonArray {QJsonObject {
                           {u"system"_s, u"http://hookbench.org/fhir/CodeSystem/appropriateness"_s},
                           {u"code"_s, rating},
                           {u"display"_s, display}}}}}}});
    order.insert(u"extension"_s, extensions);
    return order;
}

QJsonObject smartLink(const ServiceCall &call, const QJsonObject &order, const QString &rating)
{
    const QJsonObject appContext {
        {u"order"_s, u"ServiceRequest/"_s + order.value(u"id"_s).toString()},
        {u"rating"_s, rating},
        {u"guideline"_s, u"Synthetic imaging guideline (demo)"_s}};
    return QJsonObject {
        {u"label"_s, u"Review appropriateness in the demo SMART app"_s},
        {u"url"_s, call.appBaseUrl + u"/apps/context-viewer/launch.html"_s},
        {u"type"_s, u"smart"_s},
        {u"appContext"_s,
         QString::fromUtf8(QJsonDocument(appContext).toJson(QJsonDocument::Compact))}};
}

QJsonObject imaging(const ServiceCall &call)
{
    const fhir::Catalogue &catalogue = *call.catalogue;
    const auto conditions = resourcesOf(call.data.value(u"conditions"_s));
    const auto egfrs = resourcesOf(call.data.value(u"egfr"_s));
    const double egfr = egfrs.isEmpty() ? std::nan("") : quantityOf(egfrs.first());
    const bool redFlag = hasCondition(conditions, u"399068003"_s) // malignancy
        || hasCondition(conditions, u"386661006"_s); // fever
    bool recentBackPain = false;
    for (const QJsonObject &c : conditions) {
        if (codeOf(c.value(u"code"_s)) != u"279039007")
            continue;
        const QDate onset
            = QDate::fromString(c.value(u"onsetDateTime"_s).toString().left(10), Qt::ISODate);
        recentBackPain = onset.isValid() && onset.daysTo(QDate::currentDate()) < 42;
    }
    QJsonArray cards;
    QJsonArray systemActions;
    for (const QJsonObject &order : draftOrders(call.context, call.hook == u"order-select")) {
        if (order.value(u"resourceType"_s).toString() != u"ServiceRequest")
            continue;
        const auto item
            = catalogue.imagingItem(codeOf(order.value(u"code"_s), catalogue.imagingSystem()));
        if (!item)
            continue;
        const QString name = item->value(u"display"_s).toString();
        const QString orderRef = u"ServiceRequest/"_s + order.value(u"id"_s).toString();
        QString rating = u"appropriate"_s;
        QString display = u"Usually appropriate"_s;
        if (item->value(u"lowBackPainRule"_s).toBool() && recentBackPain && !redFlag) {
            rating = u"not-appropriate"_s;
            display = u"Usually not appropriate"_s;
            QJsonObject c
                = card(u"%1 is usually not appropriate for low back pain under 6 weeks"_s.arg(name),
                       u"warning"_s, u"Imaging appropriateness"_s,
                       u"No red flags are recorded (malignancy, fever, neurological deficit). "
                       u"Guidelines recommend conservative care for 6 weeks first."_s);
            addSuggestions(
                c,
                {suggestion(u"Cancel the %1 order"_s.arg(name),
                            {deleteAction(u"Remove the imaging order"_s, orderRef)}, true)});
            c.insert(u"links"_s, QJsonArray {smartLink(call, order, rating)});
            addOverrideReasons(c);
            cards.append(c);
        }
        if (item->value(u"contrast"_s).toBool() && !std::isnan(egfr) && egfr < 30) {
            QJsonObject c
                = card(u"Contrast study with eGFR %1: risk of contrast nephropathy"_s.arg(egfr),
                       u"warning"_s, u"Imaging appropriateness"_s,
                       u"Consider a study without contrast or renal protection."_s);
            const auto plain = catalogue.imagingItem(item->value(u"code"_s).toString().chopped(2));
            if (plain && item->value(u"code"_s).toString().endsWith(u"-C")) {
                QJsonObject replacement = order;
                replacement.insert(u"id"_s, u"imaging-"_s + newUuid().left(8));
                replacement.insert(u"code"_s,
                                   QJsonObject {{u"coding"_s,
                                                 QJsonArray {QJsonObject {
                                                     {u"system"_s, catalogue.imagingSystem()},
                                                     {u"code"_s, plain->value(u"code"_s)},
                                                     {u"display"_s, plain->value(u"display"_s)}}}},
                                                {u"text"_s, plain->value(u"display"_s)}});
                addSuggestions(
                    c,
                    {suggestion(u"Order %1 instead"_s.arg(plain->value(u"display"_s).toString()),
                                {deleteAction(u"Remove the contrast study"_s, orderRef),
                                 createAction(u"Order the study without contrast"_s, replacement)},
                                true)});
            }
            addOverrideReasons(c);
            cards.append(c);
        }
        systemActions.append(
            updateAction(u"Record the appropriateness rating (%1) on the order"_s.arg(display),
                         rated(order, rating, display)));
    }
    return response(cards, systemActions);
}

} // namespace

void addImagingServices(QList<DemoService> &services)
{
    services.append(DemoService {
        u"imaging-appropriateness"_s,
        {u"order-select"_s, u"order-sign"_s},
        u"Imaging appropriateness"_s,
        u"Rates imaging orders against a (synthetic) guideline, records the rating as a "
        u"systemAction "
        u"and links to a SMART app for details."_s,
        {},
        {{u"conditions"_s, u"Condition?patient={{context.patientId}}&clinical-status=active"_s},
         {u"egfr"_s,
          u"Observation?patient={{context.patientId}}&code=33914-3&_sort=-date&_count=1"_s}},
        {},
        imaging});
}

QList<DemoService> demoServices()
{
    QList<DemoService> services;
    addPatientServices(services);
    addMedicationServices(services);
    addImagingServices(services);
    return services;
}

} // namespace hb::servers::demo
