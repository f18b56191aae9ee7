#include "ehr/actionapplier.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace hb::ehr {

namespace {

// The delete target: `resourceId`, else the STU1 form (an id string in `resource`).
QString deleteTarget(const QJsonObject &action, const DraftOrders &orders)
{
    const QString resourceId = action.value(u"resourceId"_s).toString();
    if (!resourceId.isEmpty())
        return resourceId;
    const QString legacy = action.value(u"resource"_s).toString();
    if (legacy.contains(u'/'))
        return legacy;
    // A bare id: accept it when exactly one draft order has that id.
    QString match;
    for (const auto &reference : orders.references()) {
        if (reference.section(u'/', 1) == legacy && !legacy.isEmpty()) {
            if (!match.isEmpty())
                return QString();
            match = reference;
        }
    }
    return match;
}

QString describe(const QJsonObject &action, const QString &reference)
{
    const QString description = action.value(u"description"_s).toString();
    const QString type = action.value(u"type"_s).toString();
    return description.isEmpty() ? type + u' ' + reference
                                 : type + u' ' + reference + u": "_s + description;
}

} // namespace

ApplyResult applyActions(DraftOrders &orders, const QJsonArray &actions)
{
    ApplyResult result;
    DraftOrders draft = orders; // work on a copy: all or nothing
    for (const auto &value : actions) {
        const QString type = value.toObject().value(u"type"_s).toString();
        if (type != u"delete" && type != u"create" && type != u"update")
            result.problems << u"unknown action type '%1'"_s.arg(type);
    }
    for (const char *phase : {"delete", "create", "update"}) {
        const QString wanted = QString::fromLatin1(phase);
        for (qsizetype i = 0; i < actions.size(); ++i) {
            const QJsonObject action = actions.at(i).toObject();
            const QString type = action.value(u"type"_s).toString();
            if (type != wanted)
                continue;
            const QJsonObject resource = action.value(u"resource"_s).toObject();
            if (type == u"delete") {
                const QString target = deleteTarget(action, draft);
                if (target.isEmpty() || !draft.remove(target)) {
                    result.problems
                        << u"action %1 deletes '%2', which is not a draft order"_s.arg(i).arg(
                               target.isEmpty() ? action.value(u"resource"_s).toString() : target);
                    continue;
                }
                result.deleted << target;
                result.applied << describe(action, target);
            } else if (resource.value(u"resourceType"_s).toString().isEmpty()) {
                result.problems << u"action %1 (%2) has no FHIR resource"_s.arg(i).arg(type);
            } else if (type == u"create") {
                const QString reference = draft.put(resource);
                result.created << reference;
                result.applied << describe(action, reference);
            } else {
                const QString reference = DraftOrders::referenceOf(resource);
                if (reference.isEmpty() || !draft.contains(reference)) {
                    result.problems
                        << u"action %1 updates '%2', which is not a draft order"_s.arg(i).arg(
                               reference.isEmpty() ? u"a resource without id"_s : reference);
                    continue;
                }
                draft.put(resource);
                result.updated << reference;
                result.applied << describe(action, reference);
            }
        }
    }
    result.ok = result.problems.isEmpty();
    if (result.ok) {
        orders = draft;
    } else {
        result.applied.clear();
        result.created.clear();
        result.deleted.clear();
        result.updated.clear();
    }
    return result;
}

} // namespace hb::ehr
