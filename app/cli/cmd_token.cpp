// hookbench-cli token: a signed client JWT for one URL, optionally with a deliberate fault.
#include "command.h"

#include "security/clientjwt.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

using namespace Qt::StringLiterals;
using hb::cli::usageError;

namespace {

QString faultList()
{
    QStringList names;
    for (auto fault : hb::security::allFaults())
        names << hb::security::faultName(fault);
    return names.join(u", "_s);
}

int runToken(const QStringList &args)
{
    using namespace hb::security;
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Prints a client JWT as Hookbench sends it in 'Authorization: Bearer', signed with the "
        u"active key in $HOOKBENCH_HOME/keys (C10). aud is the exact URL of the call."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption aud(u"aud"_s, u"The exact URL being called (required)."_s, u"URL"_s);
    const QCommandLineOption fault(u"fault"_s, u"A deliberate fault: "_s + faultList() + u"."_s,
                                   u"NAME"_s);
    const QCommandLineOption iss(
        u"iss"_s, u"Issuer (default %1)."_s.arg(QString::fromUtf16(DefaultIssuer)), u"ISS"_s);
    const QCommandLineOption jku(u"jku"_s, u"JWKS URL for the header (default: none)."_s, u"URL"_s);
    const QCommandLineOption alg(u"alg"_s, u"Sign with a key of this algorithm: ES384 or RS384."_s,
                                 u"ALG"_s);
    const QCommandLineOption tenant(u"tenant"_s, u"Optional tenant claim."_s, u"ID"_s);
    const QCommandLineOption lifetime(u"lifetime"_s, u"Seconds between iat and exp (300)."_s,
                                      u"S"_s, u"300"_s);
    const QCommandLineOption count(u"count"_s,
                                   u"Sign N tokens with one signer (reused-jti repeats the "
                                   u"first token's jti)."_s,
                                   u"N"_s, u"1"_s);
    const QCommandLineOption json(
        u"json"_s,
        u"Print one JSON object: ok, and token, decoded header and claims (with --count N > 1: "
        u"tokens, a list of those); error on failure."_s);
    const QCommandLineOption headerLine(u"header"_s,
                                        u"Print the whole 'Authorization: Bearer ...' line."_s);
    parser.addOptions({help, aud, fault, iss, jku, alg, tenant, lifetime, count, json, headerLine});
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (!parser.positionalArguments().isEmpty())
        return usageError(args, u"unexpected argument "_s + parser.positionalArguments().first(),
                          parser);
    const QUrl audience(parser.value(aud), QUrl::StrictMode);
    if (!parser.isSet(aud) || !audience.isValid() || audience.host().isEmpty()
        || (audience.scheme() != u"http" && audience.scheme() != u"https"))
        return usageError(args, u"--aud needs an absolute http(s) URL"_s, parser);
    JwtFault chosen = JwtFault::None;
    if (parser.isSet(fault)) {
        const auto named = faultFromName(parser.value(fault));
        if (!named)
            return usageError(
                args, u"unknown fault '%1' (one of: %2)"_s.arg(parser.value(fault), faultList()),
                parser);
        chosen = *named;
    }
    ClientJwtOptions options;
    if (parser.isSet(iss))
        options.issuer = parser.value(iss);
    if (parser.isSet(jku)) {
        options.jku = QUrl(parser.value(jku), QUrl::StrictMode);
        if (!options.jku.isValid() || options.jku.isRelative())
            return usageError(args, u"--jku needs an absolute URL"_s, parser);
    }
    if (parser.isSet(alg)) {
        options.algorithm = algorithmFromName(parser.value(alg));
        if (!options.algorithm)
            return usageError(args, u"--alg must be ES384 or RS384"_s, parser);
    }
    options.tenant = parser.value(tenant);
    bool numberOk = false;
    options.lifetimeSeconds = parser.value(lifetime).toInt(&numberOk);
    if (!numberOk || options.lifetimeSeconds < 1 || options.lifetimeSeconds > 86400)
        return usageError(args, u"--lifetime must be 1..86400 seconds"_s, parser);
    const int tokens = parser.value(count).toInt(&numberOk);
    if (!numberOk || tokens < 1 || tokens > 100)
        return usageError(args, u"--count must be 1..100"_s, parser);

    QString error;
    const auto store = KeyStore::openDefault(&error);
    if (!error.isEmpty())
        err << "warning: " << error << '\n';
    ClientJwtSigner signer(store, options);
    QJsonArray all;
    for (int i = 0; i < tokens; ++i) {
        const auto signedToken = signer.sign(audience.toString(QUrl::FullyEncoded), chosen);
        if (!signedToken.ok()) {
            QString message = u"cannot sign: "_s + signedToken.error;
            if (options.algorithm)
                message += u" (hookbench-cli keys generate --alg %1)"_s.arg(parser.value(alg));
            return hb::cli::fail(parser.isSet(json), message, hb::cli::ExitCheckFailed);
        }
        if (chosen != JwtFault::None)
            err << "fault " << signedToken.faultLabel << ": " << signedToken.detail << '\n';
        if (parser.isSet(json)) {
            all.append(QJsonObject {{u"token"_s, QString::fromLatin1(signedToken.token)},
                                    {u"header"_s, signedToken.header},
                                    {u"claims"_s, signedToken.claims},
                                    {u"fault"_s, signedToken.faultLabel},
                                    {u"detail"_s, signedToken.detail}});
        } else if (!signedToken.token.isEmpty()) {
            out << (parser.isSet(headerLine) ? "Authorization: Bearer " : "") << signedToken.token
                << '\n';
        }
    }
    if (parser.isSet(json))
        hb::cli::printJsonOk(tokens == 1 ? all.first().toObject()
                                         : QJsonObject {{u"tokens"_s, all}});
    return hb::cli::ExitOk;
}

const hb::cli::CommandRegistration reg {
    {"token", "print a signed client JWT for a URL (optionally faulty)", &runToken}};

} // namespace
