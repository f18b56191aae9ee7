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
    parser.addOptions({help, compact, kid});
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
    if (parser.isSet(kid)) {
        const QJsonObject jwk = store.publicJwk(parser.value(kid));
        if (jwk.isEmpty()) {
            err << "no key with kid '" << parser.value(kid) << "'\n";
            return hb::cli::ExitCheckFailed;
        }
        jwks = {{u"keys"_s, QJsonArray {jwk}}};
    }
    out << QJsonDocument(jwks).toJson(parser.isSet(compact) ? QJsonDocument::Compact
                                                            : QJsonDocument::Indented);
    if (parser.isSet(compact))
        out << '\n';
    return jwks.value(u"keys"_s).toArray().isEmpty() ? hb::cli::ExitCheckFailed : hb::cli::ExitOk;
}

const hb::cli::CommandRegistration reg {
    {"jwks", "print the public JWK Set of the client keys", &runJwks}};

} // namespace
