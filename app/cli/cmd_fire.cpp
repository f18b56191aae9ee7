// hookbench-cli fire: play the EHR for one hook call. Discovers the service, then runs the same
// invocation the desktop app runs (session::HookInvoker: context, prefetch against the FHIR
// server, the service's access token, the signed client JWT, the call as the Sandbox would make
// it with CORS emulation, validation) and shows which FHIR reads the service made back into the
// embedded server.
#include "command.h"

#include "core/json.h"
#include "fhir/fhirstore.h"
#include "fhiroptions.h"
#include "net/har.h"
#include "security/faultverdict.h"
#include "session/workbench.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;
using namespace hb::net;

namespace {

std::optional<QJsonObject> readJsonFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return std::nullopt;
    }
    const hb::core::JsonParseResult parsed = hb::core::parseJsonObject(file.read(9 * 1024 * 1024));
    if (!parsed.ok()) {
        *error = u"%1: %2"_s.arg(path, parsed.error);
        return std::nullopt;
    }
    return parsed.object;
}

QString firstId(const hb::fhir::FhirStore &store, const QString &type)
{
    const QList<QJsonObject> all = store.all(type);
    return all.isEmpty() ? QString() : all.constFirst().value(u"id"_s).toString();
}

// One line per prefetch key for the report: what was planned, run and sent.
QJsonArray prefetchReport(const QList<hb::session::PrefetchReport> &reports)
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

QJsonObject cardSummary(const hb::core::Card &card)
{
    return {{u"uuid"_s, card.uuid},
            {u"summary"_s, card.summary},
            {u"indicator"_s, card.indicator},
            {u"source"_s, card.source.label},
            {u"suggestions"_s, card.suggestions.size()},
            {u"links"_s, card.links.size()}};
}

} // namespace

static int runFire(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Fires one hook at one CDS service as the EHR: discovery, context, prefetch (run against "
        u"the FHIR "
        u"server with a mock access token), a signed client JWT, the call with the Sandbox's CORS "
        u"behaviour, "
        u"validation of the answer, and the audit of the service's FHIR reads.\n"
        u"Exit 0 ok, 1 a check failed (service error, validation errors, CORS failure), 2 usage, 3 "
        u"could "
        u"not connect."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption discovery(
        u"discovery"_s, u"Discovery URL (or base URL; 'embedded' = demo services)."_s, u"URL"_s);
    const QCommandLineOption service(u"service"_s, u"Service id."_s, u"ID"_s);
    const QCommandLineOption hook(u"hook"_s, u"Hook (default: the service's)."_s, u"H"_s);
    const QCommandLineOption patient(
        u"patient"_s, u"Patient id (default: the first embedded patient)."_s, u"ID"_s);
    const QCommandLineOption user(u"user"_s, u"User reference, e.g. Practitioner/123."_s, u"REF"_s);
    const QCommandLineOption encounter(u"encounter"_s, u"Encounter id."_s, u"ID"_s);
    const QCommandLineOption fhir(u"fhir"_s, u"embedded (default), a FHIR base URL, or none."_s,
                                  u"SRC"_s, u"embedded"_s);
    const QCommandLineOption prefetch(u"prefetch"_s, u"all (default), none, or KEY,KEY."_s, u"P"_s,
                                      u"all"_s);
    const QCommandLineOption accessToken(u"access-token"_s, u"mock (default), none or expired."_s,
                                         u"T"_s, u"mock"_s);
    const QCommandLineOption jwtFault(u"jwt-fault"_s, u"Send a deliberately wrong client JWT."_s,
                                      u"NAME"_s);
    const QCommandLineOption contextFile(u"context-file"_s,
                                         u"JSON object merged into the context."_s, u"F"_s);
    const QCommandLineOption draftOrders(u"draft-orders"_s, u"FHIR Bundle of draft orders."_s,
                                         u"F"_s);
    const QCommandLineOption origin(u"origin"_s,
                                    u"Page origin for CORS emulation ('none' = off)."_s,
                                    u"ORIGIN"_s, u"https://sandbox.cds-hooks.org"_s);
    const QCommandLineOption har(u"har"_s, u"Write every exchange as HAR 1.2 (tokens redacted)."_s,
                                 u"FILE"_s);
    const QCommandLineOption timeout(u"timeout"_s, u"Total timeout per request in ms (30000)."_s,
                                     u"MS"_s, u"30000"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as JSON."_s);
    parser.addOptions({help, discovery, service, hook, patient, user, encounter, fhir, prefetch,
                       accessToken, jwtFault, contextFile, draftOrders, origin, har, timeout,
                       json});
    const hb::cli::FhirSourceOptions fhirOptions;
    parser.addOptions(fhirOptions.all());
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (!parser.isSet(discovery) || !parser.isSet(service))
        return usageError(args, u"--discovery and --service are required"_s, parser);
    bool timeoutOk = false;
    const int timeoutMs = parser.value(timeout).toInt(&timeoutOk);
    if (!timeoutOk || timeoutMs <= 0)
        return usageError(args, u"--timeout must be a positive number of milliseconds"_s, parser);
    const QString fhirSource = parser.value(fhir);
    QString fhirError;
    const auto remoteSource = fhirOptions.sourceFor(parser, fhirSource, &fhirError);
    if (!remoteSource)
        return usageError(args, fhirError, parser);
    const QString tokenMode = parser.value(accessToken);
    if (!QStringList {u"mock"_s, u"none"_s, u"expired"_s}.contains(tokenMode))
        return usageError(args, u"--access-token must be mock, none or expired"_s, parser);
    hb::security::JwtFault fault = hb::security::JwtFault::None;
    if (parser.isSet(jwtFault)) {
        const auto parsed = hb::security::faultFromName(parser.value(jwtFault));
        if (!parsed)
            return usageError(args, u"unknown --jwt-fault: "_s + parser.value(jwtFault), parser);
        fault = *parsed;
    }
    hb::core::PrefetchOptions prefetchOptions;
    if (parser.value(prefetch) == u"none")
        prefetchOptions.mode = hb::core::PrefetchMode::None;
    else if (parser.value(prefetch) != u"all") {
        prefetchOptions.mode = hb::core::PrefetchMode::Chosen;
        prefetchOptions.chosenKeys = parser.value(prefetch).split(u',', Qt::SkipEmptyParts);
    }
    hb::session::EhrState state;
    QString fileError;
    if (parser.isSet(contextFile)) {
        const auto object = readJsonFile(parser.value(contextFile), &fileError);
        if (!object) {
            err << fileError << '\n';
            return hb::cli::ExitUsage;
        }
        state.customContext
            = object->contains(u"context"_s) ? object->value(u"context"_s).toObject() : *object;
    }
    if (parser.isSet(draftOrders)) {
        const auto bundle = readJsonFile(parser.value(draftOrders), &fileError);
        if (!bundle || bundle->value(u"resourceType"_s).toString() != u"Bundle") {
            err << (bundle ? parser.value(draftOrders) + u" is not a FHIR Bundle"_s : fileError)
                << '\n';
            return hb::cli::ExitUsage;
        }
        QStringList problems;
        state.orders = hb::ehr::DraftOrders::fromBundle(*bundle, &problems);
        for (const auto &problem : problems)
            err << parser.value(draftOrders) << ": " << problem << '\n';
    }

    // The same composition the desktop app drives; embedded servers only when asked for.
    // A proxied remote FHIR source needs the embedded authorization server for its mock tokens.
    const bool embedded = fhirSource == u"embedded" || parser.value(discovery) == u"embedded"
        || (!remoteSource->isEmbedded() && !remoteSource->passRealToken);
    hb::session::WorkbenchOptions benchOptions;
    benchOptions.embeddedServers = embedded;
    benchOptions.client.corsEmulation = parser.value(origin) != u"none";
    benchOptions.client.origin = parser.value(origin);
    benchOptions.client.totalTimeoutMs = timeoutMs;
    benchOptions.client.connectTimeoutMs = std::min(timeoutMs, 5000);
    hb::session::Workbench bench(benchOptions);
    QString startError;
    if (!bench.start(&startError)) {
        err << "cannot start: " << startError << '\n';
        return hb::cli::ExitConnect;
    }
    if (!remoteSource->isEmbedded() && !bench.setFhirSource(*remoteSource, &startError)) {
        err << "FHIR source: " << startError << '\n';
        return hb::cli::ExitUsage;
    }
    const QUrl discoveryUrl = parser.value(discovery) == u"embedded"
        ? bench.embeddedDiscovery()
        : hb::net::discoveryUrl(QUrl::fromUserInput(parser.value(discovery)));
    const QUrl fhirBase = fhirSource == u"embedded" ? bench.embeddedFhir()
        : fhirSource == u"none"                     ? QUrl()
                                                    : remoteSource->base;
    auto finishHar = [&] {
        QString error;
        if (parser.isSet(har) && !writeHar(parser.value(har), bench.log()->exchanges(), {}, &error))
            err << error << '\n';
    };

    const DiscoveryResult found = bench.client()->discoverAndWait(discoveryUrl);
    if (!found.document) {
        err << "discovery at " << discoveryUrl.toString() << " failed: "
            << (found.error.isEmpty() ? u"HTTP %1"_s.arg(found.status()) : found.error) << '\n';
        finishHar();
        return found.couldNotConnect() ? hb::cli::ExitConnect : hb::cli::ExitCheckFailed;
    }
    hb::core::ServiceRegistry registry;
    registry.addAll(*found.document);
    const QList<hb::core::ServiceDefinition> candidates = registry.withId(parser.value(service));
    std::optional<hb::core::ServiceDefinition> definition;
    for (const auto &candidate : candidates) {
        if (!parser.isSet(hook) || candidate.hook == parser.value(hook))
            definition = candidate;
    }
    if (!definition || (!parser.isSet(hook) && candidates.size() > 1)) {
        QStringList known;
        for (const auto &s : found.document->services)
            known.append(s.id + u" ["_s + s.hook + u']');
        err << "service '" << parser.value(service) << "' "
            << (candidates.size() > 1 ? "has several hooks: pass --hook"
                                      : "is not in the discovery document")
            << ". Services: " << known.join(u", ") << '\n';
        return hb::cli::ExitUsage;
    }
    const QString hookName = definition->hook;

    const hb::fhir::FhirStore *store
        = embedded && remoteSource->isEmbedded() ? &bench.servers()->store() : nullptr;
    state.patientId = parser.isSet(patient) ? parser.value(patient)
        : store                             ? firstId(*store, u"Patient"_s)
                                            : QString();
    state.userId = parser.isSet(user) ? parser.value(user)
        : store                       ? u"Practitioner/"_s + firstId(*store, u"Practitioner"_s)
                                      : u"Practitioner/example"_s;
    state.encounterId = parser.value(encounter);

    hb::session::InvocationOptions invocation;
    invocation.prefetch = prefetchOptions;
    invocation.fhirServer = fhirBase;
    invocation.prefetchTimeoutMs = timeoutMs;
    invocation.accessToken = tokenMode == u"none" ? hb::session::AccessTokenMode::None
        : tokenMode == u"expired"                 ? hb::session::AccessTokenMode::Expired
                                                  : hb::session::AccessTokenMode::Mock;
    auto clientOptions = bench.client()->options();
    clientOptions.jwtFault = fault; // discovery above went out with a valid token
    bench.client()->setOptions(clientOptions);
    const auto result
        = bench.invoker()->invokeAndWait(discoveryUrl, *definition, state, invocation);
    const HookCallResult &call = result.call;
    const QList<hb::core::Finding> &requestFindings = result.requestFindings;
    const QJsonArray prefetched = prefetchReport(result.prefetch);
    QJsonArray audit;
    for (const auto &entry : result.serviceReads)
        audit.append(entry.toJson());
    finishHar();

    // With a deliberate JWT fault the check is whether the service refused it (401 expected).
    const hb::security::FaultVerdict jwtVerdict
        = hb::security::judgeFaultResponse(fault, call.status());
    int code = hb::cli::ExitOk;
    if (call.couldNotConnect())
        code = hb::cli::ExitConnect;
    else if (fault != hb::security::JwtFault::None)
        code = jwtVerdict.severity == hb::security::FaultVerdict::Failure ? hb::cli::ExitCheckFailed
                                                                          : hb::cli::ExitOk;
    else if (call.blocked() || !call.response || !call.response->ok() || call.status() != 200
             || hb::core::hasErrors(call.findings))
        code = hb::cli::ExitCheckFailed;

    QJsonArray cards;
    if (call.cdsResponse) {
        for (const auto &card : call.cdsResponse->cards)
            cards.append(cardSummary(card));
    }
    const Exchange *sent = call.exchanges.isEmpty() ? nullptr : &call.exchanges.constLast();
    if (parser.isSet(json)) {
        const QJsonDocument sentBody
            = QJsonDocument::fromJson(redactBody(QJsonDocument(call.requestBody).toJson()));
        QJsonObject object {
            {u"url"_s, call.url.toString()},
            {u"service"_s, definition->id},
            {u"hook"_s, hookName},
            {u"request"_s, sentBody.object()},
            {u"requestFindings"_s, hb::core::findingsToJson(requestFindings)},
            {u"prefetch"_s, prefetched},
            {u"status"_s, call.status()},
            {u"response"_s, call.cdsResponse ? QJsonValue(call.cdsResponse->raw) : QJsonValue()},
            {u"cards"_s, cards},
            {u"findings"_s, hb::core::findingsToJson(call.findings)},
            {u"cors"_s, call.cors ? QJsonValue(corsToJson(*call.cors)) : QJsonValue()},
            {u"jwt"_s,
             call.jwt ? QJsonValue(QJsonObject {{u"header"_s, call.jwt->header},
                                                {u"claims"_s, call.jwt->claims},
                                                {u"fault"_s, call.jwt->faultLabel},
                                                {u"verdict"_s, jwtVerdict.summary}})
                      : QJsonValue()},
            {u"timings"_s, sent ? exchangeToJson(*sent).value(u"timings"_s) : QJsonValue()},
            {u"audit"_s, audit}};
        if (!call.error.isEmpty())
            object.insert(u"error"_s, call.error);
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return code;
    }
    out << "POST " << call.url.toString() << " -> "
        << (call.response && call.response->ok()
                ? u"HTTP %1 in %2 ms"_s.arg(call.status()).arg(call.response->timings.totalMs)
                : u"no response"_s)
        << '\n';
    if (!call.error.isEmpty())
        out << "  " << call.error << '\n';
    for (const auto &line : prefetched) {
        const QJsonObject o = line.toObject();
        out << "prefetch " << o.value(u"key"_s).toString() << ": "
            << o.value(u"outcome"_s).toString() << ' ' << o.value(u"query"_s).toString() << ' '
            << o.value(u"reason"_s).toString() << '\n';
    }
    for (const auto &card : cards) {
        const QJsonObject c = card.toObject();
        out << "card [" << c.value(u"indicator"_s).toString() << "] "
            << c.value(u"summary"_s).toString() << " (" << c.value(u"source"_s).toString() << ")\n";
    }
    for (const auto &finding : requestFindings)
        out << "request: " << hb::core::formatFinding(finding) << '\n';
    for (const auto &finding : call.findings)
        out << hb::core::formatFinding(finding) << '\n';
    if (call.cors) {
        out << "CORS (" << clientOptions.origin << "): " << toString(call.cors->verdict) << '\n';
        if (call.cors->verdict == CorsVerdict::Fail)
            out << "  " << call.cors->chromiumMessage << "\n  Fix: " << call.cors->hint << '\n';
    }
    if (call.jwt)
        out << "JWT: " << call.jwt->header.value(u"alg"_s).toString() << " kid "
            << call.jwt->header.value(u"kid"_s).toString() << ", fault " << call.jwt->faultLabel
            << '\n';
    if (fault != hb::security::JwtFault::None)
        out << "JWT check: " << jwtVerdict.summary << '\n';
    for (const auto &entry : audit) {
        const QJsonObject a = entry.toObject();
        out << "audit: " << a.value(u"subject"_s).toString() << ' '
            << a.value(u"method"_s).toString() << ' ' << a.value(u"url"_s).toString() << " -> "
            << a.value(u"status"_s).toInt() << ' ' << a.value(u"outcome"_s).toString() << '\n';
    }
    return code;
}

static const hb::cli::CommandRegistration reg {
    {"fire",
     "fire one hook at one CDS service as the EHR (context, prefetch, JWT, CORS, validation)",
     &runFire}};
