// The servers bench/run points wrk and `hookbench-cli bench` at, in one process:
// - a trivial CDS service on Hookbench's own HTTP server (servers::HttpServer): discovery at
//   {trivial}/cds-services, POST {trivial}/cds-services/trivial answers `{"cards":[]}`, and
//   OPTIONS answers a permissive preflight, so a client with CORS emulation gets through;
// - the embedded EHR (session::Workbench, as the app starts it), with a bearer token of the EHR's
//   own client for FHIR reads (wrk sends it, so the token check is part of each read).
// Prints one JSON line {"trivial", "hook", "fhir", "token", "hookBody"} and serves until stdin
// closes (bench/run holds it open) or SIGTERM.
// Usage: bench_server [--bundle FILE]
#include "session/workbench.h"

#include "servers/httpserver.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>

#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;
using hb::servers::HttpRequest;
using hb::servers::HttpResponse;

namespace {

HttpResponse withCors(HttpResponse response)
{
    response.setHeader("Access-Control-Allow-Origin", "*");
    return response;
}

void serveTrivial(const HttpRequest &request, const hb::servers::Responder &respond)
{
    if (request.method == "OPTIONS") {
        HttpResponse preflight = withCors(HttpResponse::text(204, {}));
        preflight.setHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        preflight.setHeader("Access-Control-Allow-Headers", "authorization, content-type, accept");
        preflight.setHeader("Access-Control-Max-Age", "600");
        return respond(preflight);
    }
    if (request.method == "GET" && request.path == u"/cds-services"_s) {
        const QJsonObject service {{u"id"_s, u"trivial"_s},
                                   {u"hook"_s, u"patient-view"_s},
                                   {u"title"_s, u"Trivial"_s},
                                   {u"description"_s, u"Answers no cards at once."_s}};
        return respond(
            withCors(HttpResponse::json(200, QJsonObject {{u"services"_s, QJsonArray {service}}})));
    }
    if (request.method == "POST" && request.path == u"/cds-services/trivial"_s)
        return respond(
            withCors(HttpResponse::json(200, QJsonObject {{u"cards"_s, QJsonArray {}}})));
    respond(withCors(HttpResponse::text(404, "not found\n")));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption bundleOption(u"bundle"_s, u"Extra FHIR Bundle to serve."_s, u"file"_s);
    parser.addOption(bundleOption);
    parser.addHelpOption();
    parser.process(app);

    hb::session::WorkbenchOptions options;
    if (parser.isSet(bundleOption))
        options.serverOptions.bundleFiles = {parser.value(bundleOption)};
    hb::session::Workbench bench(options);
    QString error;
    if (!bench.start(&error)) {
        std::fprintf(stderr, "bench_server: %s\n", qPrintable(error));
        return 1;
    }
    // Only wrk reads: the audit's exchanges must not grow the log without bound.
    bench.log()->setMaxExchanges(100);

    hb::servers::HttpServer trivial;
    trivial.setHandler(serveTrivial);
    if (!trivial.listen()) {
        std::fprintf(stderr, "bench_server: %s\n", qPrintable(trivial.errorString()));
        return 1;
    }
    const auto grant = bench.servers()->issueServiceToken(hb::session::HookInvoker::ehrClientId(),
                                                          {u"user/*.read"_s}, {}, 24 * 3600);
    // A patient-view request body like the app's, for wrk's POST.
    const QJsonObject hookBody {{u"hook"_s, u"patient-view"_s},
                                {u"hookInstance"_s, u"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"_s},
                                {u"context"_s,
                                 QJsonObject {{u"userId"_s, u"Practitioner/pr-1"_s},
                                              {u"patientId"_s, u"pt-amelia-hart"_s}}}};
    const QJsonObject out {
        {u"trivial"_s, trivial.baseUrl().toString() + u"/cds-services"_s},
        {u"hook"_s, trivial.baseUrl().toString() + u"/cds-services/trivial"_s},
        {u"fhir"_s, bench.embeddedFhir().toString()},
        {u"token"_s, grant.accessToken},
        {u"hookBody"_s, QString::fromUtf8(QJsonDocument(hookBody).toJson(QJsonDocument::Compact))}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    std::fflush(stdout);

    QSocketNotifier input(STDIN_FILENO, QSocketNotifier::Read);
    QObject::connect(&input, &QSocketNotifier::activated, &app, [&] {
        char buffer[256];
        if (::read(STDIN_FILENO, buffer, sizeof buffer) <= 0)
            QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}
