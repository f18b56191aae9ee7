// hookbench-cli jwks / token / keys / inspect (issue #5): behaviour, exit codes, key file modes,
// and that no private key material ever appears in anything the CLI prints or writes besides the
// key.
#include "securitycli.h"

#include "security/base64url.h"
#include "security/keymaterial.h"
#include "security/keystore.h"

#include <openssl/core_names.h>

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>

using namespace Qt::StringLiterals;
using namespace hb::security;

namespace {
const QString Aud = u"http://127.0.0.1:8080/cds-services/patient-greeting"_s;

int fileMode(const QString &path)
{
    struct stat st
    {
    };
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? int(st.st_mode & 07777) : -1;
}

QStringList pemFiles(const QString &dir)
{
    QStringList files;
    for (const QString &name : QDir(dir).entryList({u"*.pem"_s}, QDir::Files))
        files << QDir(dir).filePath(name);
    return files;
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// Every textual form a private key could leak in: PEM body lines and the whole body, and each
/// private parameter (EC d; RSA d, p, q, dp, dq, qi) as base64url (the JWK "d"), base64 and hex.
QStringList secretForms(const QByteArray &pem)
{
    QStringList forms;
    QByteArray body;
    for (const QByteArray &line : pem.split('\n')) {
        if (!line.startsWith("-----") && line.size() >= 16) {
            forms << QString::fromLatin1(line);
            body += line;
        }
    }
    forms << QString::fromLatin1(body);
    QString error;
    const auto key = keys::fromPrivatePem(pem, &error);
    const bool ec = EVP_PKEY_is_a(key.get(), "EC");
    const char *ecNames[] = {OSSL_PKEY_PARAM_PRIV_KEY};
    const char *rsaNames[] = {OSSL_PKEY_PARAM_RSA_D,         OSSL_PKEY_PARAM_RSA_FACTOR1,
                              OSSL_PKEY_PARAM_RSA_FACTOR2,   OSSL_PKEY_PARAM_RSA_EXPONENT1,
                              OSSL_PKEY_PARAM_RSA_EXPONENT2, OSSL_PKEY_PARAM_RSA_COEFFICIENT1};
    QList<const char *> names;
    if (ec)
        names << ecNames[0];
    else
        names = QList<const char *>(std::begin(rsaNames), std::end(rsaNames));
    for (const char *name : names) {
        BIGNUM *raw = nullptr;
        if (EVP_PKEY_get_bn_param(key.get(), name, &raw) != 1)
            continue;
        ossl::BigNumPtr bn(raw);
        QByteArray bytes(BN_num_bytes(bn.get()), '\0');
        BN_bn2bin(bn.get(), reinterpret_cast<unsigned char *>(bytes.data()));
        if (ec)
            bytes = leftPad(bytes, 48);
        forms << QString::fromLatin1(base64UrlEncode(bytes))
              << QString::fromLatin1(bytes.toBase64()) << QString::fromLatin1(bytes.toHex())
              << QString::fromLatin1(bytes.toHex().toUpper());
    }
    return forms;
}

QString findLeak(const QString &haystack, const QStringList &secrets)
{
    for (const QString &secret : secrets) {
        if (haystack.contains(secret))
            return secret.left(12) + u"…"_s;
    }
    return {};
}
} // namespace

class TestSecurityCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jwksOnAFreshHomeCreatesOneOwnerOnlyKey()
    {
        SecurityCli cli;
        const auto result = cli.runWithOpenUmask({u"jwks"_s});
        QCOMPARE(result.exitCode, 0);
        const QJsonArray list
            = QJsonDocument::fromJson(result.out.toUtf8()).object().value(u"keys"_s).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject jwk = list.first().toObject();
        QCOMPARE(jwk.value(u"kty"_s).toString(), u"EC"_s);
        QCOMPARE(jwk.value(u"alg"_s).toString(), u"ES384"_s);
        QCOMPARE(jwk.value(u"use"_s).toString(), u"sig"_s);
        QVERIFY(!jwk.contains(u"d"_s));
        const QStringList pems = pemFiles(cli.keysDir());
        QCOMPARE(pems.size(), 1);
        QCOMPARE(fileMode(pems.first()), 0600);
        QCOMPARE(fileMode(cli.keysDir()), 0700);
        // Printing the JWKS again must not create another key.
        QCOMPARE(cli.run({u"jwks"_s}).out, result.out);
    }

    void keyFilesAreOwnerOnlyWhateverTheUmask()
    {
        SecurityCli cli;
        QCOMPARE(cli.runWithOpenUmask({u"keys"_s, u"generate"_s, u"--alg"_s, u"RS384"_s}).exitCode,
                 0);
        QCOMPARE(cli.runWithOpenUmask({u"keys"_s, u"rotate"_s, u"--alg"_s, u"ES384"_s}).exitCode,
                 0);
        // An imported key is copied to a 0600 file even when the source was world-readable.
        QString error;
        const auto key = keys::generate(KeyAlgorithm::ES384, &error);
        const QString source = cli.home() + u"/import-me.pem"_s;
        QFile file(source);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(keys::toPrivatePem(key.get(), &error));
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup
                            | QFile::ReadOther);
        file.close();
        const auto imported = cli.runWithOpenUmask({u"keys"_s, u"import"_s, source});
        QCOMPARE(imported.exitCode, 0);
        QCOMPARE(imported.out.trimmed(), keys::thumbprint(keys::publicJwk(key.get())));
        const QStringList pems = pemFiles(cli.keysDir());
        QCOMPARE(pems.size(), 3);
        for (const QString &pem : pems)
            QVERIFY2(fileMode(pem) == 0600, qPrintable(pem));
        QCOMPARE(fileMode(cli.keysDir()), 0700);
    }

    void privateKeyNeverAppearsInAnyOutput()
    {
        SecurityCli cli;
        QCOMPARE(cli.run({u"keys"_s, u"generate"_s, u"--alg"_s, u"ES384"_s}).exitCode, 0);
        QCOMPARE(cli.run({u"keys"_s, u"generate"_s, u"--alg"_s, u"RS384"_s}).exitCode, 0);
        QStringList secrets;
        for (const QString &pem : pemFiles(cli.keysDir()))
            secrets << secretForms(readAll(pem));
        QVERIFY(secrets.size() > 20);
        // The scanner itself finds a leak when there is one.
        QVERIFY(!findLeak(QString::fromLatin1(readAll(pemFiles(cli.keysDir()).first())), secrets)
                     .isEmpty());

        const QStringList faults {u"expired"_s,         u"not-yet-valid"_s,    u"wrong-aud"_s,
                                  u"wrong-iss"_s,       u"unknown-kid"_s,      u"bad-signature"_s,
                                  u"alg-none"_s,        u"hs256-public-key"_s, u"reused-jti"_s,
                                  u"no-authorization"_s};
        QString lastToken;
        for (const QString &alg : {u"ES384"_s, u"RS384"_s}) {
            lastToken = cli.run({u"token"_s, u"--aud"_s, Aud, u"--alg"_s, alg}).out.trimmed();
            cli.run({u"token"_s, u"--aud"_s, Aud, u"--alg"_s, alg, u"--json"_s, u"--tenant"_s,
                     u"t1"_s, u"--jku"_s, u"http://127.0.0.1:1/.well-known/jwks.json"_s});
            for (const QString &fault : faults)
                cli.run({u"token"_s, u"--aud"_s, Aud, u"--alg"_s, alg, u"--json"_s, u"--fault"_s,
                         fault, u"--count"_s, u"2"_s});
            QCOMPARE(cli.run({u"inspect"_s, lastToken, u"--aud"_s, Aud}).exitCode, 0);
            cli.run({u"inspect"_s, lastToken, u"--json"_s});
        }
        for (const QStringList &args : QList<QStringList> {
                 {u"jwks"_s},
                 {u"jwks"_s, u"--compact"_s},
                 {u"keys"_s},
                 {u"keys"_s, u"list"_s, u"--json"_s},
                 {u"keys"_s, u"rotate"_s},
                 {u"keys"_s, u"list"_s},
                 {u"inspect"_s, u"not-a-token"_s},
                 {u"keys"_s, u"import"_s, pemFiles(cli.keysDir()).first()}, // duplicate: refused
                 {u"token"_s, u"--help"_s},
                 {u"keys"_s, u"--help"_s},
                 {u"jwks"_s, u"--help"_s},
                 {u"inspect"_s, u"--help"_s},
             })
            cli.run(args);
        QVERIFY(cli.transcript().contains(u"BEGIN"_s) == false);
        QVERIFY(cli.transcript().size() > 10000); // the CLI really ran and printed
        const QString leak = findLeak(cli.transcript(), secrets);
        QVERIFY2(leak.isEmpty(), qPrintable(u"private key material printed: "_s + leak));

        // Nor in any other file the CLI wrote (index, settings, logs).
        QDirIterator it(cli.home(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (path.endsWith(u".pem"_s) && path.startsWith(cli.keysDir()))
                continue;
            const QString fileLeak = findLeak(QString::fromLatin1(readAll(path)), secrets);
            QVERIFY2(fileLeak.isEmpty(), qPrintable(path + u" contains "_s + fileLeak));
        }
    }

    void tokenUsageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no aud") << QStringList {u"token"_s} << u"--aud"_s;
        QTest::newRow("relative aud")
            << QStringList {u"token"_s, u"--aud"_s, u"/cds-services"_s} << u"--aud"_s;
        QTest::newRow("unknown fault")
            << QStringList {u"token"_s, u"--aud"_s, Aud, u"--fault"_s, u"weird"_s}
            << u"hs256-public-key"_s;
        QTest::newRow("bad alg") << QStringList {u"token"_s, u"--aud"_s, Aud, u"--alg"_s,
                                                 u"HS256"_s}
                                 << u"ES384 or RS384"_s;
        QTest::newRow("unknown option") << QStringList {u"token"_s, u"--frob"_s} << u"frob"_s;
        QTest::newRow("keys action") << QStringList {u"keys"_s, u"explode"_s} << u"explode"_s;
        QTest::newRow("keys remove without kid")
            << QStringList {u"keys"_s, u"remove"_s} << u"remove"_s;
        QTest::newRow("inspect nothing") << QStringList {u"inspect"_s} << u"token"_s;
        QTest::newRow("inspect garbage") << QStringList {u"inspect"_s, u"a.b"_s} << u"3 dot"_s;
    }

    void tokenUsageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        SecurityCli cli;
        const auto result = cli.run(args);
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
    }

    void tokenJsonShowsWhatWasSigned()
    {
        SecurityCli cli;
        const auto result = cli.run(
            {u"token"_s, u"--aud"_s, Aud, u"--json"_s, u"--iss"_s, u"https://ehr.example"_s,
             u"--jku"_s, u"http://127.0.0.1:7/.well-known/jwks.json"_s, u"--lifetime"_s, u"60"_s});
        QCOMPARE(result.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(result.out.toUtf8()).object();
        const QJsonObject header = root.value(u"header"_s).toObject();
        const QJsonObject claims = root.value(u"claims"_s).toObject();
        QCOMPARE(header.value(u"alg"_s).toString(), u"ES384"_s);
        QCOMPARE(header.value(u"typ"_s).toString(), u"JWT"_s);
        QCOMPARE(header.value(u"jku"_s).toString(), u"http://127.0.0.1:7/.well-known/jwks.json"_s);
        QCOMPARE(claims.value(u"iss"_s).toString(), u"https://ehr.example"_s);
        QCOMPARE(claims.value(u"aud"_s).toString(), Aud);
        QCOMPARE(claims.value(u"exp"_s).toInteger() - claims.value(u"iat"_s).toInteger(), 60);
        const QByteArray token = root.value(u"token"_s).toString().toLatin1();
        QCOMPARE(base64UrlDecode(token.split('.').value(2))->size(), 96); // JOSE r||s, not DER
    }

    void tokenWithAMissingAlgorithmSaysHowToFixIt()
    {
        SecurityCli cli;
        const auto result = cli.run({u"token"_s, u"--aud"_s, Aud, u"--alg"_s, u"RS384"_s});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.err.contains(u"keys generate --alg RS384"_s), qPrintable(result.err));
    }

    void kidStartingWithDashNeedsNoDoubleDash()
    {
        // RFC 7638 kids are base64url: generate keys until one starts with '-' (1 in 32 does;
        // 3000 tries all failing has odds below 1e-40), then remove and activate it by name
        // alone, as a user copies it from `keys list`. Before the fix: "Unknown options".
        SecurityCli cli;
        QCOMPARE(cli.run({u"keys"_s, u"list"_s}).exitCode, 0); // creates the first key
        KeyStore store(cli.keysDir());
        QString error;
        QVERIFY2(store.load(&error), qPrintable(error));
        const QString other = store.keys().constFirst().kid;
        QString dash;
        for (int i = 0; i < 3000 && dash.isEmpty(); ++i) {
            const QString kid = store.generate(KeyAlgorithm::ES384, &error);
            QVERIFY2(!kid.isEmpty(), qPrintable(error));
            if (kid.startsWith(u'-'))
                dash = kid;
        }
        QVERIFY(!dash.isEmpty());
        for (const KeyInfo &key : store.keys()) {
            if (key.kid != dash && key.kid != other)
                QVERIFY2(store.remove(key.kid, &error), qPrintable(error));
        }
        QCOMPARE(store.keys().size(), 2);

        QCOMPARE(cli.run({u"keys"_s, u"activate"_s, u"--"_s, other}).exitCode, 0); // still works
        const auto activated = cli.run({u"keys"_s, u"activate"_s, dash});
        QVERIFY2(activated.exitCode == 0, qPrintable(activated.err));
        QVERIFY(activated.err.contains(u"active key is now "_s + dash));
        QVERIFY(cli.run({u"keys"_s, u"list"_s}).out.contains(u"* "_s + dash));
        QCOMPARE(cli.run({u"keys"_s, u"activate"_s, other, u"--json"_s}).exitCode, 0);
        const auto removed = cli.run({u"keys"_s, u"remove"_s, dash, u"--json"_s});
        QVERIFY2(removed.exitCode == 0, qPrintable(removed.out + removed.err));
        const QJsonObject o = QJsonDocument::fromJson(removed.out.toUtf8()).object();
        QCOMPARE(o.value(u"ok"_s).toBool(), true);
        QCOMPARE(o.value(u"kid"_s).toString(), dash);
        QVERIFY(!cli.run({u"jwks"_s}).out.contains(dash));
        // An option right after the action is still an option, not a kid.
        const auto missing = cli.run({u"keys"_s, u"remove"_s, u"--json"_s});
        QCOMPARE(missing.exitCode, 2);
    }

    void jsonOutputIsAnObjectWithOk()
    {
        // `--json` on token, keys and jwks prints one object with ok (and error on failure), as
        // every other command does (issue #12).
        SecurityCli cli;
        auto json = [&](const QStringList &args, int exitCode) {
            const auto r = cli.run(args);
            const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
            if (r.exitCode != exitCode || !doc.isObject()
                || doc.object().value(u"ok"_s).toBool(exitCode != 0) != (exitCode == 0)
                || (exitCode != 0 && doc.object().value(u"error"_s).toString().isEmpty()))
                qWarning().noquote() << args.join(u' ') << "->" << r.exitCode << r.out << r.err;
            return r.exitCode == exitCode && doc.isObject() ? doc.object() : QJsonObject();
        };
        QVERIFY(!json({u"jwks"_s, u"--json"_s}, 0)[u"jwks"_s][u"keys"_s].toArray().isEmpty());
        QVERIFY(json({u"jwks"_s, u"--json"_s, u"--compact"_s}, 0).contains(u"jwks"_s));
        QVERIFY(json({u"jwks"_s, u"--json"_s, u"--kid"_s, u"nope"_s}, 1)[u"error"_s]
                    .toString()
                    .contains(u"nope"_s));
        QVERIFY(
            !json({u"token"_s, u"--aud"_s, Aud, u"--json"_s}, 0)[u"token"_s].toString().isEmpty());
        QCOMPARE(
            json({u"token"_s, u"--aud"_s, Aud, u"--json"_s, u"--count"_s, u"2"_s}, 0)[u"tokens"_s]
                .toArray()
                .size(),
            2);
        QVERIFY(
            json({u"token"_s, u"--aud"_s, Aud, u"--json"_s, u"--alg"_s, u"RS384"_s}, 1)[u"error"_s]
                .toString()
                .contains(u"RS384"_s));
        QCOMPARE(json({u"token"_s, u"--json"_s}, 2).value(u"ok"_s).toBool(true), false);
        QCOMPARE(json({u"keys"_s, u"list"_s, u"--json"_s}, 0)[u"keys"_s].toArray().size(), 1);
        const QString kid = json({u"keys"_s, u"generate"_s, u"--json"_s}, 0)[u"kid"_s].toString();
        QVERIFY(!kid.isEmpty());
        QVERIFY(!json({u"keys"_s, u"remove"_s, u"nope"_s, u"--json"_s}, 1).isEmpty());
        QVERIFY(!json({u"keys"_s, u"remove"_s, kid, u"--json"_s}, 1).isEmpty()); // the active one
        QVERIFY(
            !json({u"keys"_s, u"import"_s, cli.home() + u"/none.pem"_s, u"--json"_s}, 2).isEmpty());
    }

    void keysLifecycle()
    {
        // A kid is base64url and may start with '-': "--" ends the options (else 1 run in 8
        // failed with "Unknown options").
        SecurityCli cli;
        const QString first = cli.run({u"keys"_s, u"generate"_s}).out.trimmed();
        const QString second = cli.run({u"keys"_s, u"rotate"_s}).out.trimmed();
        QVERIFY(!first.isEmpty() && first != second);
        QString list = cli.run({u"keys"_s, u"list"_s}).out;
        QVERIFY2(list.contains(u"* "_s + second), qPrintable(list));
        QVERIFY(list.contains(u"  "_s + first));
        QCOMPARE(cli.run({u"jwks"_s}).out.count(u"\"kid\""_s), 2);
        const auto removeActive = cli.run({u"keys"_s, u"remove"_s, u"--"_s, second});
        QCOMPARE(removeActive.exitCode, 1);
        QVERIFY(removeActive.err.contains(u"active"_s));
        QCOMPARE(cli.run({u"keys"_s, u"remove"_s, u"nope"_s}).exitCode, 1);
        QCOMPARE(cli.run({u"keys"_s, u"remove"_s, u"--"_s, first}).exitCode, 0);
        QCOMPARE(pemFiles(cli.keysDir()).size(), 1);
        QCOMPARE(cli.run({u"jwks"_s}).out.count(u"\"kid\""_s), 1);
        QCOMPARE(cli.run({u"keys"_s, u"activate"_s, u"--"_s, second}).exitCode, 0);
    }

    void inspectExitCodesFollowTheChecks()
    {
        SecurityCli cli;
        const QString good = cli.run({u"token"_s, u"--aud"_s, Aud}).out.trimmed();
        const QString bad = cli.run({u"token"_s, u"--aud"_s, Aud, u"--fault"_s, u"bad-signature"_s})
                                .out.trimmed();
        auto ok = cli.run(
            {u"inspect"_s, good, u"--aud"_s, Aud, u"--iss"_s, u"https://hookbench.local"_s});
        QCOMPARE(ok.exitCode, 0);
        QVERIFY(ok.out.contains(u"PASS signature"_s));
        const auto failed = cli.run({u"inspect"_s, bad, u"--json"_s});
        QCOMPARE(failed.exitCode, 1);
        const QJsonObject root = QJsonDocument::fromJson(failed.out.toUtf8()).object();
        QCOMPARE(root.value(u"valid"_s).toBool(), false);
        bool sawSignature = false;
        for (const QJsonValue &check : root.value(u"checks"_s).toArray()) {
            if (check[u"name"_s].toString() == u"signature") {
                sawSignature = true;
                QCOMPARE(check[u"passed"_s].toBool(), false);
            }
        }
        QVERIFY(sawSignature);
        const auto wrongAud = cli.run({u"inspect"_s, good, u"--aud"_s, Aud + u"/feedback"_s});
        QCOMPARE(wrongAud.exitCode, 1);
        QVERIFY(wrongAud.out.contains(u"FAIL aud"_s));

        // Against another installation's JWKS the kid is unknown.
        SecurityCli other;
        const QString otherJwks = other.home() + u"/jwks.json"_s;
        QFile file(otherJwks);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(other.run({u"jwks"_s}).out.toUtf8());
        file.close();
        const auto foreign = cli.run({u"inspect"_s, good, u"--jwks"_s, otherJwks});
        QCOMPARE(foreign.exitCode, 1);
        QVERIFY(foreign.out.contains(u"FAIL kid"_s));
    }
};

QTEST_GUILESS_MAIN(TestSecurityCli)
#include "tst_security_cli.moc"
