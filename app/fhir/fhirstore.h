#pragma once

#include <QDate>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::fhir {

/// An in-memory, read-only set of FHIR R4 resources, keyed by type and id, in load order.
/// Loaded once and then only read, so several threads may read it at the same time.
class FhirStore
{
public:
    /// The bundled synthetic EHR (resources/fhir). With `shiftDates`, every full date is moved by
    /// (today - anchor date) days, so "overdue" and "3 weeks ago" stay true whenever it runs.
    [[nodiscard]] static FhirStore builtin(bool shiftDates = true);

    /// Adds every `entry.resource` of a Bundle (a later resource with the same type/id replaces the
    /// earlier one). Returns false and sets `error` when `bundle` is not a Bundle.
    bool addBundle(const QJsonObject &bundle, QString *error = nullptr);
    /// Reads a Bundle from a JSON file (at most 64 MiB).
    bool addBundleFile(const QString &path, QString *error = nullptr);
    /// Adds or replaces one resource; it needs resourceType and id.
    bool addResource(const QJsonObject &resource);

    [[nodiscard]] std::optional<QJsonObject> read(const QString &type, const QString &id) const;
    [[nodiscard]] QList<QJsonObject> all(const QString &type) const;
    [[nodiscard]] QStringList types() const;
    [[nodiscard]] qsizetype size() const;

    /// What each bundled patient demonstrates (patient id -> sentence); empty for imported data.
    [[nodiscard]] QString demonstrates(const QString &patientId) const;
    /// Days added to the bundled data's dates (0 when not shifted).
    [[nodiscard]] qint64 dayShift() const { return m_dayShift; }

private:
    QMap<QString, QList<QJsonObject>> m_byType;
    QHash<QString, qsizetype> m_index; // "Type/id" -> position in m_byType[Type]
    QHash<QString, QString> m_notes;
    qint64 m_dayShift = 0;
};

/// Moves every full date/dateTime string inside `value` by `days` (deep).
[[nodiscard]] QJsonObject shiftDates(const QJsonObject &value, qint64 days);

} // namespace hb::fhir
