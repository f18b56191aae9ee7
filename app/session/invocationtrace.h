#pragma once

// A hook call's prefetch trace and the service's FHIR reads as JSON: attached to the call's
// exchange for the inspector, the same shape `hookbench-cli fire --json` reports.
#include "session/hookinvocation.h"

#include <QJsonArray>

namespace hb::session {

/// One object per key: {key, template, query?, status?, outcome, reason?}.
QJsonArray prefetchTraceJson(const QList<PrefetchReport> &reports);
/// The access audit rows of the service during the call.
QJsonArray accessAuditJson(const QList<servers::AuditEntry> &entries);
/// Puts both on the logged hook call of `result` (no-op without a log or a logged call).
void attachTrace(net::ExchangeLog *log, const InvocationResult &result);

} // namespace hb::session
