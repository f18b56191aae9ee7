// hookbench-cli fire: play the EHR for one hook call. Discovers the service, then runs the same
// invocation the desktop app runs (session::HookInvoker: context, prefetch against the FHIR
// server, the service's access token, the signed client JWT, the call as the Sandbox would make
// it with CORS emulation, validation) and shows which FHIR reads the service made back into the
// embedded server. A request Hookbench's own validator rejects is not sent (exit 1) unless
// --allow-invalid-request.
#include "calloptions.h"
#include "command.h"
#include "fhiroptions.h"

#include "core/json.h"
#include "ehr/actionapplier.h"
#include "net/har.h"
#include "scenario/feedbackchoice.h"
#include "scenario/scenario.h"
#include "scenario/workspacecall.h"
#include "security/faultverdict.h"
#include "session/invocationtrace.h"
#include "session/workbench.h"
#include "session/workspaceoptions.h"
#include "storage/workspacefile.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;
using namespace hb::net;

namespace {

QJsonObject cardSummary(const hb::core::Card &card)
{
    QJsonArray suggestions;
    for (const auto &s : card.suggestions)
        suggestions.append(QJsonObject {{u"uuid"_s, s.uuid}, {u"label"_s, s.label}});
    return {{u"uuid"_s, card.uuid},           {u"summary"_s, card.summary},
            {u"indicator"_s, card.indicator}, {u"source"_s, card.source.label},
            {u"suggestions"_s, suggestions},  {u"links"_s, card.links.size()}};
}

QString jsonText(const QJsonValue &value)
{
    if (value.isString())
        return u"\"%1\""_s.arg(value.toString());
    QJsonArray wrapper {value};
    const QByteArray bytes = QJsonDocument(wrapper).toJson(QJsonDocument::Compact);
    return QString::fromUtf8(bytes.mid(1, bytes.size() - 2));
}

// "create MedicationRequest/x; delete MedicationRequest/y" for systemActions (C19).
QString actionsSummary(const QList<hb::core::Action> &actions)
{
    QStringList parts;
    for (const auto &action : actions) {
        const QString target = action.type == u"delete"
            ? action.resourceId
            : hb::ehr::DraftOrders::referenceOf(action.resource);
        parts.append(action.type + u' ' + (target.isEmpty() ? u"(no target)"_s : target));
    }
    return parts.join(u"; "_s);
}

} // namespace

static int runFire(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Fires one hook at one CDS service as the EHR: discovery, context, prefetch (run against "
        u"the FHIR server with a mock access token), a signed client JWT, the call with the "
        u"Sandbox's CORS behaviour, validation of the answer, and the audit of the service's FHIR "
        u"reads. A request Hookbench's own validator finds an error in is not sent (exit 1) "
        u"unless --allow-invalid-request.\n"
        u"Exit 0 ok, 1 a check failed (request not sent, service error, validation errors, CORS "
        u"failure, feedback refused), 2 usage, 3 could not connect."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const hb::cli::HookCallOptions target;
    const QCommandLineOption &discovery = target.discovery;
    const QCommandLineOption &service = target.service;
    const QCommandLineOption &prefetch = target.prefetch;
    const QCommandLineOption user(
        u"user"_s,
        u"User reference, e.g. Practitioner/123 (default: Practitioner/pr-olivia-chen; on a remote "
        u"--fhir source that lacks them, its first Practitioner, with a notice)."_s,
        u"REF"_s);
    const QCommandLineOption encounter(u"encounter"_s, u"Encounter id."_s, u"ID"_s);
    const QCommandLineOption accessToken(u"access-token"_s, u"mock (default), none or expired."_s,
                                         u"T"_s, u"mock"_s);
    const QCommandLineOption jwtFault(u"jwt-fault"_s, u"Send a deliberately wrong client JWT."_s,
                                      u"NAME"_s);
    const QCommandLineOption contextFile(
        u"context-file"_s,
        u"JSON object merged into the context; its members replace built-in fields."_s, u"F"_s);
    const QCommandLineOption draftOrders(u"draft-orders"_s, u"FHIR Bundle of draft orders."_s,
                                         u"F"_s);
    const QCommandLineOption order(
        u"order"_s, u"Add a draft order for a formulary or imaging code (repeatable)."_s,
        u"CODE"_s);
    const QCommandLineOption selections(
        u"selections"_s, u"order-select: the draft orders selected (default: all)."_s,
        u"REF,..."_s);
    const QCommandLineOption accept(
        u"accept"_s,
        u"Accept this suggestion of the answer (uuid, label or number): apply it and send "
        u"feedback."_s,
        u"SUGGESTION_ID"_s);
    const QCommandLineOption override_(u"override"_s,
                                       u"Override this card (uuid) of the answer: send feedback."_s,
                                       u"CARD_UUID"_s);
    const QCommandLineOption reason(u"reason"_s, u"Override reason code (with --override)."_s,
                                    u"CODE"_s);
    const QCommandLineOption comment(u"comment"_s, u"User comment (with --override)."_s, u"TEXT"_s);
    const QCommandLineOption har(u"har"_s, u"Write every exchange as HAR 1.2 (tokens redacted)."_s,
                                 u"FILE"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as one JSON object."_s);
    const QCommandLineOption workspace(
        u"workspace"_s,
        u"Workspace file (docs/workspace.md): the service's prefetch, token and JWT-fault "
        u"settings, CORS, timeouts, client identity and ports; options given here win. With it "
        u"--discovery may be left out."_s,
        u"FILE"_s);
    const hb::cli::CallOptions call;
    parser.addOption(help);
    target.addTo(parser);
    parser.addOptions({user, encounter, accessToken, jwtFault, contextFile, draftOrders, order,
                       selections, accept, override_, reason, comment, har, json, workspace});
    call.addTo(parser);
    const hb::cli::FhirSourceOptions fhirOptions;
    parser.addOptions(fhirOptions.all());
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if ((!parser.isSet(discovery) && !parser.isSet(workspace)) || !parser.isSet(service))
        return usageError(args, u"--discovery (or --workspace) and --service are required"_s);
    std::optional<hb::storage::Workspace> ws;
    if (parser.isSet(workspace)) {
        const hb::storage::WorkspaceLoad loaded
            = hb::storage::loadWorkspace(parser.value(workspace));
        if (!loaded.workspace || !loaded.error.isEmpty())
            return usageError(args, loaded.error);
        ws = loaded.workspace;
    }
    if (parser.isSet(accept) && parser.isSet(override_))
        return usageError(args, u"--accept and --override exclude each other"_s);
    if ((parser.isSet(reason) || parser.isSet(comment)) && !parser.isSet(override_))
        return usageError(args, u"--reason and --comment go with --override"_s);

    hb::scenario::CallSpec spec;
    if (const QString problem = call.read(parser, &spec); !problem.isEmpty())
        return usageError(args, problem);
    target.read(parser, &spec);
    spec.user = parser.value(user);
    spec.encounter = parser.value(encounter);
    spec.accessToken = parser.value(accessToken);
    spec.jwtFault = parser.value(jwtFault);
    spec.orderCodes = parser.values(order);
    if (parser.isSet(selections))
        spec.selections = parser.value(selections).split(u',', Qt::SkipEmptyParts);
    QString fileError;
    if (parser.isSet(contextFile)) {
        const auto object = hb::scenario::readJsonObjectFile(parser.value(contextFile), &fileError);
        if (!object)
            return usageError(args, fileError);
        spec.context
            = object->contains(u"context"_s) ? object->value(u"context"_s).toObject() : *object;
    }
    if (parser.isSet(draftOrders)) {
        const auto bundle = hb::scenario::readJsonObjectFile(parser.value(draftOrders), &fileError);
        if (!bundle)
            return usageError(args, fileError);
        if (bundle->value(u"resourceType"_s).toString() != u"Bundle")
            return usageError(args, parser.value(draftOrders) + u" is not a FHIR Bundle"_s);
        spec.draftOrders = *bundle;
    }
    if (ws) {
        // The workspace fills what the options leave out.
        const QJsonObject given
            = hb::scenario::workspaceFields(*ws, parser.value(discovery), spec.service, spec.hook);
        if (!parser.isSet(discovery))
            spec.discovery = given.value(u"discovery"_s).toString();
        if (spec.discovery.isEmpty())
            return usageError(
                args,
                u"the workspace lists no service '%1'%2: pass --discovery"_s.arg(
                    spec.service, spec.hook.isEmpty() ? QString() : u" for "_s + spec.hook));
        if (!parser.isSet(prefetch) && given.contains(u"prefetch"_s))
            spec.prefetch = given.value(u"prefetch"_s).toString();
        if (!parser.isSet(accessToken) && given.contains(u"accessToken"_s))
            spec.accessToken = given.value(u"accessToken"_s).toString();
        if (!parser.isSet(jwtFault))
            spec.jwtFault = given.value(u"jwtFault"_s).toString();
        if (!parser.isSet(call.origin) && !parser.isSet(call.noCors)) {
            spec.cors = given.value(u"cors"_s).toBool(true);
            spec.origin = given.value(u"origin"_s).toString(spec.origin);
        }
        if (!parser.isSet(call.timeout))
            spec.timeoutMs = given.value(u"timeoutMs"_s).toInt(spec.timeoutMs);
    }
    if (const QString problem = hb::scenario::checkSpec(spec); !problem.isEmpty())
        return usageError(args, problem);
    QString fhirError;
    const auto fhirSource = fhirOptions.sourceFor(parser, spec.fhir, &fhirError);
    if (!fhirSource)
        return usageError(args, fhirError);

    // The same composition the desktop app drives; embedded servers only when asked for.
    hb::session::WorkbenchOptions benchOptions;
    if (ws) {
        QString problem;
        const auto fromWorkspace = hb::session::workbenchOptionsFrom(*ws, &problem);
        if (!fromWorkspace)
            return usageError(args, parser.value(workspace) + u": "_s + problem);
        benchOptions = *fromWorkspace;
    }
    // A proxied remote FHIR source needs the embedded authorization server for its mock tokens.
    hb::session::Workbench bench(hb::scenario::workbenchOptionsFor(
        spec, benchOptions, !fhirSource->isEmbedded() && !fhirSource->passRealToken));
    const bool asJson = parser.isSet(json);
    auto fail = [&](const QString &message, int code, const QJsonObject &extra = {}) {
        return hb::cli::fail(asJson, message, code, extra);
    };
    QString startError;
    if (const auto failure = hb::scenario::startForCall(bench, &startError);
        failure != hb::scenario::SetupFailure::None)
        return fail(startError, hb::cli::exitCodeFor(failure));
    // The remote source's credentials and audit proxy; the invocation's fhirServer (its URL)
    // then goes through them.
    if (!fhirSource->isEmbedded() && !bench.setFhirSource(*fhirSource, &startError))
        return fail(u"FHIR source: "_s + startError, hb::cli::ExitUsage);
    // context.userId names a user the remote source has, as in the GUI; --user still wins.
    QString userNotice;
    hb::scenario::takeSourceUser(bench, &spec, &userNotice);
    if (!userNotice.isEmpty())
        err << "FHIR source: " << userNotice << '\n';
    bool harFailed = false; // an unwritable --har file fails the command (exit 2)
    auto finishHar = [&] {
        QString error;
        if (parser.isSet(har)
            && !writeHar(parser.value(har), bench.log()->exchanges(), {}, &error)) {
            err << error << '\n';
            harFailed = true;
        }
    };

    const hb::scenario::PreparedCall prepared = hb::scenario::prepareCall(bench, spec, {});
    if (prepared.failure != hb::scenario::SetupFailure::None) {
        finishHar();
        QString message = prepared.error;
        if (prepared.discovery && hb::cli::browserRefused(*prepared.discovery))
            message += u" "_s + hb::cli::noCorsHint();
        QJsonObject extra;
        if (prepared.discovery)
            extra.insert(u"discovery"_s,
                         QJsonObject {{u"url"_s, prepared.discoveryUrl.toString()},
                                      {u"status"_s, prepared.discovery->status()},
                                      {u"cors"_s,
                                       prepared.discovery->cors
                                           ? QJsonValue(corsToJson(*prepared.discovery->cors))
                                           : QJsonValue()}});
        return fail(message, hb::cli::exitCodeFor(prepared.failure), extra);
    }
    for (const auto &note : prepared.notes)
        err << parser.value(draftOrders) << ": " << note << '\n';
    const hb::core::ServiceDefinition &definition = *prepared.service;
    bench.client()->setOptions(prepared.client);
    const auto result = bench.invoker()->invokeAndWait(prepared.discoveryUrl, definition,
                                                       prepared.state, prepared.invocation);
    const HookCallResult &callResult = result.call;
    const QList<hb::core::Finding> &requestFindings = result.requestFindings;
    const QJsonArray prefetched = hb::session::prefetchTraceJson(result.prefetch);
    QJsonArray audit;
    for (const auto &entry : result.serviceReads)
        audit.append(entry.toJson());

    // Feedback on the answer (--accept / --override), as the EHR sends it when the user acts.
    QJsonObject feedbackReport;
    bool feedbackFailed = false;
    if ((parser.isSet(accept) || parser.isSet(override_)) && !result.notSent) {
        hb::scenario::FeedbackChoice choice;
        choice.accept = parser.isSet(accept);
        choice.suggestion = parser.value(accept);
        choice.card = parser.value(override_);
        choice.reasonCode = parser.value(reason);
        choice.comment = parser.value(comment);
        const QList<hb::core::Card> cards
            = callResult.cdsResponse ? callResult.cdsResponse->cards : QList<hb::core::Card>();
        QString problem;
        QJsonArray actions;
        const auto feedback = hb::scenario::feedbackFromCards(cards, choice, &problem, &actions);
        if (feedback && choice.accept) {
            // What accepting does to the draft orders (transaction semantics, C14).
            hb::ehr::DraftOrders orders = prepared.state.orders;
            const auto applied = hb::ehr::applyActions(orders, actions);
            feedbackReport.insert(
                u"applied"_s,
                QJsonArray::fromStringList(applied.ok ? applied.applied : applied.problems));
            feedbackReport.insert(u"appliedOk"_s, applied.ok);
        }
        if (!feedback) {
            feedbackFailed = true;
            feedbackReport.insert(u"error"_s, problem);
        } else {
            auto options = bench.client()->options();
            options.jwtFault = hb::security::JwtFault::None;
            bench.client()->setOptions(options);
            const auto answer = bench.client()->sendFeedbackAndWait(prepared.discoveryUrl,
                                                                    definition.id, {*feedback});
            feedbackFailed = answer.status() < 200 || answer.status() >= 300;
            feedbackReport.insert(u"url"_s, answer.url.toString());
            feedbackReport.insert(u"sent"_s, hb::core::feedbackBody({*feedback}));
            feedbackReport.insert(u"status"_s, answer.status());
            if (feedbackFailed)
                feedbackReport.insert(
                    u"error"_s,
                    answer.error.isEmpty()
                        ? u"the feedback endpoint answered HTTP %1, not 2xx"_s.arg(answer.status())
                        : answer.error);
        }
    }
    finishHar();

    // With a deliberate JWT fault the check is whether the service refused it (401 expected).
    const hb::security::JwtFault fault = prepared.client.jwtFault;
    const hb::security::FaultVerdict jwtVerdict
        = hb::security::judgeFaultResponse(fault, callResult.status());
    int code = hb::cli::ExitOk;
    if (result.notSent)
        code = hb::cli::ExitCheckFailed;
    else if (callResult.couldNotConnect())
        code = hb::cli::ExitConnect;
    else if (fault != hb::security::JwtFault::None)
        code = jwtVerdict.severity == hb::security::FaultVerdict::Failure ? hb::cli::ExitCheckFailed
                                                                          : hb::cli::ExitOk;
    else if (callResult.blocked() || !callResult.response || !callResult.response->ok()
             || callResult.status() != 200 || hb::core::hasErrors(callResult.findings))
        code = hb::cli::ExitCheckFailed;
    if (feedbackFailed && code == hb::cli::ExitOk)
        code = hb::cli::ExitCheckFailed;
    if (harFailed && code == hb::cli::ExitOk)
        code = hb::cli::ExitUsage;

    QString failure = callResult.error;
    if (hb::cli::browserRefused(callResult))
        failure = u"CORS: %1 %2"_s.arg(callResult.cors->chromiumMessage, hb::cli::noCorsHint());
    else if (failure.isEmpty() && code == hb::cli::ExitCheckFailed)
        failure = feedbackFailed ? feedbackReport.value(u"error"_s).toString()
            : callResult.status() != 200 && fault == hb::security::JwtFault::None
            ? u"the service answered HTTP %1"_s.arg(callResult.status())
            : fault != hb::security::JwtFault::None ? jwtVerdict.summary
                                                    : u"the answer has validation errors"_s;

    QJsonArray cards;
    if (callResult.cdsResponse) {
        for (const auto &card : callResult.cdsResponse->cards)
            cards.append(cardSummary(card));
    }
    QJsonArray overrides;
    for (const auto &o : result.contextOverrides)
        overrides.append(QJsonObject {
            {u"field"_s, o.field}, {u"builtIn"_s, o.builtIn}, {u"replacement"_s, o.replacement}});
    const Exchange *sent
        = callResult.exchanges.isEmpty() ? nullptr : &callResult.exchanges.constLast();
    if (asJson) {
        const QJsonDocument sentBody
            = QJsonDocument::fromJson(redactBody(QJsonDocument(callResult.requestBody).toJson()));
        QJsonObject object {
            {u"ok"_s, code == hb::cli::ExitOk},
            {u"sent"_s, !result.notSent},
            {u"url"_s, callResult.url.toString()},
            {u"service"_s, definition.id},
            {u"hook"_s, definition.hook},
            {u"request"_s, sentBody.object()},
            {u"requestFindings"_s, hb::core::findingsToJson(requestFindings)},
            {u"contextOverrides"_s, overrides},
            {u"prefetch"_s, prefetched},
            {u"status"_s, callResult.status()},
            {u"response"_s,
             callResult.cdsResponse ? QJsonValue(callResult.cdsResponse->raw) : QJsonValue()},
            {u"cards"_s, cards},
            {u"findings"_s, hb::core::findingsToJson(callResult.findings)},
            {u"cors"_s, callResult.cors ? QJsonValue(corsToJson(*callResult.cors)) : QJsonValue()},
            {u"jwt"_s,
             callResult.jwt ? QJsonValue(QJsonObject {{u"header"_s, callResult.jwt->header},
                                                      {u"claims"_s, callResult.jwt->claims},
                                                      {u"fault"_s, callResult.jwt->faultLabel},
                                                      {u"verdict"_s, jwtVerdict.summary}})
                            : QJsonValue()},
            {u"timings"_s, sent ? exchangeToJson(*sent).value(u"timings"_s) : QJsonValue()},
            {u"audit"_s, audit}};
        if (callResult.cdsResponse && !callResult.cdsResponse->systemActions.isEmpty())
            object.insert(u"systemActions"_s,
                          actionsSummary(callResult.cdsResponse->systemActions));
        if (!feedbackReport.isEmpty())
            object.insert(u"feedback"_s, feedbackReport);
        if (!failure.isEmpty() && code != hb::cli::ExitOk)
            object.insert(u"error"_s, failure);
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return code;
    }
    for (const auto &o : result.contextOverrides)
        err << "context-file: replaced built-in " << o.field << ' ' << jsonText(o.builtIn)
            << " with " << jsonText(o.replacement) << '\n';
    if (result.notSent) {
        // The refusal names every error once; the rest of the findings follow.
        err << "POST " << callResult.url.toString() << " " << callResult.error << '\n';
        for (const auto &finding : requestFindings) {
            if (finding.severity != hb::core::Severity::Error)
                err << "request: " << hb::core::formatFinding(finding) << '\n';
        }
        return code;
    }
    out << "POST " << callResult.url.toString() << " -> "
        << (callResult.response && callResult.response->ok()
                ? u"HTTP %1 in %2 ms"_s.arg(callResult.status())
                      .arg(callResult.response->timings.totalMs)
                : u"no response"_s)
        << '\n';
    if (!callResult.error.isEmpty())
        out << "  " << callResult.error << '\n';
    for (const auto &line : prefetched) {
        const QJsonObject o = line.toObject();
        out << "prefetch " << o.value(u"key"_s).toString() << ": "
            << o.value(u"outcome"_s).toString() << ' ' << o.value(u"query"_s).toString() << ' '
            << o.value(u"reason"_s).toString() << '\n';
    }
    for (const auto &card : cards) {
        const QJsonObject c = card.toObject();
        const QString indicator = c.value(u"indicator"_s).toString();
        const QString painted = indicator == u"critical" ? hb::cli::red(indicator)
            : indicator == u"warning"                    ? hb::cli::yellow(indicator)
                                                         : indicator;
        out << "card [" << painted << "] " << c.value(u"summary"_s).toString() << " ("
            << c.value(u"source"_s).toString() << ") uuid " << c.value(u"uuid"_s).toString()
            << '\n';
        for (const auto &s : c.value(u"suggestions"_s).toArray())
            out << "  suggestion " << s[u"uuid"_s].toString() << ": " << s[u"label"_s].toString()
                << '\n';
    }
    if (callResult.cdsResponse && !callResult.cdsResponse->systemActions.isEmpty())
        out << "system actions (" << callResult.cdsResponse->systemActions.size()
            << "): " << actionsSummary(callResult.cdsResponse->systemActions) << '\n';
    for (const auto &finding : requestFindings)
        out << "request: " << hb::core::formatFinding(finding) << '\n';
    for (const auto &finding : callResult.findings)
        out << hb::core::formatFinding(finding) << '\n';
    if (callResult.cors) {
        const QString verdict = toString(callResult.cors->verdict);
        out << "CORS (" << prepared.client.origin << "): "
            << (callResult.cors->verdict == CorsVerdict::Fail ? hb::cli::red(verdict) : verdict)
            << '\n';
        if (callResult.cors->verdict == CorsVerdict::Fail)
            out << "  " << callResult.cors->chromiumMessage << "\n  Fix: " << callResult.cors->hint
                << (hb::cli::browserRefused(callResult) ? u"\n  "_s + hb::cli::noCorsHint()
                                                        : QString())
                << '\n';
    }
    if (callResult.jwt)
        out << "JWT: " << callResult.jwt->header.value(u"alg"_s).toString() << " kid "
            << callResult.jwt->header.value(u"kid"_s).toString() << ", fault "
            << callResult.jwt->faultLabel << '\n';
    if (fault != hb::security::JwtFault::None)
        out << "JWT check: " << jwtVerdict.summary << '\n';
    for (const auto &entry : audit) {
        const QJsonObject a = entry.toObject();
        out << "audit: " << a.value(u"subject"_s).toString() << ' '
            << a.value(u"method"_s).toString() << ' ' << a.value(u"url"_s).toString() << " -> "
            << a.value(u"status"_s).toInt() << ' ' << a.value(u"outcome"_s).toString() << '\n';
    }
    if (!feedbackReport.isEmpty()) {
        if (feedbackReport.contains(u"status"_s))
            out << "feedback: POST " << feedbackReport.value(u"url"_s).toString() << " -> HTTP "
                << feedbackReport.value(u"status"_s).toInt() << '\n';
        for (const auto &line : feedbackReport.value(u"applied"_s).toArray())
            out << "accepted: " << line.toString() << '\n';
        if (feedbackReport.contains(u"error"_s))
            err << "feedback: " << feedbackReport.value(u"error"_s).toString() << '\n';
    }
    return code;
}

static const hb::cli::CommandRegistration reg {
    {"fire",
     "fire one hook at one CDS service as the EHR (context, prefetch, JWT, CORS, validation)",
     &runFire, true}};
