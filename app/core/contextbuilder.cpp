// Context builders and the C6 context check for every hook of the catalogue (hooks.h).
#include "core/hooks.h"
#include "core/json.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

// The library's invariant ord-1 for userId, applied to every reference-typed field.
bool isRelativeReference(const QString &text)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_]+/[A-Za-z0-9_.\\-]+$"_s);
    return pattern.match(text).hasMatch();
}

bool isEmptyJson(const QJsonValue &value)
{
    return value.isNull() || (value.isString() && value.toString().isEmpty())
        || (value.isArray() && value.toArray().isEmpty())
        || (value.isObject() && value.toObject().isEmpty());
}

QJsonValue inputValue(const QString &hook, const ContextField &field, const EhrContextInput &in)
{
    const QString &name = field.name;
    if (name == u"userId")
        return in.userId;
    if (name == u"patientId")
        return in.patientId;
    if (name == u"encounterId")
        return in.encounterId;
    if (name == u"draftOrders")
        return in.draftOrders;
    if (name == u"selections") {
        // Without an explicit choice every draft order counts as newly selected.
        const QStringList refs = in.selections.isEmpty() && hook == u"order-select"
            ? bundleReferences(in.draftOrders)
            : in.selections;
        return QJsonArray::fromStringList(refs);
    }
    if (name == u"appointments")
        return in.appointments;
    if (name == u"medications")
        return in.medications;
    if (name == u"dispatchedOrders")
        return QJsonArray::fromStringList(in.dispatchedOrders);
    if (name == u"performer")
        return in.performer;
    if (name == u"fulfillmentTasks")
        return in.fulfillmentTasks;
    return {};
}

void checkReference(const QString &hook, const ContextField &field, const QJsonValue &value,
                    const QString &where, QList<Finding> *out)
{
    if (!value.isString() || !isRelativeReference(value.toString())) {
        out->append(
            {u"C6"_s, Severity::Error, where,
             u"%1 context.%2 must be a relative reference \"Type/id\", got %3"_s.arg(
                 hook, field.name,
                 value.isString() ? u"\"%1\""_s.arg(value.toString()) : jsonTypeName(value))});
        return;
    }
    const QString type = value.toString().section(u'/', 0, 0);
    if (!field.allowedTypes.isEmpty() && !field.allowedTypes.contains(type))
        out->append({u"C6"_s, Severity::Error, where,
                     u"%1 context.%2 must reference %3, not %4"_s.arg(
                         hook, field.name, field.allowedTypes.join(u" or "_s), type)});
}

bool isResource(const QJsonValue &value, const QString &type = {})
{
    const QString actual = value.toObject().value(u"resourceType"_s).toString();
    return value.isObject() && !actual.isEmpty() && (type.isEmpty() || actual == type);
}

void checkField(const QString &hook, const ContextField &field, const QJsonValue &value,
                const QString &where, QList<Finding> *out)
{
    const QString what = u"%1 context.%2"_s.arg(hook, field.name);
    switch (field.type) {
    case FieldType::Reference:
        checkReference(hook, field, value, where, out);
        break;
    case FieldType::Id:
        if (!value.isString() || value.toString().contains(u'/'))
            out->append({u"C6"_s, Severity::Error, where,
                         u"%1 must be a bare FHIR id string (not a reference)"_s.arg(what)});
        break;
    case FieldType::ReferenceArray:
        if (!value.isArray()) {
            out->append({u"C6"_s, Severity::Error, where,
                         u"%1 must be an array of \"Type/id\" references, got %2"_s.arg(
                             what, jsonTypeName(value))});
            break;
        }
        for (qsizetype i = 0; i < value.toArray().size(); ++i)
            checkReference(hook, field, value.toArray().at(i), jsonPointerAppend(where, i), out);
        break;
    case FieldType::Bundle:
        if (!isResource(value, u"Bundle"_s))
            out->append({u"C6"_s, Severity::Error, where,
                         u"%1 must be a FHIR Bundle object (resourceType \"Bundle\"), got %2"_s.arg(
                             what, jsonTypeName(value))});
        break;
    case FieldType::Resource:
        if (!isResource(value))
            out->append({u"C6"_s, Severity::Error, where,
                         u"%1 must be a FHIR resource object with resourceType"_s.arg(what)});
        break;
    case FieldType::ResourceArray: {
        const QJsonArray items = value.toArray();
        bool ok = value.isArray();
        for (const QJsonValue &item : items)
            ok = ok && isResource(item);
        if (!ok)
            out->append({u"C6"_s, Severity::Error, where,
                         u"%1 must be an array of FHIR resources"_s.arg(what)});
        break;
    }
    case FieldType::Any:
        break;
    }
}

} // namespace

QStringList bundleReferences(const QJsonObject &bundle)
{
    QStringList refs;
    const QJsonArray entries = bundle.value(u"entry"_s).toArray();
    for (const QJsonValue &entry : entries) {
        const QJsonObject resource = entry.toObject().value(u"resource"_s).toObject();
        const QString type = resource.value(u"resourceType"_s).toString();
        const QString id = resource.value(u"id"_s).toString();
        if (!type.isEmpty() && !id.isEmpty())
            refs.append(type + u'/' + id);
    }
    return refs;
}

QList<Finding> validateContext(const QString &hook, const QJsonObject &context,
                               const QString &pointer)
{
    QList<Finding> out;
    const HookDefinition definition = hookDefinition(hook);
    for (const ContextField &field : definition.fields) {
        const QString where = jsonPointerAppend(pointer, field.name);
        if (!context.contains(field.name)) {
            if (field.required)
                out.append({u"C6"_s, Severity::Error, where,
                            u"hook %1 requires context.%2"_s.arg(hook, field.name)});
            continue;
        }
        const QJsonValue value = context.value(field.name);
        if (isEmptyJson(value)) {
            out.append({u"C6"_s, Severity::Error, where,
                        u"context.%1 is %2: omit an absent field, never send null or empty"_s.arg(
                            field.name, value.isNull() ? u"null"_s : u"empty"_s)});
            continue;
        }
        checkField(hook, field, value, where, &out);
    }
    if (definition.name == u"order-select" && context.value(u"selections"_s).isArray()) {
        const QStringList known = bundleReferences(context.value(u"draftOrders"_s).toObject());
        const QJsonArray selections = context.value(u"selections"_s).toArray();
        for (qsizetype i = 0; i < selections.size(); ++i) {
            const QString ref = selections.at(i).toString();
            if (!ref.isEmpty() && !known.contains(ref))
                out.append({u"C6"_s, Severity::Error,
                            jsonPointerAppend(pointer + u"/selections"_s, i),
                            u"selection %1 must reference a resource in draftOrders"_s.arg(ref)});
        }
    }
    return out;
}

QJsonObject buildContext(const QString &hook, const EhrContextInput &input,
                         QList<Finding> *problems)
{
    const HookDefinition definition = hookDefinition(hook);
    QJsonObject context;
    for (const ContextField &field : definition.fields) {
        const QJsonValue value = inputValue(hook, field, input);
        if (!isEmptyJson(value) && !value.isUndefined())
            context.insert(field.name, value);
    }
    for (auto it = input.customContext.begin(); it != input.customContext.end(); ++it) {
        if (!context.contains(it.key()))
            context.insert(it.key(), it.value());
    }
    if (problems)
        problems->append(validateContext(hook, context));
    return context;
}

} // namespace hb::core
