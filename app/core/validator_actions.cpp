// Action rules for suggestion actions and systemActions: V10 (type, description), V11
// (create/update resource), V12 (delete resourceId), V21 (systemActions follow the same schema).
#include "core/validator_util.h"

using namespace Qt::StringLiterals;

namespace hb::core::detail {

namespace {

void checkResource(Checker &check, const QJsonObject &action, const QString &type,
                   const QString &pointer, const QString &rule)
{
    const QJsonValue resource = action.value(u"resource"_s);
    const QString where = pointer + u"/resource"_s;
    if (!resource.isObject() || resource.toObject().value(u"resourceType"_s).toString().isEmpty()) {
        check.error(
            rule, where,
            u"a %1 action must carry the %2 FHIR resource (an object with resourceType)"_s.arg(
                type, type == u"update" ? u"whole updated"_s : u"new"_s));
        return;
    }
    if (type == u"update" && resource.toObject().value(u"id"_s).toString().isEmpty())
        check.error(rule, where + u"/id"_s,
                    u"an update action's resource must have an id (it replaces the whole"
                    u" resource)"_s);
}

void checkDelete(Checker &check, const QJsonObject &action, const QString &pointer,
                 const QString &rule)
{
    const QJsonValue resourceId = action.value(u"resourceId"_s);
    const QJsonValue resource = action.value(u"resource"_s);
    if (check.isV1()) {
        // 1.0 has no resourceId; the id string (or nothing) goes in resource.
        if (!resource.isUndefined() && !resource.isString())
            check.error(rule, pointer + u"/resource"_s,
                        u"in 1.0 a delete action's resource is the id string to delete"_s);
        return;
    }
    if (resourceId.isUndefined()) {
        if (resource.isString())
            check.warning(rule, pointer + u"/resource"_s,
                          u"an id string in resource is the deprecated 1.0 form; give resourceId"
                          u" \"Type/id\" instead"_s);
        else
            check.error(rule, pointer + u"/resourceId"_s,
                        u"a delete action should give resourceId, the relative reference"
                        u" \"Type/id\" to delete"_s);
        return;
    }
    if (!resourceId.isString() || !isRelativeReference(resourceId.toString()))
        check.error(rule, pointer + u"/resourceId"_s,
                    u"resourceId must be a relative reference \"Type/id\", got %1"_s.arg(
                        resourceId.isString() ? u"\"%1\""_s.arg(resourceId.toString())
                                              : jsonTypeName(resourceId)));
}

} // namespace

void checkAction(Checker &check, const QJsonValue &value, const QString &pointer, bool systemAction)
{
    // Inside systemActions every problem is cited as V21 ("follow the Action schema").
    auto rule = [systemAction](const char *id) {
        return systemAction ? u"V21"_s : QString::fromLatin1(id);
    };
    if (!value.isObject()) {
        check.error(rule("V10"), pointer,
                    u"each action must be an object, not %1"_s.arg(jsonTypeName(value)));
        return;
    }
    const QJsonObject action = value.toObject();
    const QString type
        = check.requireString(action, u"type"_s, pointer, rule("V10"), u"action.type"_s);
    if (!type.isEmpty() && type != u"create" && type != u"update" && type != u"delete")
        check.error(rule("V10"), pointer + u"/type"_s,
                    u"action.type must be create, update or delete, not \"%1\""_s.arg(type));
    if (!action.contains(u"description"_s) && systemAction) {
        // STU2 keeps description REQUIRED, but its own systemAction example omits it and the
        // 3.0 ballot makes it optional: a warning, not an error.
        check.warning(u"V21"_s, pointer + u"/description"_s,
                      u"action.description is required in 2.0 (optional for systemActions from"
                      u" 3.0)"_s);
    } else {
        check.requireString(action, u"description"_s, pointer, rule("V10"),
                            u"action.description"_s);
    }
    if (type == u"create" || type == u"update")
        checkResource(check, action, type, pointer, rule("V11"));
    else if (type == u"delete")
        checkDelete(check, action, pointer, rule("V12"));
}

} // namespace hb::core::detail
