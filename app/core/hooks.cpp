#include "core/hooks.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

const QStringList practitionerTypes {u"Practitioner"_s, u"PractitionerRole"_s};
const QStringList anyUserTypes {u"Practitioner"_s, u"PractitionerRole"_s, u"Patient"_s,
                                u"RelatedPerson"_s};

ContextField userId(const QStringList &types)
{
    return ContextField {u"userId"_s, FieldType::Reference, true, true, types};
}
ContextField patientId()
{
    return ContextField {u"patientId"_s, FieldType::Id, true, true, {}};
}
ContextField encounterId(bool required)
{
    return ContextField {u"encounterId"_s, FieldType::Id, required, true, {}};
}
ContextField bundle(const QString &name)
{
    return ContextField {name, FieldType::Bundle, true, false, {}};
}

HookDefinition hook(const QString &name, const QList<ContextField> &fields)
{
    HookDefinition definition;
    definition.name = name;
    definition.fields = fields;
    return definition;
}

QList<HookDefinition> makeCatalogue()
{
    const ContextField selections {u"selections"_s, FieldType::ReferenceArray, true, false, {}};
    // order-dispatch 1.1 has no userId; the library marks dispatchedOrders as a token although it
    // is an array (resolved as a comma-joined list, see prefetch.cpp).
    const ContextField dispatched {
        u"dispatchedOrders"_s, FieldType::ReferenceArray, true, true, {}};
    const ContextField performer {u"performer"_s, FieldType::Reference, true, true, {}};
    const ContextField tasks {
        u"fulfillmentTasks"_s, FieldType::ResourceArray, false, false, {u"Task"_s}};
    QList<HookDefinition> hooks {
        hook(u"patient-view"_s, {userId(anyUserTypes), patientId(), encounterId(false)}),
        hook(u"order-select"_s,
             {userId(practitionerTypes), patientId(), encounterId(false), selections,
              bundle(u"draftOrders"_s)}),
        hook(
            u"order-sign"_s,
            {userId(practitionerTypes), patientId(), encounterId(false), bundle(u"draftOrders"_s)}),
        hook(u"appointment-book"_s,
             {userId(anyUserTypes), patientId(), encounterId(false), bundle(u"appointments"_s)}),
        hook(u"encounter-start"_s, {userId(practitionerTypes), patientId(), encounterId(true)}),
        hook(u"encounter-discharge"_s, {userId(practitionerTypes), patientId(), encounterId(true)}),
        hook(u"order-dispatch"_s, {patientId(), dispatched, performer, tasks}),
    };
    HookDefinition prescribe = hook(
        u"medication-prescribe"_s,
        {userId({u"Practitioner"_s}), patientId(), encounterId(false), bundle(u"medications"_s)});
    prescribe.deprecated = true;
    prescribe.replacedBy = u"order-select / order-sign"_s;
    hooks.append(prescribe);
    return hooks;
}

} // namespace

const ContextField *HookDefinition::field(const QString &fieldName) const
{
    for (const ContextField &candidate : fields) {
        if (candidate.name == fieldName)
            return &candidate;
    }
    return nullptr;
}

const QList<HookDefinition> &standardHooks()
{
    static const QList<HookDefinition> catalogue = makeCatalogue();
    return catalogue;
}

HookDefinition hookDefinition(const QString &name)
{
    for (const HookDefinition &hook : standardHooks()) {
        if (hook.name == name)
            return hook;
    }
    HookDefinition custom;
    custom.name = name;
    custom.custom = true;
    return custom;
}

bool isStandardHook(const QString &name)
{
    return !hookDefinition(name).custom;
}

bool isValidHookName(const QString &name)
{
    // Library hooks outside the catalogue's builders are still standard names.
    static const QStringList otherLibraryNames {
        u"order-review"_s, u"medication-refill"_s, u"allergyintolerance-create"_s,
        u"problem-list-item-create"_s, u"medication-verify"_s};
    if (isStandardHook(name) || otherLibraryNames.contains(name))
        return true;
    static const QRegularExpression reverseDns(
        u"^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9-]+)+$"_s);
    return reverseDns.match(name).hasMatch();
}

} // namespace hb::core
