// hookbench-cli bench: load a CDS service with N prepared hook calls at concurrency C. The call
// is prepared once as `fire` prepares it (context, prefetch, validation: an invalid request is
// not sent), then each call gets its own hookInstance and a freshly signed client JWT. The JSON
// (--json) is stable and documented in docs/cli.md; bench/run reads it.
#include "calloptions.h"
#include "command.h"

#include "scenario/loadrun.h"
#include "session/workbench.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>
#include <unistd.h>

using namespace Qt::StringLiterals;
using hb::cli::usageError;

static int runBench(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Sends N hook calls to one service, at most C at once, each with its own hookInstance "
        u"and client JWT (the request is prepared once, as 'fire' prepares it, without a "
        u"fhirAuthorization token), and reports throughput, latency p50/p90/p99/max, errors by "
        u"kind and the client's own overhead per call. A progress bar shows on a terminal only. "
        u"Use --no-cors to measure the service without the browser's preflight.\n"
        u"Exit 0 no call failed, 1 some failed or the request is invalid, 2 usage, 3 could not "
        u"connect."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption discovery(
        u"discovery"_s, u"Discovery URL (or base URL; 'embedded', 'lab')."_s, u"URL"_s);
    const QCommandLineOption service(u"service"_s, u"Service id."_s, u"ID"_s);
    const QCommandLineOption hook(u"hook"_s, u"Hook (default: the service's)."_s, u"H"_s);
    const QCommandLineOption count({u"n"_s, u"requests"_s}, u"Number of calls (100)."_s, u"N"_s,
                                   u"100"_s);
    const QCommandLineOption concurrency({u"c"_s, u"concurrency"_s},
                                         u"Calls in flight at once (4)."_s, u"C"_s, u"4"_s);
    const QCommandLineOption patient(
        u"patient"_s, u"Patient id (default: the first embedded patient)."_s, u"ID"_s);
    const QCommandLineOption fhir(u"fhir"_s, u"embedded (default), a FHIR base URL, or none."_s,
                                  u"SRC"_s, u"embedded"_s);
    const QCommandLineOption prefetch(u"prefetch"_s, u"all (default), none, or KEY,KEY."_s, u"P"_s,
                                      u"all"_s);
    const QCommandLineOption allowInvalid(
        u"allow-invalid-request"_s,
        u"Send the request even when Hookbench's own validator finds errors in it."_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as one JSON object."_s);
    const hb::cli::CallOptions call(30000);
    parser.addOptions({help, discovery, service, hook, count, concurrency, patient, fhir, prefetch,
                       allowInvalid, json});
    call.addTo(parser);
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (!parser.isSet(discovery) || !parser.isSet(service))
        return usageError(args, u"--discovery and --service are required"_s);
    bool ok = false;
    const int total = parser.value(count).toInt(&ok);
    if (!ok || total < 1 || total > 1000000)
        return usageError(args, u"-n must be a number from 1 to 1000000"_s);
    const int inFlight = parser.value(concurrency).toInt(&ok);
    if (!ok || inFlight < 1 || inFlight > 1000)
        return usageError(args, u"-c must be a number from 1 to 1000"_s);
    hb::scenario::CallSpec spec;
    if (const QString problem = call.read(parser, &spec); !problem.isEmpty())
        return usageError(args, problem);
    spec.discovery = parser.value(discovery);
    spec.service = parser.value(service);
    spec.hook = parser.value(hook);
    spec.patient = parser.value(patient);
    spec.fhir = parser.value(fhir);
    spec.prefetch = parser.value(prefetch);
    spec.allowInvalidRequest = parser.isSet(allowInvalid);
    if (const QString problem = hb::scenario::checkSpec(spec); !problem.isEmpty())
        return usageError(args, problem);

    const bool asJson = parser.isSet(json);
    auto fail = [&](const QString &message, int code) {
        if (asJson)
            hb::cli::printJsonError(message);
        err << message << '\n';
        return code;
    };
    hb::session::WorkbenchOptions options;
    options.embeddedServers = hb::scenario::needsEmbedded(spec);
    options.client = hb::scenario::clientOptionsFor(spec);
    hb::session::Workbench bench(options);
    QString error;
    if (!bench.start(&error))
        return fail(u"cannot start: "_s + error, hb::cli::ExitConnect);
    const auto prepared = hb::scenario::prepareCall(bench, spec, {});
    if (prepared.failure != hb::scenario::SetupFailure::None)
        return fail(prepared.error,
                    prepared.failure == hb::scenario::SetupFailure::Usage ? hb::cli::ExitUsage
                        : prepared.failure == hb::scenario::SetupFailure::Connect
                        ? hb::cli::ExitConnect
                        : hb::cli::ExitCheckFailed);
    // One real invocation prepares (and validates) the request; its answer is not counted.
    const auto first = bench.invoker()->invokeAndWait(prepared.discoveryUrl, *prepared.service,
                                                      prepared.state, prepared.invocation);
    if (first.notSent)
        return fail(first.call.error, hb::cli::ExitCheckFailed);
    hb::core::HookRequest request = first.request;
    request.fhirAuthorization.reset(); // revoked after the first call; no call reuses a token
    // The log would keep every exchange; the measurement needs none of them.
    hb::net::CdsClient client(bench.transport(), nullptr, bench.signer(), prepared.client);
    hb::net::CdsClient *sender = &client;

    const bool bar = !asJson && isatty(fileno(stderr));
    hb::scenario::LoadOptions load;
    load.total = total;
    load.concurrency = inFlight;
    if (bar) {
        load.progress = [&err, total](int done, int) {
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
    const hb::scenario::LoadReport report
        = hb::scenario::runLoad(sender, prepared.discoveryUrl, prepared.service->id, request, load);
    const int code = report.errors == 0 ? hb::cli::ExitOk : hb::cli::ExitCheckFailed;
    if (asJson) {
        QJsonObject object = report.toJson();
        object.insert(u"ok"_s, code == hb::cli::ExitOk);
        object.insert(u"service"_s, prepared.service->id);
        object.insert(u"hook"_s, prepared.service->hook);
        object.insert(u"url"_s,
                      hb::net::serviceUrl(prepared.discoveryUrl, prepared.service->id).toString());
        object.insert(u"concurrency"_s, inFlight);
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
