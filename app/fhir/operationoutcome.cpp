#include "fhir/operationoutcome.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::fhir {

QJsonObject operationOutcome(const QString &severity, const QString &code,
                             const QString &diagnostics)
{
    const QJsonObject issue {
        {u"severity"_s, severity}, {u"code"_s, code}, {u"diagnostics"_s, diagnostics}};
    return QJsonObject {{u"resourceType"_s, u"OperationOutcome"_s},
                        {u"issue"_s, QJsonArray {issue}}};
}

QJsonObject errorOutcome(const QString &code, const QString &diagnostics)
{
    return operationOutcome(u"error"_s, code, diagnostics);
}

} // namespace hb::fhir
