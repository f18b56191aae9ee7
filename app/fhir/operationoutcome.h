#pragma once

#include <QJsonObject>
#include <QString>

namespace hb::fhir {

/// A FHIR R4 OperationOutcome with one issue. `severity` is fatal|error|warning|information and
/// `code` an IssueType (invalid, not-found, security, forbidden, too-long, not-supported, ...).
[[nodiscard]] QJsonObject operationOutcome(const QString &severity, const QString &code,
                                           const QString &diagnostics);

/// Shorthand for an error issue.
[[nodiscard]] QJsonObject errorOutcome(const QString &code, const QString &diagnostics);

} // namespace hb::fhir
