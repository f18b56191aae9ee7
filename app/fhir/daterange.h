#pragma once

#include <QDateTime>
#include <QJsonValue>
#include <QString>

#include <optional>

namespace hb::fhir {

/// The instant range [start, end) that a FHIR date, dateTime, instant or Period covers: "2026" is
/// the whole year, "2026-05-03" the whole day, a dateTime with seconds one second. FHIR's date
/// search compares these ranges (https://hl7.org/fhir/R4/search.html#date).
struct DateRange
{
    QDateTime start; ///< inclusive, UTC
    QDateTime end; ///< exclusive, UTC

    /// Parses YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with timezone; nullopt when malformed.
    [[nodiscard]] static std::optional<DateRange> parse(const QString &text);
    /// A string (date/dateTime) or a Period object {start, end}; open ends become far past/future.
    [[nodiscard]] static std::optional<DateRange> fromJson(const QJsonValue &value);
};

/// The search prefixes the CDS Hooks prefetch subset allows (eq, lt, gt, ge, le).
enum class DatePrefix { Eq, Lt, Gt, Ge, Le };

/// Whether a resource's date range matches a search value under a prefix.
[[nodiscard]] bool dateMatches(const DateRange &resource, DatePrefix prefix,
                               const DateRange &value);

/// Shifts a date or dateTime string by whole days, keeping its precision; other strings unchanged.
[[nodiscard]] QString shiftDateString(const QString &text, qint64 days, bool *shifted = nullptr);

} // namespace hb::fhir
