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
        out << QJsonDocument(items).toJson();
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

int runKeys(const QStringList &args)
{
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
    const QCommandLineOption json(u"json"_s, u"list: print JSON."_s);
    parser.addOptions({help, alg, json});
    parser.addPositionalArgument(u"action"_s, QString::fromLatin1(Actions));
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    const QStringList positional = parser.positionalArguments();
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
        if (kid.isEmpty()) {
            err << "cannot create a key: " << error << '\n';
            return hb::cli::ExitCheckFailed;
        }
        out << kid << '\n';
        err << "new " << algorithmName(chosen) << " key " << kid << " is now active\n";
        return hb::cli::ExitOk;
    }
    if (action == u"remove" || action == u"activate") {
        const QString kid = positional.at(1);
        const bool ok
            = action == u"remove" ? store.remove(kid, &error) : store.setActive(kid, &error);
        if (!ok) {
            err << error << '\n';
            return hb::cli::ExitCheckFailed;
        }
        err << (action == u"remove" ? "removed key " : "active key is now ") << kid << '\n';
        return hb::cli::ExitOk;
    }
    if (action == u"import") {
        QFile file(positional.at(1));
        if (!file.open(QIODevice::ReadOnly) || file.size() > 64 * 1024) {
            err << "cannot read " << file.fileName() << " (or larger than 64 KiB)\n";
            return hb::cli::ExitUsage;
        }
        QString kid;
        if (!store.importPem(file.readAll(), &error, &kid)) {
            err << "cannot import " << file.fileName() << ": " << error << '\n';
            return hb::cli::ExitUsage;
        }
        out << kid << '\n';
        err << "imported key " << kid << "; it is now active\n";
        return hb::cli::ExitOk;
    }
    return usageError(args, u"unknown action '%1'"_s.arg(action), parser);
}

const hb::cli::CommandRegistration reg {
    {"keys", "list, generate, rotate, remove or import client signing keys", &runKeys}};

} // namespace
