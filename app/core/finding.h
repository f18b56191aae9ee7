#pragma once

// A validation finding: which rule, how bad, where (JSON pointer), and what the spec requires.
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hb::core {

enum class Severity { Error, Warning, Info };

/// One problem found in a document. ruleId is defined in docs/rules.md ("V1".."V26",
/// "C3".."C8") or "JSON" for problems of the JSON text itself.
struct Finding
{
    QString ruleId;
    Severity severity = Severity::Error;
    QString pointer; ///< JSON pointer (RFC 6901) to the offending member; "" = the whole document
    QString message; ///< one line: what the spec requires

    friend bool operator==(const Finding &, const Finding &) = default;
};

/// "error", "warning" or "info".
QString severityName(Severity severity);
/// {"ruleId","severity","pointer","message"}
QJsonObject findingToJson(const Finding &finding);
QJsonArray findingsToJson(const QList<Finding> &findings);
/// One line for humans: "error V3 /cards/0: card.summary is required".
QString formatFinding(const Finding &finding);
bool hasErrors(const QList<Finding> &findings);
/// Counts findings of one severity.
qsizetype countSeverity(const QList<Finding> &findings, Severity severity);

} // namespace hb::core
