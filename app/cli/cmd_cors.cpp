// hookbench-cli cors: behave as a browser page at ORIGIN calling URL: Chromium's preflight, then
// the actual request, and the verdict with Chromium's console text, Firefox's code and the fix.
#include "command.h"

#include "net/corsprobe.h"
#include "net/har.h"
#include "scenario/callsetup.h"
#include "security/clientjwt.h"
#include "security/keystore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;
using namespace hb::net;

namespace {

void printExchange(QTextStream &out, const Exchange &e)
{
    out << "\n> " << e.method << ' ' << e.url.toString() << '\n';
    for (const auto &line : e.requestHeaders)
        out << "> " << line.name << ": " << line.value << '\n';
    if (!e.error.isEmpty()) {
        out << "! " << e.error << '\n';
        return;
    }
    out << "< HTTP/1.1 " << e.status << ' ' << e.reason << '\n';
    for (const auto &line : e.responseHeaders)
        out << "< " << line.name << ": " << line.value << '\n';
}

QByteArray headerValue(const QByteArray &lower, const QString &url, const QByteArray &method)
{
    if (lower == "authorization") {
        // A real client JWT for this URL, so a service that checks it answers the actual call.
        const hb::security::KeyStore store = hb::security::KeyStore::openDefault();
        hb::security::ClientJwtSigner signer(store, {});
        const auto token = signer.sign(url);
        return "Bearer " + (token.token.isEmpty() ? QByteArray("invalid") : token.token);
    }
    if (lower == "content-type" || lower == "accept")
        return "application/json";
    Q_UNUSED(method);
    return "1";
}

} // namespace

static int runCors(const QStringList &args)
{
    QTextStream out(stdout);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Sends the preflight a browser page at ORIGIN would send for a call to URL (as the CDS "
        u"Hooks "
        u"Sandbox does with axios), then the actual request, and evaluates both in Chromium's "
        u"order.\n"
        u"Exit 0 pass (also with warnings), 1 CORS failure, 2 usage, 3 could not connect."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption origin(u"origin"_s,
                                    u"Page origin (default https://sandbox.cds-hooks.org)."_s,
                                    u"ORIGIN"_s, u"https://sandbox.cds-hooks.org"_s);
    const QCommandLineOption method(
        u"method"_s, u"HTTP method (default POST, GET for .../cds-services)."_s, u"M"_s);
    const QCommandLineOption requestHeaders(
        u"request-headers"_s, u"Request header names the page sets (default: the Sandbox's set)."_s,
        u"a,b"_s);
    const QCommandLineOption credentials(
        u"credentials"_s, u"omit (default, like the Sandbox) or include."_s, u"MODE"_s, u"omit"_s);
    const QCommandLineOption strict(u"strict"_s,
                                    u"Fetch standard instead of today's browsers (ACAH *)."_s);
    const QCommandLineOption fetchApi(u"fetch"_s,
                                      u"Word messages for fetch() instead of XMLHttpRequest."_s);
    const QCommandLineOption body(u"body"_s, u"File with the actual request's body (default {})."_s,
                                  u"FILE"_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Total timeout per request in ms (10000)."_s,
                                     u"MS"_s, u"10000"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as JSON."_s);
    parser.addOptions(
        {help, origin, method, requestHeaders, credentials, strict, fetchApi, body, timeout, json});
    parser.addPositionalArgument(u"URL"_s, u"The URL the page calls."_s);
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
    const QUrl page(parser.value(origin));
    if (serializeOrigin(page) != parser.value(origin) && parser.value(origin) != u"null")
        return usageError(args,
                          u"not a serialized origin (scheme://host[:port], no path): "_s
                              + parser.value(origin),
                          parser);
    const auto mode = credentialsModeFromString(parser.value(credentials));
    if (!mode)
        return usageError(args, u"--credentials must be omit or include"_s, parser);
    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeout).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs <= 0)
        return usageError(args, u"--timeout must be a positive number of milliseconds"_s, parser);

    CorsProbeRequest probe;
    probe.cors.origin = parser.value(origin);
    probe.cors.url = url;
    probe.cors.credentials = *mode;
    probe.cors.api = parser.isSet(fetchApi) ? RequestApi::Fetch : RequestApi::XmlHttpRequest;
    const bool discovery = url.path().endsWith(u"/cds-services"_s);
    probe.cors.method = parser.isSet(method) ? parser.value(method).toLatin1()
                                             : QByteArray(discovery ? "GET" : "POST");
    const QByteArray normalized = normalizeMethod(probe.cors.method);
    const bool hasBody = normalized != "GET" && normalized != "HEAD";
    QStringList names = parser.isSet(requestHeaders)
        ? parser.value(requestHeaders).split(u',', Qt::SkipEmptyParts)
        : (hasBody ? QStringList {u"accept"_s, u"authorization"_s, u"content-type"_s}
                   : QStringList {u"accept"_s, u"authorization"_s});
    for (const QString &name : names) {
        const QByteArray lower = name.trimmed().toLatin1().toLower();
        probe.cors.headers.append(
            HeaderLine {lower, headerValue(lower, url.toString(QUrl::FullyEncoded), normalized)});
    }
    if (hasBody) {
        probe.body = "{}";
        if (parser.isSet(body)) {
            QFile file(parser.value(body));
            if (!file.open(QIODevice::ReadOnly))
                return usageError(args, u"cannot read "_s + parser.value(body));
            probe.body = file.read(8 * 1024 * 1024);
        }
    }
    probe.options.mode = parser.isSet(strict) ? CorsMode::Strict : CorsMode::Browser;
    probe.totalTimeoutMs = timeoutMs;
    probe.connectTimeoutMs = std::min(timeoutMs, 5000);

    Transport transport;
    CorsProbe runner(&transport);
    const CorsProbeResult result = runner.runAndWait(probe);
    const CorsEvaluation &e = result.evaluation;
    const bool networkFailure = e.stage == CorsStage::Network && !result.connected;
    const int code = networkFailure      ? hb::cli::ExitConnect
        : e.verdict == CorsVerdict::Fail ? hb::cli::ExitCheckFailed
                                         : hb::cli::ExitOk;

    if (parser.isSet(json)) {
        QJsonObject object = corsToJson(e);
        QJsonArray exchanges;
        for (const auto &exchange : result.exchanges)
            exchanges.append(exchangeToJson(exchange));
        const Exchange *pre = result.firstOfKind(u"preflight"_s);
        const Exchange *actual = result.firstOfKind(u"probe"_s);
        object.insert(u"url"_s, url.toString());
        object.insert(u"origin"_s, probe.cors.origin);
        object.insert(u"method"_s, QString::fromLatin1(normalized));
        object.insert(u"preflight"_s, pre ? QJsonValue(exchangeToJson(*pre)) : QJsonValue());
        object.insert(u"actual"_s, actual ? QJsonValue(exchangeToJson(*actual)) : QJsonValue());
        object.insert(u"exchanges"_s, exchanges);
        object.insert(u"ok"_s, code == hb::cli::ExitOk);
        if (code != hb::cli::ExitOk)
            object.insert(u"error"_s, e.chromiumMessage);
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return code;
    }
    out << "CORS " << toString(e.verdict).toUpper() << " for " << normalized << ' '
        << url.toString() << " from " << probe.cors.origin << '\n';
    if (e.verdict == CorsVerdict::Fail) {
        out << "Stage:    " << toString(e.stage) << '\n';
        out << "Chromium: " << e.chromiumMessage << '\n';
        out << "Firefox:  " << e.firefoxCode << " - " << e.firefoxMessage << '\n';
        out << "Fix:      " << e.hint << '\n';
    }
    for (const auto &w : e.warnings)
        out << "Warning (" << w.id << "): " << w.message << "\n  Fix: " << w.hint << '\n';
    if (!e.preflightRequired && e.crossOrigin)
        out << "No preflight needed (simple request).\n";
    for (const auto &exchange : result.exchanges)
        printExchange(out, exchange);
    return code;
}

static const hb::cli::CommandRegistration reg {
    {"cors",
     "browser-exact CORS check: preflight + actual request, Chromium/Firefox verdict and fix",
     &runCors}};
