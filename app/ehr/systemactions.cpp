#include "ehr/systemactions.h"

using namespace Qt::StringLiterals;

namespace hb::ehr {

namespace {

QString pamaRating(const QJsonObject &resource)
{
    for (const auto &extension : resource.value(u"extension"_s).toArray()) {
        if (extension[u"url"_s].toString() == u"http://fhir.org/argonaut/Extension/pama-rating")
            return extension[u"valueCodeableConcept"_s][u"coding"_s][0][u"code"_s].toString();
    }
    return {};
}

QString firstCode(const QJsonObject &resource)
{
    const QJsonObject codeable = resource.contains(u"medicationCodeableConcept"_s)
        ? resource.value(u"medicationCodeableConcept"_s).toObject()
        : resource.value(u"code"_s).toObject();
    const QJsonObject coding = codeable.value(u"coding"_s)[0].toObject();
    const QString display = coding.value(u"display"_s).toString();
    const QString code = coding.value(u"code"_s).toString();
    return display.isEmpty() ? code : u"%1 (%2)"_s.arg(display, code);
}

} // namespace

QJsonArray systemActionsOf(const QJsonObject &response, bool *legacyLocation)
{
    if (legacyLocation)
        *legacyLocation = false;
    if (response.contains(u"systemActions"_s))
        return response.value(u"systemActions"_s).toArray();
    const QJsonArray legacy = response[u"extension"_s][u"systemActions"_s].toArray();
    if (legacyLocation && !legacy.isEmpty())
        *legacyLocation = true;
    return legacy;
}

QString describeUpdate(const QJsonObject &before, const QJsonObject &after)
{
    QStringList changes;
    const QString rating = pamaRating(after);
    if (!rating.isEmpty() && rating != pamaRating(before))
        changes.append(u"PAMA rating %1"_s.arg(rating));
    if (firstCode(after) != firstCode(before))
        changes.append(u"changed to %1"_s.arg(firstCode(after)));
    if (after.value(u"status"_s) != before.value(u"status"_s))
        changes.append(u"status %1"_s.arg(after.value(u"status"_s).toString()));
    return changes.isEmpty() ? u"updated"_s : changes.join(u", "_s);
}

SystemActionsResult applySystemActions(DraftOrders &orders, const QJsonArray &actions,
                                       const QString &serviceId)
{
    SystemActionsResult result;
    QHash<QString, QJsonObject> before;
    for (const auto &action : actions) {
        const QJsonObject resource = action[u"resource"_s].toObject();
        const QString reference = DraftOrders::referenceOf(resource);
        if (!reference.isEmpty() && orders.contains(reference))
            before.insert(reference, orders.find(reference));
    }
    result.apply = applyActions(orders, actions);
    if (!result.apply.ok)
        return result;
    for (const QString &reference : result.apply.updated) {
        const QString note = u"%1 (system action): %2"_s.arg(
            serviceId, describeUpdate(before.value(reference), orders.find(reference)));
        orders.addNote(reference, note);
        result.notes.append(reference + u": "_s + note);
    }
    return result;
}

} // namespace hb::ehr
