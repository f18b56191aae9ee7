// What a client sends for each prefetch key once its query ran (C7).
#include "core/prefetch.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

QJsonObject synthesizedOutcome(int httpStatus)
{
    const QJsonObject issue {
        {u"severity"_s, u"error"_s},
        {u"code"_s, httpStatus >= 500 ? u"exception"_s : u"processing"_s},
        {u"diagnostics"_s,
         u"the FHIR server answered the prefetch query with HTTP %1"_s.arg(httpStatus)}};
    return QJsonObject {{u"resourceType"_s, u"OperationOutcome"_s},
                        {u"issue"_s, QJsonArray {issue}}};
}

bool isOperationOutcome(const QJsonObject &body)
{
    return body.value(u"resourceType"_s).toString() == u"OperationOutcome";
}

PrefetchOutcomeKind kindOf(const QJsonValue &value)
{
    if (value.isUndefined())
        return PrefetchOutcomeKind::Omitted;
    if (value.isNull())
        return PrefetchOutcomeKind::Null;
    if (isOperationOutcome(value.toObject()))
        return PrefetchOutcomeKind::OperationOutcome;
    return PrefetchOutcomeKind::Resource;
}

} // namespace

QJsonValue prefetchValueFor(int httpStatus, const QJsonObject &body, bool isRead)
{
    if (httpStatus < 100)
        return QJsonValue(QJsonValue::Undefined); // no answer: the client cannot provide it
    if (httpStatus >= 200 && httpStatus < 300) {
        if (body.isEmpty())
            return QJsonValue(QJsonValue::Null);
        if (body.value(u"resourceType"_s).toString().isEmpty())
            return QJsonValue(QJsonValue::Undefined); // not FHIR: nothing trustworthy to send
        return body;
    }
    if (isRead && (httpStatus == 404 || httpStatus == 410))
        return QJsonValue(QJsonValue::Null); // a read that found nothing: "no data"
    if (httpStatus >= 400)
        return isOperationOutcome(body) ? QJsonValue(body)
                                        : QJsonValue(synthesizedOutcome(httpStatus));
    return QJsonValue(QJsonValue::Undefined); // 1xx/3xx left over: treat as no answer
}

PrefetchOutcome omittedOutcome(const PrefetchPlanEntry &entry)
{
    PrefetchOutcome outcome;
    outcome.key = entry.key;
    outcome.kind = PrefetchOutcomeKind::Omitted;
    outcome.value = QJsonValue(QJsonValue::Undefined);
    outcome.reason = entry.omitted() ? entry.omitted()->message : QString();
    return outcome;
}

PrefetchOutcome prefetchOutcome(const PrefetchPlanEntry &entry, int httpStatus,
                                const QJsonObject &body)
{
    if (!entry.isResolved())
        return omittedOutcome(entry);
    PrefetchOutcome outcome;
    outcome.key = entry.key;
    outcome.value = prefetchValueFor(httpStatus, body, entry.resolved()->isRead);
    outcome.kind = kindOf(outcome.value);
    if (httpStatus < 100)
        outcome.reason = u"no answer from the FHIR server"_s;
    else if (outcome.kind == PrefetchOutcomeKind::Omitted)
        outcome.reason = u"HTTP %1 without a FHIR resource"_s.arg(httpStatus);
    else if (outcome.kind != PrefetchOutcomeKind::Resource)
        outcome.reason = u"HTTP %1"_s.arg(httpStatus);
    return outcome;
}

QJsonObject assemblePrefetch(const QList<PrefetchOutcome> &outcomes)
{
    QJsonObject prefetch;
    for (const PrefetchOutcome &outcome : outcomes) {
        if (outcome.kind != PrefetchOutcomeKind::Omitted)
            prefetch.insert(outcome.key, outcome.value);
    }
    return prefetch;
}

} // namespace hb::core
