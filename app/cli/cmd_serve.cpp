// hookbench-cli serve: the embedded EHR (FHIR server, mock SMART authorization server, JWKS, demo
// CDS services, misbehaviour lab) on 127.0.0.1 until SIGINT/SIGTERM.
#include "command.h"

#include "session/clienttrust.h"

#include "security/keystore.h"
#include "servers/embeddedservers.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QJsonDocument>
#include <QSocketNotifier>
#include <QTextStream>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

int signalPipe[2] = {-1, -1};

// Async-signal-safe: only write(2). The event loop reads the pipe and quits (self-pipe trick).
void onSignal(int signal)
{
    const char byte = static_cast<char>(signal);
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

bool installSignalHandlers()
{
    if (::pipe(signalPipe) != 0)
        return false;
    for (int fd : signalPipe)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    // A reader that goes away (`serve --json | head -1`) must not kill the server mid-write.
    ::signal(SIGPIPE, SIG_IGN);
    return ::sigaction(SIGINT, &action, nullptr) == 0
        && ::sigaction(SIGTERM, &action, nullptr) == 0;
}

QString describe(const hb::servers::AuditEntry &entry)
{
    return u"audit %1 %2 %3 -> %4 (%5)%6"_s.arg(entry.subject, entry.method, entry.url)
        .arg(entry.status)
        .arg(entry.outcome, entry.scope.isEmpty() ? QString() : u" scope "_s + entry.scope);
}

int runServe(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Starts the embedded EHR on 127.0.0.1: FHIR R4 server with the synthetic patients, mock "
        u"SMART authorization server, JWKS of the client key, demo CDS services and the "
        u"misbehaviour lab. Prints every base URL, then one line per FHIR access (the audit), "
        u"until SIGINT or SIGTERM."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption port(u"port"_s, u"Main server port (default: any free port)."_s,
                                  u"N"_s);
    const QCommandLineOption labPort(u"lab-port"_s,
                                     u"Misbehaviour lab port (default: any free port)."_s, u"N"_s);
    const QCommandLineOption json(u"json"_s, u"Print the URLs and audit entries as JSON lines."_s);
    const QCommandLineOption open(u"no-auth"_s, u"Serve FHIR without bearer tokens."_s);
    const QCommandLineOption data(u"data"_s,
                                  u"Also serve the resources of this FHIR Bundle file "
                                  u"(repeatable)."_s,
                                  u"FILE"_s);
    const QCommandLineOption noBuiltin(u"no-builtin"_s,
                                       u"Do not serve the bundled synthetic data."_s);
    const QCommandLineOption quiet({u"q"_s, u"quiet"_s},
                                   u"Do not print audit entries (nor info lines)."_s);
    parser.addOptions({help, port, labPort, json, open, data, noBuiltin, quiet});
    auto usage = [&](const QString &message) { return hb::cli::usageError(args, message); };
    if (!parser.parse(args))
        return usage(parser.errorText());
    if (!parser.positionalArguments().isEmpty())
        return usage(u"unexpected argument '%1'"_s.arg(parser.positionalArguments().first()));
    if (parser.isSet(help)) {
        out << hb::cli::helpText(parser, args);
        return hb::cli::ExitOk;
    }
    hb::servers::ServerOptions options;
    for (const auto &[option, target] :
         {std::pair {&port, &options.port}, std::pair {&labPort, &options.labPort}}) {
        if (!parser.isSet(*option))
            continue;
        bool ok = false;
        const uint value = parser.value(*option).toUInt(&ok);
        if (!ok || value > 65535)
            return usage(u"--%1 needs a port number (0-65535)"_s.arg(option->names().first()));
        *target = static_cast<quint16>(value);
    }
    options.requireTokens = !parser.isSet(open);
    options.builtinData = !parser.isSet(noBuiltin);
    options.bundleFiles = parser.values(data);

    if (!installSignalHandlers()) {
        err << "cannot install signal handlers\n";
        return hb::cli::ExitCheckFailed;
    }
    hb::servers::EmbeddedServers servers;
    servers.setOptions(options);
    QString keyError;
    const auto keys = hb::security::KeyStore::openDefault(&keyError);
    if (!keyError.isEmpty())
        err << "warning: " << keyError << '\n';
    // The live key set, so a rotation shows without a restart. The demo services accept any
    // client here: other EHRs calling them sign with their own keys.
    servers.setJwksProvider(hb::session::clientTrustFor(keys.dir(), {}).jwks);
    QString error;
    if (!servers.start(&error)) {
        err << "hookbench-cli serve: " << error << '\n';
        return error.contains(u"Bundle"_s) || error.contains(u"read"_s) ? hb::cli::ExitUsage
                                                                        : hb::cli::ExitConnect;
    }
    const QJsonObject urls = servers.baseUrls().toJson();
    if (parser.isSet(json)) {
        out << QJsonDocument(urls).toJson(QJsonDocument::Compact) << Qt::endl;
    } else {
        out << "Hookbench embedded EHR (synthetic data) is running. Stop with Ctrl+C.\n";
        for (auto it = urls.begin(); it != urls.end(); ++it)
            out << "  " << it.key().leftJustified(20) << it.value().toString() << '\n';
        out.flush();
    }
    if (!parser.isSet(quiet)) {
        QObject::connect(&servers, &hb::servers::EmbeddedServers::auditEntry, &servers,
                         [&out, asJson = parser.isSet(json)](const hb::servers::AuditEntry &entry) {
                             if (asJson)
                                 out << QJsonDocument(QJsonObject {{u"audit"_s, entry.toJson()}})
                                            .toJson(QJsonDocument::Compact);
                             else
                                 out << describe(entry);
                             out << Qt::endl;
                         });
    }
    QObject::connect(
        &servers, &hb::servers::EmbeddedServers::feedbackReceived, &servers,
        [&out, asJson = parser.isSet(json)](const QString &service, const QJsonObject &feedback) {
            if (asJson)
                out << QJsonDocument(QJsonObject {{u"feedback"_s,
                                                   QJsonObject {{u"service"_s, service},
                                                                {u"item"_s, feedback}}}})
                           .toJson(QJsonDocument::Compact);
            else
                out << "feedback " << service << ": " << feedback.value(u"outcome"_s).toString()
                    << " card " << feedback.value(u"card"_s).toString();
            out << Qt::endl;
        });
    QSocketNotifier notifier(signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &notifier, [] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    QCoreApplication::exec();
    servers.stop();
    if (!parser.isSet(json))
        out << "stopped\n";
    return hb::cli::ExitOk;
}

const hb::cli::CommandRegistration reg {
    {"serve", "run the embedded EHR, FHIR and demo CDS servers", &runServe, true}};

} // namespace
