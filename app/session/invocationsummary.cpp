#include "session/invocationsummary.h"

#include "core/finding.h"

using namespace Qt::StringLiterals;

namespace hb::session {

QString failureOf(const InvocationResult &result, const QString &origin)
{
    const auto &call = result.call;
    // CORS first: a failed preflight means the call was never sent, which is the browser's
    // verdict, not a connection problem.
    if (call.blocked()) {
        return u"A browser-based EHR at %1 could not read this answer. %2 Fix: %3"_s.arg(
            origin, call.cors->chromiumMessage, call.cors->hint);
    }
    if (!call.connected())
        return call.error.isEmpty() ? u"The service did not answer."_s : call.error;
    // A redirect loop did answer, with a 3xx each time: the loop is what the user must fix.
    if (call.response
        && (call.response->error == net::TransportError::RedirectLoop
            || call.response->error == net::TransportError::TooManyRedirects))
        return call.error;
    const int status = call.status();
    if (status != 200) {
        const QString reason = status == 412
            ? u" (the service could not get the FHIR data it needs)"_s
            : status == 401 ? u" (the service rejected the client JWT)"_s
                            : QString();
        return u"HTTP %1%2; no cards are shown for a non-200 answer."_s.arg(status).arg(reason);
    }
    if (!call.cdsResponse) {
        for (const auto &finding : call.findings) {
            if (finding.severity == core::Severity::Error)
                return u"The answer is not a CDS Hooks response: %1"_s.arg(finding.message);
        }
        // A transport error after the status (a body over the limit): its sentence says why.
        if (!call.error.isEmpty())
            return call.error;
        return u"The answer is not a CDS Hooks response."_s;
    }
    return {};
}

QString oneLineSummary(const InvocationResult &result)
{
    const auto &call = result.call;
    QString line = result.service.id + u": "_s;
    if (!call.connected())
        return line + call.error;
    line += u"HTTP %1"_s.arg(call.status());
    if (call.cdsResponse)
        line += u", %n card(s)"_s.replace(u"%n"_s, QString::number(call.cdsResponse->cards.size()));
    int sent = 0;
    for (const auto &report : result.prefetch)
        sent += report.outcome.kind != core::PrefetchOutcomeKind::Omitted;
    line += u", %1 of %2 prefetch keys"_s.arg(sent).arg(result.prefetch.size());
    const qsizetype errors = core::countSeverity(call.findings, core::Severity::Error);
    if (errors > 0)
        line += u", %1 validation error(s)"_s.arg(errors);
    if (call.response && call.response->timings.totalMs >= 0)
        line += u", %1 ms"_s.arg(double(call.response->timings.totalMs), 0, 'f', 1);
    return line;
}

} // namespace hb::session
