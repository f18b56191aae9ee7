#pragma once

// Internal helpers shared by the validator_*.cpp files (not part of the public API).
#include "core/finding.h"
#include "core/json.h"
#include "core/validator.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>

namespace hb::core::detail {

/// Collects findings for one document.
class Checker
{
public:
    Checker(QList<Finding> *out, SpecVersion version)
        : m_out(out)
        , m_version(version)
    { }

    SpecVersion version() const { return m_version; }
    bool isV1() const { return m_version == SpecVersion::V1_0; }

    void error(const QString &rule, const QString &pointer, const QString &message);
    void warning(const QString &rule, const QString &pointer, const QString &message);
    void info(const QString &rule, const QString &pointer, const QString &message);

    /// A required string member: reports absence or wrong type under `rule`. Returns the value.
    QString requireString(const QJsonObject &object, const QString &key, const QString &pointer,
                          const QString &rule, const QString &what);
    /// An optional string member: reports a wrong type. Returns the value ("" when absent).
    QString optionalString(const QJsonObject &object, const QString &key, const QString &pointer,
                           const QString &rule, const QString &what);
    /// An optional array: reports a wrong type under `rule`; returns the array (empty if none).
    QJsonArray optionalArray(const QJsonObject &object, const QString &key, const QString &pointer,
                             const QString &rule, const QString &what);

    /// V2: walks `value` and reports null / "" / [] / {} members. `allowEmpty` names pointers
    /// where an empty value is allowed (e.g. "/cards"); `skipKeys` names members not to descend
    /// into (FHIR resources, extension contents); those are still flagged when null or {}.
    void checkNoNullOrEmpty(const QJsonValue &value, const QString &pointer,
                            const QStringList &allowEmpty, const QStringList &skipKeys);
    /// V22: every `extension` member found anywhere in `value` (not inside skipped keys).
    void checkExtensions(const QJsonValue &value, const QString &pointer,
                         const QStringList &skipKeys);

private:
    QList<Finding> *m_out;
    SpecVersion m_version;
};

/// True for an absolute URL with a scheme and host (http/https).
bool isAbsoluteUrl(const QString &text);
/// "Type/id".
bool isRelativeReference(const QString &text);
/// Canonical 8-4-4-4-12 hex UUID.
bool isUuid(const QString &text);

// Per-area entry points, called by validateResponse().
void checkCard(Checker &check, const QJsonValue &card, const QString &pointer);
void checkAction(Checker &check, const QJsonValue &action, const QString &pointer,
                 bool systemAction);
void checkLinks(Checker &check, const QJsonObject &card, const QString &pointer);
void checkSource(Checker &check, const QJsonObject &card, const QString &pointer);

} // namespace hb::core::detail
