// hookbench-cli bench: load a CDS service with N prepared hook calls at concurrency C. The call
// is prepared once as `fire` prepares it (context, prefetch, validation: an invalid request is
// not sent), then each of the N calls gets its own hookInstance and a freshly signed client JWT,
// all before the clock starts; a lean keep-alive HTTP/1.1 client (net/rawhttpload.h) then drives
// them, so the figures are the service's and not the client's (https goes through the Qt
// transport instead). The JSON (--json) is stable and documented in docs/cli.md; bench/run
// reads it.
#include "calloptions.h"
#include "command.h"

#include "net/hookload.h"
#include "scenario/loadrun.h"
#include "scenario/runner.h"
#include "session/workbench.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <numeric>
#include <unistd.h>

using namespace Qt::StringLiterals;
using hb::cli::usageError;

namespace {

// Each call is prepared in memory before the clock starts (about 1.5 KB and one signature
// each), so N is bounded by what that costs, not by the service.
constexpr int MaxCalls = 200000;

hb::scenario::LoadReport reportOf(const hb::net::RawLoadResult &raw, double prepareMsPerCall)
{
    hb::scenario::LoadReport report;
    report.total = raw.total;
    report.completed = raw.completed;
    report.errors = raw.errors;
    report.errorsByKind = raw.errorsByKind;
    report.wallMs = raw.wallMs;
    report.throughput = raw.wallMs > 0 ? raw.completed * 1000.0 / raw.wallMs : 0;
    const QList<double> l(raw.latenciesMs.begin(), raw.latenciesMs.end());
    report.p50Ms = hb::scenario::quantile(l, 0.50);
    report.p90Ms = hb::scenario::quantile(l, 0.90);
    report.p99Ms = hb::scenario::quantile(l, 0.99);
    report.maxMs = hb::scenario::quantile(l, 1.0);
    if (!l.isEmpty())
        report.meanMs = std::accumulate(l.begin(), l.end(), 0.0) / double(l.size());
    report.clientOverheadMs = prepareMsPerCall;
    return report;
}

} // namespace

static int runBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Sends N hook calls to one service, at most C at once over C keep-alive connections, "
        u"each with its own hookInstance and client JWT (the request is prepared once, as 'fire' "
        u"prepares it, without a fhirAuthorization token; the N calls are signed and serialised "
        u"before the clock starts), and reports throughput, latency p50/p90/p99/max, errors by "
        u"kind and the client's own overhead per call (CPU time preparing them / N). With CORS "
        u"emulation each call is the browser's preflight and the call; use --no-cors to measure "
        u"the service without it. A progress bar shows on a terminal only.\n"
        u"Exit 0 no call failed, 1 some failed or the request is invalid, 2 usage, 3 could not "
        u"connect."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const hb::cli::HookCallOptions target;
    const QCommandLineOption count({u"n"_s, u"requests"_s},
                                   u"Number of calls, 1 to %1 (100)."_s.arg(MaxCalls), u"N"_s,
                                   u"100"_s);
    const QCommandLineOption concurrency({u"c"_s, u"concurrency"_s},
                                         u"Calls in flight at once (4)."_s, u"C"_s, u"4"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as one JSON object."_s);
    const hb::cli::CallOptions call(30000);
    parser.addOption(help);
    target.addTo(parser);
    const QCommandLineOption warmup(
        u"warmup"_s,
        u"Uncounted calls before the clock starts, on the connections the counted ones then "
        u"use (default: C, one per connection, so no connect is timed)."_s,
        u"W"_s);
    parser.addOptions({count, concurrency, warmup, json});
    call.addTo(parser);
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (!parser.isSet(target.discovery) || !parser.isSet(target.service))
        return usageError(args, u"--discovery and --service are required"_s);
    bool ok = false;
    const int total = parser.value(count).toInt(&ok);
    if (!ok || total < 1 || total > MaxCalls)
        return usageError(args, u"-n must be a number from 1 to %1"_s.arg(MaxCalls));
    const int inFlight = parser.value(concurrency).toInt(&ok);
    if (!ok || inFlight < 1 || inFlight > 1000)
        return usageError(args, u"-c must be a number from 1 to 1000"_s);
    const int warmupCalls = parser.isSet(warmup) ? parser.value(warmup).toInt(&ok) : inFlight;
    if (!ok || warmupCalls < 0 || warmupCalls > MaxCalls)
        return usageError(args, u"--warmup must be a number from 0 to %1"_s.arg(MaxCalls));
    hb::scenario::CallSpec spec;
    if (const QString problem = call.read(parser, &spec); !problem.isEmpty())
        return usageError(args, problem);
    target.read(parser, &spec);
    if (const QString problem = hb::scenario::checkSpec(spec); !problem.isEmpty())
        return usageError(args, problem);

    const bool asJson = parser.isSet(json);
    auto fail
        = [&](const QString &message, int code) { return hb::cli::fail(asJson, message, code); };
    hb::session::Workbench bench(hb::scenario::workbenchOptionsFor(spec));
    QString startError;
    if (const auto failure = hb::scenario::startForCall(bench, &startError);
        failure != hb::scenario::SetupFailure::None)
        return fail(startError, hb::cli::exitCodeFor(failure));
    const auto prepared = hb::scenario::prepareCall(bench, spec, {});
    if (prepared.failure != hb::scenario::SetupFailure::None)
        return fail(prepared.error, hb::cli::exitCodeFor(prepared.failure));
    // One real invocation prepares (and validates) the request; its answer is not counted.
    const auto first = bench.invoker()->invokeAndWait(prepared.discoveryUrl, *prepared.service,
                                                      prepared.state, prepared.invocation);
    if (first.notSent)
        return fail(first.call.error, hb::cli::ExitCheckFailed);
    hb::core::HookRequest request = first.request;
    request.fhirAuthorization.reset(); // revoked after the first call; no call reuses a token
    const QUrl url = hb::net::serviceUrl(prepared.discoveryUrl, prepared.service->id);

    const bool bar = !asJson && isatty(fileno(stderr));
    std::function<void(int, int)> progress;
    if (bar) {
        progress = [&err, total](int done, int) {
            if (done % std::max(1, total / 100) != 0 && done != total)
                return;
            const int width = 40;
            const int filled = int(double(done) / total * width);
            err << "\r[" << QString(filled, u'#') << QString(width - filled, u' ') << "] " << done
                << '/' << total << Qt::flush;
            if (done == total)
                err << '\n';
        };
    }
    hb::scenario::LoadReport report;
    QString client;
    int connections = -1; // opened by the lean client; unknown for the full transport
    double prepareMs = -1; // wall time of the preparation before the clock (lean client)
    double loopCpuMs = -1; // the lean client's CPU time while the clock ran
    bool lean = hb::net::leanLoadSupports(url);
    if (lean) {
        client = u"raw-http"_s;
        // The uncounted ones: the first goes alone (sendFirstUncounted: does the service
        // redirect?), then the warm-up.
        const int callsPrepared = total + 1 + warmupCalls;
        hb::net::HookLoadPlan plan = hb::net::prepareHookLoad(url, request, callsPrepared,
                                                              bench.signer(), prepared.client);
        if (!plan.error.isEmpty())
            return fail(plan.error, hb::cli::ExitConnect);
        if (plan.blockedBeforeSending.isEmpty() && !hb::net::sendFirstUncounted(&plan)) {
            lean = false;
            err << "the service redirects: the calls go through the full transport, which follows "
                   "redirects (its own time per call is then part of the figures)\n";
        } else if (!plan.blockedBeforeSending.isEmpty()) {
            // The browser would send none of them: every call is refused, nothing measured.
            report.total = report.completed = report.errors = total;
            report.errorsByKind.insert(u"cors-blocked"_s, total);
            err << "CORS: " << plan.blockedBeforeSending << ' ' << hb::cli::noCorsHint() << '\n';
        } else {
            plan.load.concurrency = inFlight;
            plan.load.warmup = warmupCalls;
            plan.load.progress = progress;
            const hb::net::RawLoadResult raw = hb::net::runRawLoad(plan.calls, plan.load);
            connections = raw.connectionsOpened;
            loopCpuMs = raw.cpuMs;
            report = reportOf(raw, plan.prepareCpuMs / callsPrepared);
            prepareMs = plan.prepareMs;
        }
    }
    if (!lean) {
        // TLS stays with the full transport; its own time per call is then part of the figures.
        client = u"qt-network"_s;
        hb::net::CdsClient sender(bench.transport(), nullptr, bench.signer(), prepared.client);
        hb::scenario::LoadOptions load;
        load.total = total;
        load.concurrency = inFlight;
        load.progress = progress;
        report = hb::scenario::runLoad(&sender, prepared.discoveryUrl, prepared.service->id,
                                       request, load);
    }
    const int code = report.errors == 0 ? hb::cli::ExitOk : hb::cli::ExitCheckFailed;
    if (asJson) {
        QJsonObject object = report.toJson();
        object.insert(u"ok"_s, code == hb::cli::ExitOk);
        object.insert(u"service"_s, prepared.service->id);
        object.insert(u"hook"_s, prepared.service->hook);
        object.insert(u"url"_s, url.toString());
        object.insert(u"concurrency"_s, inFlight);
        object.insert(u"client"_s, client);
        if (connections >= 0)
            object.insert(u"connections"_s, connections);
        if (prepareMs >= 0)
            object.insert(u"prepareMs"_s, prepareMs);
        if (loopCpuMs >= 0 && report.total > 0)
            object.insert(u"loopCpuMsPerCall"_s, loopCpuMs / report.total);
        object.insert(u"cors"_s, prepared.client.corsEmulation);
        if (code != hb::cli::ExitOk)
            object.insert(u"error"_s, u"%1 of %2 call(s) failed"_s.arg(report.errors).arg(total));
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return code;
    }
    out << "bench " << prepared.service->id << " [" << prepared.service->hook << "] "
        << report.completed << " calls, concurrency " << inFlight
        << (prepared.client.corsEmulation ? ", with CORS preflight" : ", no CORS") << '\n';
    out << u"  throughput  %1 calls/s (%2 s)\n"_s.arg(report.throughput, 0, 'f', 1)
               .arg(report.wallMs / 1000.0, 0, 'f', 3);
    out << u"  latency ms  p50 %1  p90 %2  p99 %3  max %4\n"_s.arg(report.p50Ms, 0, 'f', 2)
               .arg(report.p90Ms, 0, 'f', 2)
               .arg(report.p99Ms, 0, 'f', 2)
               .arg(report.maxMs, 0, 'f', 2);
    out << u"  client overhead  %1 ms per call\n"_s.arg(report.clientOverheadMs, 0, 'f', 3);
    out << "  errors      " << report.errors << '\n';
    for (auto it = report.errorsByKind.begin(); it != report.errorsByKind.end(); ++it)
        out << "    " << it.key() << ": " << it.value() << '\n';
    return code;
}

static const hb::cli::CommandRegistration reg {
    {"bench", "load a service with N prepared calls at concurrency C (throughput, latency)",
     &runBench, true}};
