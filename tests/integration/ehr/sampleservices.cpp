#include "sampleservices.h"

#include "../corsjsonservice.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace fixtures {

namespace {

const QString rxnorm = u"http://www.nlm.nih.gov/research/umls/rxnorm"_s;
const QString cpt = u"http://www.ama-assn.org/go/cpt"_s;
const QString snomed = u"http://snomed.info/sct"_s;

QString uuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// A small price table in the shape the real one has (brand -> generic, prices per product).
struct Price
{
    QString generic;
    QString genericName;
    double brand = 0;
    double genericPrice = 0;
};
const QHash<QString, Price> &prices()
{
    static const QHash<QString, Price> table {
        {u"617318"_s, {u"617310"_s, u"Atorvastatin 20 MG Oral Tablet"_s, 211.49, 9.81}}, // Lipitor
        {u"861008"_s, {u"861007"_s, u"Metformin 500 MG Oral Tablet"_s, 92.30, 4.02}}, // Glucophage
        {u"617310"_s, {u"617310"_s, u"Atorvastatin 20 MG Oral Tablet"_s, 0, 9.81}},
        {u"308191"_s, {u"308191"_s, u"Amoxicillin 500 MG Oral Capsule"_s, 0, 7.50}},
    };
    return table;
}

QString codeIn(const QJsonObject &concept_, const QString &system)
{
    QString found;
    for (const auto &coding : concept_.value(u"coding"_s).toArray()) {
        if (coding[u"system"_s].toString() == system && !coding[u"code"_s].toString().isEmpty())
            found = coding[u"code"_s].toString(); // the real service keeps the last match
    }
    return found;
}

QString money(double value)
{
    return QString::number(qRound(value * 100) / 100.0, 'f', 2)
        .remove(QRegularExpression(u"\\.?0+$"_s));
}

QJsonObject card(const QString &summary)
{
    return {{u"uuid"_s, uuid()},
            {u"summary"_s, summary},
            {u"source"_s, QJsonObject {{u"label"_s, u"CMS Public Use Files"_s}}},
            {u"indicator"_s, u"info"_s}};
}

QList<QJsonObject> selectedResources(const QJsonObject &context)
{
    QList<QJsonObject> found;
    const QJsonArray entries = context[u"draftOrders"_s][u"entry"_s].toArray();
    for (const auto &selection : context.value(u"selections"_s).toArray()) {
        const QString type = selection.toString().section(u'/', 0, 0);
        const QString id = selection.toString().section(u'/', 1);
        for (const auto &entry : entries) {
            const QJsonObject resource = entry[u"resource"_s].toObject();
            if (resource[u"resourceType"_s].toString() == type
                && resource[u"id"_s].toString() == id)
                found.append(resource);
        }
    }
    return found;
}

// pama-imaging's table: per CPT code, reason sets rated appropriate / not appropriate.
struct Rule
{
    QList<QSet<QString>> appropriate, notAppropriate;
};
const QHash<QString, Rule> &rules()
{
    static const QHash<QString, Rule> table {
        {u"70450"_s, {{{u"25064002"_s, u"423341008"_s}}, {}}}, // CT head: headache + optic disc
        {u"70544"_s, {{}, {}}},
        {u"71275"_s, {{}, {{u"13213009"_s}}}}, // CTA chest: not for congenital heart disease
        {u"72133"_s, {{}, {{u"279039007"_s}}}}, // CT lumbar spine: not for low back pain
        {u"75561"_s, {{{u"13213009"_s}}, {}}}, // cardiac MRI: for congenital heart disease
    };
    return table;
}

QSet<QString> reasonsOf(const QJsonObject &resource)
{
    QSet<QString> reasons;
    for (const auto &reason : resource.value(u"reasonCode"_s).toArray())
        reasons.insert(codeIn(reason.toObject(), snomed));
    reasons.remove({});
    return reasons;
}

QJsonArray ratingExtensions(const QJsonObject &resource)
{
    const QString code = codeIn(resource.value(u"code"_s).toObject(), cpt);
    if (!rules().contains(code))
        return {};
    const QSet<QString> reasons = reasonsOf(resource);
    const Rule &rule = rules().value(code);
    auto covered = [&](const QList<QSet<QString>> &sets) {
        return std::any_of(sets.begin(), sets.end(),
                           [&](const QSet<QString> &s) { return reasons.contains(s); });
    };
    const QString rating = covered(rule.appropriate) ? u"appropriate"_s
        : covered(rule.notAppropriate)               ? u"not-appropriate"_s
                                                     : u"no-guidelines-apply"_s;
    return {
        QJsonObject {
            {u"url"_s, u"http://fhir.org/argonaut/Extension/pama-rating"_s},
            {u"valueCodeableConcept"_s,
             QJsonObject {{u"coding"_s,
                           QJsonArray {QJsonObject {
                               {u"system"_s, u"http://fhir.org/argonaut/CodeSystem/pama-rating"_s},
                               {u"code"_s, rating}}}}}}},
        QJsonObject {
            {u"url"_s, u"http://fhir.org/argonaut/Extension/pama-rating-qcdsm-consulted"_s},
            {u"valueString"_s, u"example-gcode"_s}}};
}

QJsonObject withRating(QJsonObject resource)
{
    QJsonArray extensions = resource.value(u"extension"_s).toArray();
    for (const auto &e : ratingExtensions(resource))
        extensions.append(e);
    resource.insert(u"extension"_s, extensions);
    return resource;
}

} // namespace

SampleServices::SampleServices()
{
    m_server.setHandler(fixtures::corsJsonHandler(
        [](const hb::servers::HttpRequest &request, const fixtures::JsonReply &reply) {
            if (request.path == u"/cds-services")
                return reply(
                    200,
                    QJsonObject {{u"services"_s,
                                  QJsonArray {QJsonObject {{u"id"_s, u"cms-price-check"_s},
                                                           {u"hook"_s, u"order-select"_s},
                                                           {u"title"_s, u"CMS Pricing Service"_s},
                                                           {u"description"_s, u"prices"_s}},
                                              QJsonObject {{u"id"_s, u"pama-imaging"_s},
                                                           {u"hook"_s, u"order-select"_s},
                                                           {u"title"_s, u"PAMA imaging"_s},
                                                           {u"description"_s, u"ratings"_s}}}}});
            const QJsonObject body = QJsonDocument::fromJson(request.body).object();
            if (request.path == u"/cds-services/cms-price-check")
                return reply(200, cmsPriceCheck(body));
            if (request.path == u"/cds-services/pama-imaging") {
                int status = 200;
                const QJsonObject answer = pamaImaging(body, &status);
                return reply(status, answer);
            }
            if (request.path.endsWith(u"/feedback"_s))
                return reply(200, {});
            reply(404, {{u"error"_s, u"not found"_s}});
        }));
}

QUrl SampleServices::discovery() const
{
    return QUrl(m_server.baseUrl().toString() + u"/cds-services"_s);
}

QJsonObject SampleServices::cmsPriceCheck(const QJsonObject &request)
{
    const QJsonObject context = request.value(u"context"_s).toObject();
    const QString patient = u"Patient/"_s + context.value(u"patientId"_s).toString();
    QJsonArray cards;
    for (QJsonObject resource : selectedResources(context)) {
        if (resource[u"resourceType"_s].toString() != u"MedicationRequest"
            || resource[u"subject"_s][u"reference"_s].toString() != patient)
            continue;
        const QString code = codeIn(resource[u"medicationCodeableConcept"_s].toObject(), rxnorm);
        if (!prices().contains(code))
            continue;
        const Price price = prices().value(code);
        const bool brand = price.generic != code;
        const double saving = price.brand - price.genericPrice;
        if (!brand || saving <= 0) {
            cards.append(card(u"Cost: $%1"_s.arg(money(brand ? price.brand : price.genericPrice))));
            continue;
        }
        resource.insert(
            u"medicationCodeableConcept"_s,
            QJsonObject {{u"text"_s, price.genericName},
                         {u"coding"_s,
                          QJsonArray {QJsonObject {{u"code"_s, price.generic},
                                                   {u"system"_s, rxnorm},
                                                   {u"display"_s, price.genericName}}}}});
        QJsonObject c = card(u"Cost: $%1. Save $%2 with a generic medication."_s.arg(
            money(price.brand), money(saving)));
        c.insert(
            u"suggestions"_s,
            QJsonArray {QJsonObject {
                {u"label"_s, u"Change to generic"_s},
                {u"uuid"_s, uuid()},
                {u"actions"_s,
                 QJsonArray {QJsonObject {
                     {u"type"_s, u"create"_s},
                     {u"description"_s, u"Create a resource with the newly suggested medication"_s},
                     {u"resource"_s, resource}}}}}});
        c.insert(
            u"overrideReasons"_s,
            QJsonArray {QJsonObject {
                {u"code"_s, u"patient-requested-brand"_s},
                {u"system"_s, u"http://terminology.cds-hooks.org/CodeSystem/OverrideReasons"_s},
                {u"display"_s, u"Patient Requested Brand Product"_s}}});
        cards.append(c);
    }
    return {{u"cards"_s, cards}};
}

QJsonObject SampleServices::pamaImaging(const QJsonObject &request, int *status)
{
    const QJsonObject context = request.value(u"context"_s).toObject();
    const QList<QJsonObject> resources = selectedResources(context);
    for (const auto &resource : resources) {
        // The real service maps over resource.code and resource.reasonCode of every selected
        // order without a check: a TypeError, HTTP 500 (a medication or lab selected with it,
        // or an imaging order without reasons).
        if (!resource.contains(u"reasonCode"_s) || !resource.contains(u"code"_s)) {
            *status = 500;
            return {{u"error"_s,
                     u"TypeError: Cannot read properties of undefined (reading "
                     u"'flatMap')"_s}};
        }
    }
    QJsonArray systemActions;
    for (const auto &resource : resources) {
        if (!ratingExtensions(resource).isEmpty())
            systemActions.append(
                QJsonObject {{u"type"_s, u"update"_s}, {u"resource"_s, withRating(resource)}});
    }
    QJsonArray cards;
    bool congenital = false;
    bool cardiacMriChosen = false;
    for (const auto &resource : resources) {
        congenital = congenital || reasonsOf(resource).contains(u"13213009"_s);
        cardiacMriChosen
            = cardiacMriChosen || codeIn(resource.value(u"code"_s).toObject(), cpt) == u"75561";
    }
    if (congenital && !cardiacMriChosen && !resources.isEmpty()) {
        QJsonObject mri = resources.first();
        mri.insert(u"code"_s,
                   QJsonObject {{u"coding"_s,
                                 QJsonArray {QJsonObject {{u"code"_s, u"75561"_s},
                                                          {u"system"_s, cpt},
                                                          {u"display"_s, u"Cardiac MRI"_s}}}}});
        cards.append(QJsonObject {
            {u"uuid"_s, uuid()},
            {u"indicator"_s, u"info"_s},
            {u"source"_s, QJsonObject {{u"label"_s, u"Dx App Suite"_s}}},
            {u"summary"_s, u"ACC recommends cardiac MRI"_s},
            {u"suggestions"_s,
             QJsonArray {QJsonObject {
                 {u"label"_s, u"Choose MRI"_s},
                 {u"actions"_s,
                  QJsonArray {QJsonObject {{u"type"_s, u"update"_s},
                                           {u"description"_s, u"Update order to MRI"_s},
                                           {u"resource"_s, withRating(mri)}}}}}}}});
    }
    QJsonObject answer {{u"cards"_s, cards}};
    if (!systemActions.isEmpty()) // where the sample service still puts them (pre-2.0)
        answer.insert(u"extension"_s, QJsonObject {{u"systemActions"_s, systemActions}});
    return answer;
}

} // namespace fixtures
