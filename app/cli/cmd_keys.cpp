// hookbench-cli keys: list, generate, rotate, remove and import the client signing keys.
#include "command.h"

#include "security/keystore.h"
#include "storage/paths.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;
using namespace hb::security;

namespace {

constexpr auto Actions = "list, generate, rotate, remove KID, import FILE, activate KID";

int list(const KeyStore &store, bool json)
{
    QTextStream out(stdout);
    if (json) {
        QJsonArray items;
        for (const KeyInfo &key : store.keys()) {
            items.append(QJsonObject {{u"kid"_s, key.kid},
                                      {u"alg"_s, algorithmName(key.algorithm)},
                                      {u"created"_s, key.created.toString(Qt::ISODate)},
                                      {u"active"_s, key.active},
                                      {u"file"_s, key.fileName}});
        }
        hb::cli::printJsonOk({{u"dir"_s, store.dir()}, {u"keys"_s, items}});
        return hb::cli::ExitOk;
    }
    out << "  " << u"KID"_s.leftJustified(44) << "  ALG    CREATED (UTC)\n";
    for (const KeyInfo &key : store.keys()) {
        out << (key.active ? "* " : "  ") << key.kid.leftJustified(44) << "  "
            << algorithmName(key.algorithm) << "  " << key.created.toString(Qt::ISODate) << '\n';
    }
    out << "(* = active signing key; all keys are published in the JWKS; folder " << store.dir()
        << ")\n";
    return hb::cli::ExitOk;
}

bool isKeysOption(const QString &arg)
{
    static const QStringList names {u"--"_s,    u"-h"_s, u"--help"_s, u"--json"_s,
                                    u"--alg"_s, u"-q"_s, u"--quiet"_s};
    return names.contains(arg) || arg.startsWith(u"--alg="_s);
}

/// An RFC 7638 kid is base64url, so about one in 32 starts with '-', which the option parser
/// would take for options ("Unknown options"). The argument right after remove or activate is
/// the kid unless it is "--" or one of this command's options: it is taken out before parsing.
std::optional<QString> takeKid(QStringList *args)
{
    for (qsizetype i = 1; i < args->size(); ++i) {
        const QString &arg = args->at(i);
        if (arg == u"--")
            return std::nullopt;
        if (arg == u"--alg") {
            ++i; // its value
            continue;
        }
        if (arg.startsWith(u'-'))
            continue;
        if ((arg == u"remove" || arg == u"activate") && i + 1 < args->size()
            && !isKeysOption(args->at(i + 1)))
            return args->takeAt(i + 1);
        return std::nullopt;
    }
    return std::nullopt;
}

int runKeys(const QStringList &givenArgs)
{
    QStringList args = givenArgs;
    const std::optional<QString> kidArgument = takeKid(&args);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Manages the client signing keys in $HOOKBENCH_HOME/keys (private keys are PEM files, "
        u"mode 0600, never printed). Actions: "_s
        + QString::fromLatin1(Actions)
        + u". generate and rotate add a key that becomes the active one; older keys stay in the "
          u"JWKS until removed."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption alg(u"alg"_s, u"ES384 (P-384, default) or RS384 (RSA 3072)."_s,
                                 u"ALG"_s);
    const QCommandLineOption json(
        u"json"_s,
        u"Print one JSON object: ok, and the keys (list) or the kid the action touched; error on "
        u"failure."_s);
    parser.addOptions({help, alg, json});
    parser.addPositionalArgument(u"action"_s, QString::fromLatin1(Actions));
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    QStringList positional = parser.positionalArguments();
    if (kidArgument)
        positional.insert(qMin<qsizetype>(1, positional.size()), *kidArgument);
    const QString action = positional.value(0, u"list"_s);
    const bool takesArgument = action == u"remove" || action == u"import" || action == u"activate";
    if (positional.size() != (takesArgument ? 2 : qMin<qsizetype>(positional.size(), 1)))
        return usageError(args, u"wrong number of arguments for '%1'"_s.arg(action), parser);
    std::optional<KeyAlgorithm> algorithm;
    if (parser.isSet(alg)) {
        algorithm = algorithmFromName(parser.value(alg).toUpper());
        if (!algorithm)
            return usageError(args, u"--alg must be ES384 or RS384"_s, parser);
    }

    // list shows what jwks publishes (creating the first key); the others change an existing
    // store and must not create a default key as a side effect.
    QString error;
    KeyStore store = action == u"list" ? KeyStore::openDefault(&error)
                                       : KeyStore(hb::storage::homePath(u"keys"_s));
    if (action != u"list")
        store.load(&error);
    if (!error.isEmpty())
        err << "warning: " << error << '\n';
    error.clear();
    const bool asJson = parser.isSet(json);
    auto fail
        = [&](const QString &message, int code) { return hb::cli::fail(asJson, message, code); };
    auto done = [&](const QString &kid, const QString &what) {
        if (asJson)
            hb::cli::printJsonOk({{u"action"_s, action}, {u"kid"_s, kid}});
        else if (action != u"remove" && action != u"activate")
            out << kid << '\n';
        err << what << '\n';
        return hb::cli::ExitOk;
    };

    if (action == u"list")
        return list(store, parser.isSet(json));
    if (action == u"generate" || action == u"rotate") {
        // rotate keeps the active key's algorithm unless told otherwise.
        KeyAlgorithm chosen = algorithm.value_or(KeyAlgorithm::ES384);
        if (!algorithm && action == u"rotate") {
            for (const KeyInfo &key : store.keys())
                chosen = key.active ? key.algorithm : chosen;
        }
        const QString kid
            = action == u"rotate" ? store.rotate(chosen, &error) : store.generate(chosen, &error);
        if (kid.isEmpty())
            return fail(u"cannot create a key: "_s + error, hb::cli::ExitCheckFailed);
        return done(kid, u"new %1 key %2 is now active"_s.arg(algorithmName(chosen), kid));
    }
    if (action == u"remove" || action == u"activate") {
        const QString kid = positional.at(1);
        const bool ok
            = action == u"remove" ? store.remove(kid, &error) : store.setActive(kid, &error);
        if (!ok)
            return fail(error, hb::cli::ExitCheckFailed);
        return done(kid, (action == u"remove" ? u"removed key "_s : u"active key is now "_s) + kid);
    }
    if (action == u"import") {
        QFile file(positional.at(1));
        if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024)
            return fail(u"cannot read %1 (or larger than 64 KiB)"_s.arg(file.fileName()),
                        hb::cli::ExitUsage);
        QString kid;
        if (!store.importPem(file.readAll(), &error, &kid))
            return fail(u"cannot import %1: %2"_s.arg(file.fileName(), error), hb::cli::ExitUsage);
        return done(kid, u"imported key %1; it is now active"_s.arg(kid));
    }
    return usageError(args, u"unknown action '%1'"_s.arg(action), parser);
}

const hb::cli::CommandRegistration reg {
    {"keys", "list, generate, rotate, remove or import client signing keys", &runKeys}};

} // namespace
