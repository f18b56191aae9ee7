// hookbench-cli jwks: the public JWK Set services use to verify Hookbench's client JWTs.
#include "command.h"

#include "security/keystore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;

namespace {

int runJwks(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints the public JWK Set (RFC 7517) of the client signing keys in $HOOKBENCH_HOME/keys, "
        u"the document the embedded server publishes at /.well-known/jwks.json. Creates an ES384 "
        u"key on first use. Never prints private key material."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption compact(u"compact"_s, u"One line of JSON."_s);
    const QCommandLineOption kid(u"kid"_s, u"Only the key with this kid."_s, u"KID"_s);
    const QCommandLineOption json(
        u"json"_s,
        u"Print one JSON object: ok, and jwks (the JWK Set); error on failure. Without it the "
        u"output is the JWK Set itself."_s);
    parser.addOptions({help, compact, kid, json});
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty())
        return hb::cli::usageError(
            args, parser.errorText().isEmpty() ? u"unexpected argument"_s : parser.errorText());
    if (parser.isSet(help)) {
        out << hb::cli::helpText(parser, args);
        return hb::cli::ExitOk;
    }
    QString error;
    const auto store = hb::security::KeyStore::openDefault(&error);
    if (!error.isEmpty())
        err << "warning: " << error << '\n';
    QJsonObject jwks = store.publicJwks();
    auto fail = [&](const QString &message) {
        return hb::cli::fail(parser.isSet(json), message, hb::cli::ExitCheckFailed);
    };
    if (parser.isSet(kid)) {
        const QJsonObject jwk = store.publicJwk(parser.value(kid));
        if (jwk.isEmpty())
            return fail(u"no key with kid '%1'"_s.arg(parser.value(kid)));
        jwks = {{u"keys"_s, QJsonArray {jwk}}};
    }
    const bool empty = jwks.value(u"keys"_s).toArray().isEmpty();
    if (empty && parser.isSet(json))
        return fail(u"no client keys in "_s + store.dir());
    if (parser.isSet(json)) {
        hb::cli::printJsonOk({{u"jwks"_s, jwks}}, parser.isSet(compact));
        return hb::cli::ExitOk;
    }
    out << QJsonDocument(jwks).toJson(parser.isSet(compact) ? QJsonDocument::Compact
                                                            : QJsonDocument::Indented);
    if (parser.isSet(compact))
        out << '\n';
    if (empty)
        err << "no client keys in " << store.dir() << '\n';
    return empty ? hb::cli::ExitCheckFailed : hb::cli::ExitOk;
}

const hb::cli::CommandRegistration reg {
    {"jwks", "print the public JWK Set of the client keys", &runJwks}};

} // namespace
