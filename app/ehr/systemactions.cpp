#include "ehr/systemactions.h"

using namespace Qt::StringLiterals;

namespace hb::ehr {

namespace {

// The latest rating: services append theirs to the extensions already on the order.
QString pamaRating(const QJsonObject &resource)
{
    QString rating;
    for (const auto &extension : resource.value(u"extension"_s).toArray()) {
        if (extension[u"url"_s].toString() == u"http://fhir.org/argonaut/Extension/pama-rating")
            rating = extension[u"valueCodeableConcept"_s][u"coding"_s][0][u"code"_s].toString();
    }
    return rating;
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

QString describeUpdate(const QJsonObject &before, const QJsonObject &after)
{
    QStringList changes;
    if (firstCode(after) != firstCode(before))
        changes.append(u"changed to %1"_s.arg(firstCode(after)));
    if (after.value(u"status"_s) != before.value(u"status"_s))
        changes.append(u"status %1"_s.arg(after.value(u"status"_s).toString()));
    // A rating is what a PAMA service's update is for: always name it (also when it confirms
    // the one the order already had).
    const QString rating = pamaRating(after);
    if (!rating.isEmpty())
        changes.prepend(u"PAMA rating %1"_s.arg(rating));
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

SystemActionsResult applySystemActions(DraftOrders &orders, const core::CdsResponse &response,
                                       const QString &serviceId)
{
    QJsonArray actions;
    for (const auto &action : response.systemActions)
        actions.append(action.toJson());
    return applySystemActions(orders, actions, serviceId);
}

} // namespace hb::ehr
