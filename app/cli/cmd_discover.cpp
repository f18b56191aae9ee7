// hookbench-cli discover: GET {base}/cds-services as the Sandbox would (client JWT, CORS
// emulation), list the services and validate the document (V24-V26).
#include "calloptions.h"
#include "command.h"

#include "net/cdsclient.h"
#include "net/har.h"
#include "security/keystore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;
using namespace hb::net;

static int runDiscover(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Fetches {URL}/cds-services (URL may already end in /cds-services) with a signed client "
        u"JWT, "
        u"as a browser page at --origin would, and validates the discovery document.\n"
        u"Exit 0 ok, 1 a check failed (HTTP error, invalid document, CORS failure), 2 usage, "
        u"3 could not connect."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const hb::cli::CallOptions call(10000);
    const QCommandLineOption har(u"har"_s, u"Write the exchanges as HAR 1.2 (tokens redacted)."_s,
                                 u"FILE"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as JSON."_s);
    parser.addOptions({help, har, json});
    call.addTo(parser);
    parser.addPositionalArgument(u"URL"_s, u"Base URL of the CDS services."_s);
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(args, u"expected exactly one URL"_s, parser);
    QString reason;
    const auto parsedUrl
        = hb::scenario::parseHttpUrl(parser.positionalArguments().constFirst(), &reason);
    if (!parsedUrl)
        return usageError(args, reason);
    const QUrl url = *parsedUrl;
    hb::scenario::CallSpec spec;
    spec.discovery = url.toString();
    if (const QString problem = call.read(parser, &spec); !problem.isEmpty())
        return usageError(args, problem);

    QString keyError;
    const hb::security::KeyStore store = hb::security::KeyStore::openDefault(&keyError);
    hb::security::ClientJwtSigner signer(store, {});
    Transport transport;
    ExchangeLog log;
    const CdsClientOptions options = hb::scenario::clientOptionsFor(spec);
    CdsClient client(&transport, &log, &signer, options);
    const DiscoveryResult result = client.discoverAndWait(url);

    bool harFailed = false; // an unwritable --har file fails the command (exit 2)
    if (parser.isSet(har)) {
        QString error;
        harFailed = !writeHar(parser.value(har), log.exchanges(), {}, &error);
        if (harFailed)
            err << error << '\n';
    }
    int code = hb::cli::ExitOk;
    if (result.couldNotConnect())
        code = hb::cli::ExitConnect;
    else if (result.blocked() || !result.response || !result.response->ok()
             || result.status() != 200 || hb::core::hasErrors(result.findings))
        code = hb::cli::ExitCheckFailed;
    if (harFailed && code == hb::cli::ExitOk)
        code = hb::cli::ExitUsage;

    if (parser.isSet(json)) {
        QJsonArray services;
        if (result.document) {
            for (const auto &service : result.document->services)
                services.append(service.raw);
        }
        QJsonArray exchanges;
        for (const auto &exchange : log.exchanges())
            exchanges.append(exchangeToJson(exchange));
        QJsonObject object {
            {u"ok"_s, code == hb::cli::ExitOk},
            {u"url"_s, result.url.toString()},
            {u"status"_s, result.status()},
            {u"services"_s, services},
            {u"findings"_s, hb::core::findingsToJson(result.findings)},
            {u"cors"_s, result.cors ? QJsonValue(corsToJson(*result.cors)) : QJsonValue()},
            {u"exchanges"_s, exchanges}};
        if (code != hb::cli::ExitOk)
            object.insert(u"error"_s,
                          result.blocked()
                              ? result.cors->chromiumMessage + u" "_s + hb::cli::noCorsHint()
                              : !result.error.isEmpty() ? result.error
                              : result.status() != 200  ? u"HTTP %1"_s.arg(result.status())
                                                        : u"the discovery document has errors"_s);
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return code;
    }
    out << "GET " << result.url.toString() << " -> ";
    if (result.response && result.response->ok())
        out << "HTTP " << result.status() << '\n';
    else
        out << "no response\n";
    if (!result.error.isEmpty())
        err << result.error << '\n';
    if (result.document) {
        out << result.document->services.size() << " service(s):\n";
        for (const auto &service : result.document->services)
            out << "  " << service.id << "  [" << service.hook << "]  " << service.title << '\n';
    }
    for (const auto &finding : result.findings)
        out << hb::core::formatFinding(finding) << '\n';
    if (result.cors) {
        out << "CORS (" << options.origin << "): " << toString(result.cors->verdict) << '\n';
        if (result.cors->verdict == CorsVerdict::Fail)
            out << "  Chromium: " << result.cors->chromiumMessage
                << "\n  Fix: " << result.cors->hint
                << (hb::cli::browserRefused(result) ? u"\n  "_s + hb::cli::noCorsHint() : QString())
                << '\n';
        for (const auto &w : result.cors->warnings)
            out << "  Warning (" << w.id << "): " << w.message << '\n';
    }
    return code;
}

static const hb::cli::CommandRegistration reg {
    {"discover", "fetch and validate a discovery document (GET {base}/cds-services)", &runDiscover,
     true}};
