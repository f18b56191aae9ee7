#include "servers/demo/cards.h"

#include <QUuid>

#include <cmath>
#include <limits>

using namespace Qt::StringLiterals;

namespace hb::servers::demo {

QString newUuid()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QJsonObject card(const QString &summary, const QString &indicator, const QString &sourceLabel,
                 const QString &detail)
{
    QJsonObject source {{u"label"_s, sourceLabel},
                        {u"topic"_s,
                         QJsonObject {{u"system"_s, u"http://hookbench.org/cds/topics"_s},
                                      {u"code"_s, sourceLabel.toLower().replace(u' ', u'-')},
                                      {u"display"_s, sourceLabel}}}};
    QJsonObject json {{u"uuid"_s, newUuid()},
                      {u"summary"_s, summary.left(139)},
                      {u"indicator"_s, indicator},
                      {u"source"_s, source}};
    if (!detail.isEmpty())
        json.insert(u"detail"_s, detail);
    return json;
}

void addSuggestions(QJsonObject &card, const QJsonArray &suggestions,
                    const QString &selectionBehavior)
{
    if (suggestions.isEmpty())
        return;
    card.insert(u"suggestions"_s, suggestions);
    card.insert(u"selectionBehavior"_s, selectionBehavior);
}

void addOverrideReasons(QJsonObject &card)
{
    const QString system = u"http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes"_s;
    card.insert(u"overrideReasons"_s,
                QJsonArray {QJsonObject {{u"code"_s, u"patient-contraindication"_s},
                                         {u"system"_s, system},
                                         {u"display"_s, u"Not applicable to this patient"_s}},
                            QJsonObject {{u"code"_s, u"recipient-disagrees-evidence"_s},
                                         {u"system"_s, system},
                                         {u"display"_s, u"Disagree with the recommendation"_s}},
                            QJsonObject {{u"code"_s, u"patient-refuses"_s},
                                         {u"system"_s, system},
                                         {u"display"_s, u"Patient declined"_s}}});
}

QJsonObject suggestion(const QString &label, const QJsonArray &actions, bool recommended)
{
    QJsonObject json {{u"label"_s, label}, {u"uuid"_s, newUuid()}};
    if (recommended)
        json.insert(u"isRecommended"_s, true);
    if (!actions.isEmpty())
        json.insert(u"actions"_s, actions);
    return json;
}

QJsonObject createAction(const QString &description, const QJsonObject &resource)
{
    return {{u"type"_s, u"create"_s}, {u"description"_s, description}, {u"resource"_s, resource}};
}

QJsonObject updateAction(const QString &description, const QJsonObject &resource)
{
    return {{u"type"_s, u"update"_s}, {u"description"_s, description}, {u"resource"_s, resource}};
}

QJsonObject deleteAction(const QString &description, const QString &resourceId)
{
    return {
        {u"type"_s, u"delete"_s}, {u"description"_s, description}, {u"resourceId"_s, resourceId}};
}

QJsonObject response(const QJsonArray &cards, const QJsonArray &systemActions)
{
    QJsonObject json {{u"cards"_s, cards}};
    if (!systemActions.isEmpty())
        json.insert(u"systemActions"_s, systemActions);
    return json;
}

QList<QJsonObject> resourcesOf(const QJsonValue &value)
{
    const QJsonObject object = value.toObject();
    if (object.isEmpty())
        return {};
    if (object.value(u"resourceType"_s).toString() != u"Bundle")
        return {object};
    QList<QJsonObject> out;
    for (const auto &entry : object.value(u"entry"_s).toArray()) {
        const QString mode = entry[u"search"_s][u"mode"_s].toString();
        const QJsonObject resource = entry[u"resource"_s].toObject();
        if (mode != u"outcome"
            && resource.value(u"resourceType"_s).toString() != u"OperationOutcome")
            out.append(resource);
    }
    return out;
}

QList<QJsonObject> draftOrders(const QJsonObject &context, bool selectedOnly)
{
    QStringList selections;
    for (const auto &s : context.value(u"selections"_s).toArray())
        selections.append(s.toString());
    QList<QJsonObject> out;
    for (const QJsonObject &resource : resourcesOf(context.value(u"draftOrders"_s))) {
        const QString ref = resource.value(u"resourceType"_s).toString() + u'/'
            + resource.value(u"id"_s).toString();
        if (!selectedOnly || selections.isEmpty() || selections.contains(ref))
            out.append(resource);
    }
    return out;
}

QString codeOf(const QJsonValue &codeable, const QString &system)
{
    for (const auto &coding : codeable[u"coding"_s].toArray()) {
        if (system.isEmpty() || coding[u"system"_s].toString() == system)
            return coding[u"code"_s].toString();
    }
    return {};
}

QString displayOf(const QJsonValue &codeable)
{
    const QString text = codeable[u"text"_s].toString();
    return text.isEmpty() ? codeable[u"coding"_s][0][u"display"_s].toString() : text;
}

QString patientName(const QJsonObject &patient)
{
    const QJsonValue name = patient.value(u"name"_s)[0];
    QStringList parts;
    for (const auto &given : name[u"given"_s].toArray())
        parts.append(given.toString());
    parts.append(name[u"family"_s].toString());
    return parts.join(u' ').trimmed();
}

int ageInYears(const QJsonObject &patient, const QDate &today)
{
    const QDate born = QDate::fromString(patient.value(u"birthDate"_s).toString(), Qt::ISODate);
    if (!born.isValid())
        return -1;
    int age = today.year() - born.year();
    if (today.month() < born.month() || (today.month() == born.month() && today.day() < born.day()))
        --age;
    return age;
}

double quantityOf(const QJsonObject &observation)
{
    const QJsonValue value = observation.value(u"valueQuantity"_s)[u"value"_s];
    return value.isDouble() ? value.toDouble() : std::numeric_limits<double>::quiet_NaN();
}

QDate effectiveDate(const QJsonObject &observation)
{
    QString when = observation.value(u"effectiveDateTime"_s).toString();
    if (when.isEmpty())
        when = observation.value(u"issued"_s).toString();
    return QDate::fromString(when.left(10), Qt::ISODate);
}

bool hasCondition(const QList<QJsonObject> &conditions, const QString &snomed)
{
    return std::any_of(conditions.begin(), conditions.end(), [&](const QJsonObject &c) {
        return codeOf(c.value(u"code"_s), QString::fromLatin1(snomedSystem)) == snomed;
    });
}

} // namespace hb::servers::demo
