#include "core/finding.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::core {

QString severityName(Severity severity)
{
    switch (severity) {
    case Severity::Error:
        return u"error"_s;
    case Severity::Warning:
        return u"warning"_s;
    case Severity::Info:
        break;
    }
    return u"info"_s;
}

QJsonObject findingToJson(const Finding &finding)
{
    return QJsonObject {{u"ruleId"_s, finding.ruleId},
                        {u"severity"_s, severityName(finding.severity)},
                        {u"pointer"_s, finding.pointer},
                        {u"message"_s, finding.message}};
}

QJsonArray findingsToJson(const QList<Finding> &findings)
{
    QJsonArray array;
    for (const Finding &finding : findings)
        array.append(findingToJson(finding));
    return array;
}

QString formatFinding(const Finding &finding)
{
    const QString where = finding.pointer.isEmpty() ? u"(document)"_s : finding.pointer;
    return u"%1 %2 %3: %4"_s.arg(severityName(finding.severity), finding.ruleId, where,
                                 finding.message);
}

bool hasErrors(const QList<Finding> &findings)
{
    return countSeverity(findings, Severity::Error) > 0;
}

qsizetype countSeverity(const QList<Finding> &findings, Severity severity)
{
    return std::count_if(findings.cbegin(), findings.cend(),
                         [severity](const Finding &f) { return f.severity == severity; });
}

} // namespace hb::core
