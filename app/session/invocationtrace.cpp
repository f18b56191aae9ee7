#include "session/invocationtrace.h"

using namespace Qt::StringLiterals;

namespace hb::session {

QJsonArray prefetchTraceJson(const QList<PrefetchReport> &reports)
{
    static const char *kinds[] = {"resource", "null", "operation-outcome", "omitted"};
    QJsonArray report;
    for (const auto &entry : reports) {
        QJsonObject line {{u"key"_s, entry.plan.key}, {u"template"_s, entry.plan.templateText}};
        if (const auto *resolved = entry.plan.resolved()) {
            line.insert(u"query"_s, resolved->query);
            line.insert(u"status"_s, entry.status);
        }
        line.insert(u"outcome"_s, QLatin1String(kinds[static_cast<int>(entry.outcome.kind)]));
        const QString reason
            = entry.plan.omitted() ? entry.plan.omitted()->message : entry.outcome.reason;
        if (!reason.isEmpty())
            line.insert(u"reason"_s, reason);
        report.append(line);
    }
    return report;
}

QJsonArray accessAuditJson(const QList<servers::AuditEntry> &entries)
{
    QJsonArray audit;
    for (const auto &entry : entries)
        audit.append(entry.toJson());
    return audit;
}

void attachTrace(net::ExchangeLog *log, const InvocationResult &result)
{
    if (!log)
        return;
    for (auto it = result.call.exchanges.crbegin(); it != result.call.exchanges.crend(); ++it) {
        if (it->kind != u"hook"_s || it->id == 0)
            continue;
        const QJsonArray prefetch = prefetchTraceJson(result.prefetch);
        const QJsonArray audit = accessAuditJson(result.serviceReads);
        log->update(it->id, [&](net::Exchange &e) {
            e.prefetchTrace = prefetch;
            e.accessAudit = audit;
        });
        return;
    }
}

} // namespace hb::session
