// hookbench-cli run: scenario files for CI. Each step is a hook call as `fire` makes it, checked
// against the step's expectations; the result is a readable summary, JUnit XML and a JSON report
// (docs/scenario.schema.json, docs/scenario-report.schema.json).
#include "calloptions.h"
#include "command.h"

#include "net/har.h"
#include "scenario/callsetup.h"
#include "scenario/runner.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;

namespace {

bool writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace

static int runRun(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Runs scenario files (JSON, docs/scenario.schema.json): each step fires a hook as "
        u"'fire' does and checks the answer against the step's expectations (status, cards, "
        u"indicators, summary, suggestions, validation, CORS, latency, JWT rejection, FHIR "
        u"reads); steps may accept a suggestion or override a card (feedback, 2xx expected). "
        u"Prints a summary; --junit and --json write reports.\n"
        u"Exit 0 every scenario passed, 1 a step failed, 2 usage (unreadable or invalid "
        u"scenario, a key folder it cannot use), 3 the servers could not start."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption serve(
        u"serve"_s, u"Start the embedded servers first (also done when a step needs them)."_s);
    const QCommandLineOption workspace(
        u"workspace"_s,
        u"Workspace file (docs/workspace.md): steps take its service settings, CORS and "
        u"timeouts where they set none; client identity and ports for the run. A scenario's own "
        u"\"workspace\" member wins for its steps."_s,
        u"FILE"_s);
    const QCommandLineOption junit(u"junit"_s, u"Write a JUnit XML report."_s, u"FILE"_s);
    const QCommandLineOption json(u"json"_s, u"Write the JSON report ('-' = stdout)."_s, u"FILE"_s);
    const QCommandLineOption har(u"har"_s, u"Write every exchange as HAR 1.2 (tokens redacted)."_s,
                                 u"FILE"_s);
    const QCommandLineOption quiet({u"q"_s, u"quiet"_s}, u"No info lines on stderr."_s);
    const QCommandLineOption noCors(
        u"no-cors"_s,
        u"Call every service as a server would: no browser emulation, no "
        u"preflight (overrides the steps' origin and cors)."_s);
    parser.addOptions({help, serve, workspace, junit, json, har, noCors, quiet});
    parser.addPositionalArgument(u"SCENARIO"_s, u"Scenario files."_s, u"SCENARIO..."_s);
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    const QStringList files = parser.positionalArguments();
    if (files.isEmpty())
        return usageError(args, u"expected at least one SCENARIO file"_s);
    std::optional<hb::scenario::CallWorkspace> ws;
    if (parser.isSet(workspace)) {
        QString problem;
        ws = hb::scenario::loadCallWorkspace(parser.value(workspace), &problem);
        if (!ws)
            return usageError(args, problem);
    }

    QList<hb::scenario::Scenario> scenarios;
    QStringList problems;
    for (const auto &file : files) {
        if (auto scenario
            = hb::scenario::loadScenario(file, &problems, ws ? &ws->workspace : nullptr))
            scenarios.append(*scenario);
    }
    if (!problems.isEmpty()) {
        for (const auto &p : problems)
            err << p << '\n';
        return usageError(
            args, u"%1 problem(s) in the scenario file(s), see above"_s.arg(problems.size()));
    }
    if (parser.isSet(noCors)) {
        for (auto &s : scenarios)
            for (auto &step : s.steps)
                step.call.cors = false;
    }
    QList<hb::scenario::CallSpec> steps;
    for (const auto &s : scenarios)
        for (const auto &step : s.steps)
            steps.append(step.call);
    // The same start as fire and bench: a key folder it cannot write is usage (2), not connect.
    hb::session::Workbench bench(hb::scenario::workbenchOptionsFor(
        steps, ws ? ws->options : hb::session::WorkbenchOptions {}, parser.isSet(serve)));
    QString startError;
    if (const auto failure = hb::scenario::startForCall(bench, &startError);
        failure != hb::scenario::SetupFailure::None) {
        err << startError << '\n';
        return hb::cli::exitCodeFor(failure);
    }
    hb::scenario::ScenarioRunner runner(&bench);
    QList<hb::scenario::ScenarioReport> reports;
    for (const auto &scenario : scenarios)
        reports.append(runner.run(scenario));

    int code = std::all_of(reports.begin(), reports.end(), [](const auto &r) { return r.passed(); })
        ? hb::cli::ExitOk
        : hb::cli::ExitCheckFailed;
    QString error;
    if (parser.isSet(junit)
        && !writeFile(parser.value(junit), hb::scenario::reportToJUnit(reports), &error)) {
        err << error << '\n';
        code = hb::cli::ExitUsage;
    }
    const QByteArray report = QJsonDocument(hb::scenario::reportToJson(reports)).toJson();
    if (parser.isSet(json) && parser.value(json) != u"-"
        && !writeFile(parser.value(json), report, &error)) {
        err << error << '\n';
        code = hb::cli::ExitUsage;
    }
    if (parser.isSet(har)
        && !hb::net::writeHar(parser.value(har), bench.log()->exchanges(), {}, &error)) {
        err << error << '\n';
        code = hb::cli::ExitUsage;
    }
    if (parser.value(json) == u"-")
        out << report;
    else
        out << hb::scenario::reportToText(reports, hb::cli::colourOutput());
    return code;
}

static const hb::cli::CommandRegistration reg {
    {"run", "run scenario files with assertions; JUnit XML and JSON reports for CI", &runRun,
     true}};
