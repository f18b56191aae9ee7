// hookbench-cli feedback: POST {discovery}/{service}/feedback as the EHR does when the user
// accepts a suggestion or overrides a card (spec §7), and check the service took it (any 2xx).
#include "calloptions.h"
#include "command.h"

#include "net/har.h"
#include "scenario/feedbackchoice.h"
#include "session/workbench.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;

static int runFeedback(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Sends feedback for a card to the service's feedback endpoint, with a signed client "
        u"JWT: --accept SUGGESTION_ID (accepted) or --override (overridden, with an optional "
        u"reason code and comment). The card and suggestion uuids come from the service's "
        u"answer (fire prints them).\n"
        u"Exit 0 the service answered 2xx, 1 it did not, 2 usage, 3 could not connect."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption discovery(
        u"discovery"_s, u"Discovery URL (or base URL; 'embedded', 'lab')."_s, u"URL"_s);
    const QCommandLineOption service(u"service"_s, u"Service id."_s, u"ID"_s);
    const QCommandLineOption card(u"card"_s, u"The card's uuid."_s, u"UUID"_s);
    const QCommandLineOption accept(u"accept"_s, u"The accepted suggestion's uuid."_s,
                                    u"SUGGESTION_ID"_s);
    const QCommandLineOption override_(u"override"_s, u"The card was overridden (dismissed)."_s);
    const QCommandLineOption reason(u"reason"_s, u"Override reason code."_s, u"CODE"_s);
    const QCommandLineOption reasonSystem(u"reason-system"_s,
                                          u"Code system of the override reason."_s, u"URI"_s);
    const QCommandLineOption comment(u"comment"_s, u"The user's comment (override)."_s, u"TEXT"_s);
    const QCommandLineOption har(u"har"_s, u"Write the exchanges as HAR 1.2 (tokens redacted)."_s,
                                 u"FILE"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as one JSON object."_s);
    const hb::cli::CallOptions call(10000);
    parser.addOptions({help, discovery, service, card, accept, override_, reason, reasonSystem,
                       comment, har, json});
    call.addTo(parser);
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (!parser.isSet(discovery) || !parser.isSet(service) || !parser.isSet(card))
        return usageError(args, u"--discovery, --service and --card are required"_s);
    if (parser.isSet(accept) == parser.isSet(override_))
        return usageError(args, u"give either --accept SUGGESTION_ID or --override"_s);
    if (parser.isSet(accept) && (parser.isSet(reason) || parser.isSet(comment)))
        return usageError(args, u"--reason and --comment go with --override"_s);
    hb::scenario::CallSpec spec;
    spec.discovery = parser.value(discovery);
    spec.service = parser.value(service);
    spec.fhir = u"none"_s;
    if (const QString problem = call.read(parser, &spec); !problem.isEmpty())
        return usageError(args, problem);
    if (const QString problem = hb::scenario::checkSpec(spec); !problem.isEmpty())
        return usageError(args, problem);

    hb::session::WorkbenchOptions options;
    options.embeddedServers = hb::scenario::needsEmbedded(spec);
    options.client = hb::scenario::clientOptionsFor(spec);
    hb::session::Workbench bench(options);
    QString error;
    if (!bench.start(&error)) {
        if (parser.isSet(json))
            hb::cli::printJsonError(u"cannot start: "_s + error);
        err << "cannot start: " << error << '\n';
        return hb::cli::ExitConnect;
    }
    const QUrl discoveryUrl = hb::scenario::resolveDiscovery(bench, spec.discovery, &error);
    hb::scenario::FeedbackChoice choice;
    choice.accept = parser.isSet(accept);
    choice.card = parser.value(card);
    choice.suggestion = parser.value(accept);
    choice.reasonCode = parser.value(reason);
    choice.reasonSystem = parser.value(reasonSystem);
    choice.comment = parser.value(comment);
    const hb::core::Feedback feedback = hb::scenario::feedbackFromIds(choice);
    const auto answer = bench.client()->sendFeedbackAndWait(discoveryUrl, spec.service, {feedback});
    if (parser.isSet(har)
        && !hb::net::writeHar(parser.value(har), bench.log()->exchanges(), {}, &error))
        err << error << '\n';
    const int status = answer.status();
    const int code = answer.couldNotConnect()                ? hb::cli::ExitConnect
        : status >= 200 && status < 300 && !answer.blocked() ? hb::cli::ExitOk
                                                             : hb::cli::ExitCheckFailed;
    QString failure;
    if (code != hb::cli::ExitOk)
        failure = hb::cli::browserRefused(answer)
            ? answer.cors->chromiumMessage + u" "_s + hb::cli::noCorsHint()
            : !answer.error.isEmpty()
            ? answer.error
            : u"the feedback endpoint answered HTTP %1, not 2xx"_s.arg(status);
    if (parser.isSet(json)) {
        QJsonObject object {
            {u"ok"_s, code == hb::cli::ExitOk},
            {u"url"_s, answer.url.toString()},
            {u"sent"_s, hb::core::feedbackBody({feedback})},
            {u"status"_s, status},
            {u"cors"_s,
             answer.cors ? QJsonValue(hb::net::corsToJson(*answer.cors)) : QJsonValue()}};
        if (!failure.isEmpty())
            object.insert(u"error"_s, failure);
        out << QJsonDocument(object).toJson(QJsonDocument::Indented);
        return code;
    }
    out << "POST " << answer.url.toString() << " -> "
        << (status > 0 ? u"HTTP %1"_s.arg(status) : u"no response"_s) << '\n';
    if (!failure.isEmpty())
        err << failure << '\n';
    return code;
}

static const hb::cli::CommandRegistration reg {
    {"feedback", "send feedback (accepted suggestion, overridden card) to a service", &runFeedback,
     true}};
