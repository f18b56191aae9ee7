// hookbench-cli inspect: decode a JWT and verify it check by check against a JWK Set.
#include "command.h"

#include "security/jwtinspector.h"
#include "security/keystore.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <cstdio>

using namespace Qt::StringLiterals;
using hb::cli::usageError;
using namespace hb::security;

namespace {

constexpr qint64 MaxInputBytes = 1024 * 1024;

bool readSmallFile(const QString &path, QByteArray *data)
{
    QFile file;
    const bool ok = path == u"-" ? file.open(stdin, QIODevice::ReadOnly)
                                 : (file.setFileName(path), file.open(QIODevice::ReadOnly));
    if (!ok)
        return false;
    *data = file.read(MaxInputBytes + 1);
    return data->size() <= MaxInputBytes;
}

int runInspect(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Decodes a JWT (argument, or - for stdin) and lists each check: typ, alg, kid, "
        u"signature, iss, aud, exp, iat, nbf, jti. Verifies against --jwks FILE, by default "
        u"Hookbench's own published JWK Set. Exit 0 if every check passes, 1 if one fails, "
        u"2 if the token cannot be decoded."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption jwks(u"jwks"_s, u"JWK Set JSON file."_s, u"FILE"_s);
    const QCommandLineOption aud(u"aud"_s, u"Expected aud (exact URL)."_s, u"URL"_s);
    const QCommandLineOption iss(u"iss"_s, u"Expected iss."_s, u"ISS"_s);
    const QCommandLineOption leeway(u"leeway"_s, u"Clock skew in seconds (0)."_s, u"S"_s, u"0"_s);
    const QCommandLineOption json(u"json"_s, u"Print the result as JSON."_s);
    parser.addOptions({help, jwks, aud, iss, leeway, json});
    parser.addPositionalArgument(u"token"_s, u"The JWT, or - to read it from stdin."_s);
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(args, u"expected exactly one token (or -)"_s, parser);
    QByteArray token = parser.positionalArguments().first().toLatin1();
    if (token == "-" && !readSmallFile(u"-"_s, &token)) {
        err << "cannot read the token from stdin (max 1 MiB)\n";
        return hb::cli::ExitUsage;
    }
    QJsonObject keySet;
    if (parser.isSet(jwks)) {
        QByteArray data;
        QJsonParseError parseError;
        if (!readSmallFile(parser.value(jwks), &data)) {
            err << "cannot read " << parser.value(jwks) << " (max 1 MiB)\n";
            return hb::cli::ExitUsage;
        }
        const QJsonDocument doc = QJsonDocument::fromJson(data, &parseError);
        if (!doc.isObject() || !doc.object().value(u"keys"_s).isArray()) {
            err << parser.value(jwks) << " is not a JWK Set ({\"keys\": [...]})\n";
            return hb::cli::ExitUsage;
        }
        keySet = doc.object();
    } else {
        QString error;
        keySet = KeyStore::openDefault(&error).publicJwks();
    }
    bool numberOk = false;
    const int skew = parser.value(leeway).toInt(&numberOk);
    if (!numberOk || skew < 0)
        return usageError(args, u"--leeway must be a number of seconds"_s, parser);

    JwtInspector inspector(keySet);
    const JwtInspection result
        = inspector.inspect(token, {parser.value(aud), parser.value(iss), 0, skew});
    if (parser.isSet(json)) {
        QJsonArray checks;
        for (const JwtCheck &check : result.checks)
            checks.append(QJsonObject {
                {u"name"_s, check.name}, {u"passed"_s, check.passed}, {u"detail"_s, check.detail}});
        QJsonObject root {{u"decoded"_s, result.decoded},
                          {u"valid"_s, result.valid()},
                          {u"header"_s, result.header},
                          {u"claims"_s, result.claims},
                          {u"checks"_s, checks}};
        root.insert(u"ok"_s, result.valid());
        if (!result.error.isEmpty())
            root.insert(u"error"_s, result.error);
        else if (!result.valid())
            root.insert(u"error"_s, u"the token failed a check"_s);
        out << QJsonDocument(root).toJson();
    } else if (result.decoded) {
        out << "header: " << QJsonDocument(result.header).toJson(QJsonDocument::Compact) << '\n'
            << "claims: " << QJsonDocument(result.claims).toJson(QJsonDocument::Compact) << '\n';
        for (const JwtCheck &check : result.checks)
            out << (check.passed ? "PASS " : "FAIL ") << check.name.leftJustified(10) << ' '
                << check.detail << '\n';
        out << (result.valid() ? "valid\n" : "invalid\n");
    }
    if (!result.decoded) {
        err << "cannot decode the token: " << result.error << '\n';
        return hb::cli::ExitUsage;
    }
    return result.valid() ? hb::cli::ExitOk : hb::cli::ExitCheckFailed;
}

const hb::cli::CommandRegistration reg {
    {"inspect", "decode a JWT and verify it check by check against a JWKS", &runInspect}};

} // namespace
