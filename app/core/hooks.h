#pragma once

// The hook catalogue (HL7 CDS Hooks Library 1.0.1) and per-hook context builders (C6).
#include "core/finding.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::core {

/// JSON shape of one context field.
enum class FieldType {
    Reference, ///< string "Type/id" (userId, performer)
    Id, ///< string, bare FHIR logical id (patientId, encounterId)
    ReferenceArray, ///< array of "Type/id" strings (selections, dispatchedOrders)
    Bundle, ///< object, a FHIR Bundle (draftOrders, appointments, medications)
    Resource, ///< object, one FHIR resource
    ResourceArray, ///< array of FHIR resources (fulfillmentTasks)
    Any, ///< custom hooks: not checked
};

/// One context field of a hook: its type, whether it is required, and whether it may be used
/// as a prefetch token ("Prefetch Token: Yes" in the hook's table).
struct ContextField
{
    QString name;
    FieldType type = FieldType::Id;
    bool required = false;
    bool prefetchToken = false;
    QStringList allowedTypes; ///< for references: allowed resource types (empty = any)
};

struct HookDefinition
{
    QString name;
    QList<ContextField> fields;
    bool deprecated = false;
    bool custom = false; ///< not in the library: context only checked for being an object
    QString replacedBy; ///< for deprecated hooks

    const ContextField *field(const QString &name) const;
};

/// The eight library hooks: patient-view, order-select, order-sign, appointment-book,
/// encounter-start, encounter-discharge, order-dispatch and (deprecated) medication-prescribe.
const QList<HookDefinition> &standardHooks();
/// The library definition, or a custom definition (no fields, custom = true) for other names.
HookDefinition hookDefinition(const QString &name);
bool isStandardHook(const QString &name);
/// V26: a library name, or an organisation-specific reverse-DNS name ("org.example.foo-bar").
bool isValidHookName(const QString &name);

/// What the simulated EHR knows when a hook fires. Empty members are simply absent.
struct EhrContextInput
{
    QString userId; ///< "Practitioner/abc"
    QString patientId; ///< bare id
    QString encounterId; ///< bare id
    QJsonObject draftOrders; ///< Bundle
    QStringList selections; ///< order-select; empty = every draft order
    QJsonObject appointments; ///< Bundle
    QJsonObject medications; ///< Bundle (medication-prescribe)
    QStringList dispatchedOrders; ///< order-dispatch
    QString performer; ///< order-dispatch
    QJsonArray fulfillmentTasks; ///< order-dispatch
    QJsonObject customContext; ///< custom hooks: sent as is; library hooks: extra members merged
};

/// Builds the `context` object for `hook`: the hook's fields from `input`, optional fields
/// omitted when empty. Problems (missing required fields, selections not in draftOrders, ...)
/// are appended to `problems` as C6 findings; the context is still built.
QJsonObject buildContext(const QString &hook, const EhrContextInput &input,
                         QList<Finding> *problems = nullptr);

/// C6: checks a context object against the hook's definition. `pointer` is where the context
/// sits in the document (e.g. "/context").
QList<Finding> validateContext(const QString &hook, const QJsonObject &context,
                               const QString &pointer = QStringLiteral("/context"));

/// "Type/id" references of every resource in a Bundle's entries (for selections).
QStringList bundleReferences(const QJsonObject &bundle);

} // namespace hb::core
