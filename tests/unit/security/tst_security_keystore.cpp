// Key management (issue #5): generation, JWK Set shape (RFC 7517/7518), kids, rotation, import,
// file permissions.
#include "security/base64url.h"
#include "security/keymaterial.h"
#include "security/keystore.h"

#include <openssl/pem.h>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace hb::security;

Q_DECLARE_METATYPE(hb::security::KeyAlgorithm)

namespace {
int fileMode(const QString &path)
{
    struct stat st
    {
    };
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return static_cast<int>(st.st_mode & 07777);
}

QByteArray decoded(const QJsonObject &jwk, const QString &member)
{
    return base64UrlDecode(jwk.value(member).toString().toLatin1()).value_or("<invalid>");
}
} // namespace

class TestKeyStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void es384JwkHasRfc7518Members()
    {
        QTemporaryDir tmp;
        KeyStore store(tmp.path());
        QString error;
        const QString kid = store.generate(KeyAlgorithm::ES384, &error);
        QVERIFY2(!kid.isEmpty(), qPrintable(error));
        QCOMPARE(store.activeKid(), kid);
        const QJsonArray list = store.publicJwks().value(u"keys"_s).toArray();
        QCOMPARE(list.size(), 1);
        const QJsonObject jwk = list.first().toObject();
        QCOMPARE(jwk.value(u"kty"_s).toString(), u"EC"_s);
        QCOMPARE(jwk.value(u"crv"_s).toString(), u"P-384"_s);
        QCOMPARE(jwk.value(u"alg"_s).toString(), u"ES384"_s);
        QCOMPARE(jwk.value(u"use"_s).toString(), u"sig"_s);
        QCOMPARE(jwk.value(u"kid"_s).toString(), kid);
        QCOMPARE(decoded(jwk, u"x"_s).size(), 48);
        QCOMPARE(decoded(jwk, u"y"_s).size(), 48);
        QVERIFY(!jwk.contains(u"d"_s));
        QCOMPARE(jwk.size(), 7);
        // kid is the RFC 7638 thumbprint: 32 bytes of SHA-256 in base64url.
        QCOMPARE(kid, keys::thumbprint(jwk));
        QCOMPARE(base64UrlDecode(kid.toLatin1())->size(), 32);
    }

    void rs384JwkIs3072BitRsa()
    {
        QTemporaryDir tmp;
        KeyStore store(tmp.path());
        QString error;
        const QString kid = store.generate(KeyAlgorithm::RS384, &error);
        QVERIFY2(!kid.isEmpty(), qPrintable(error));
        const QJsonObject jwk = store.publicJwk(kid);
        QCOMPARE(jwk.value(u"kty"_s).toString(), u"RSA"_s);
        QCOMPARE(jwk.value(u"alg"_s).toString(), u"RS384"_s);
        QCOMPARE(decoded(jwk, u"n"_s).size(), 384);
        QCOMPARE(decoded(jwk, u"e"_s), QByteArray("\x01\x00\x01", 3));
        for (const char *secret : {"d", "p", "q", "dp", "dq", "qi"})
            QVERIFY2(!jwk.contains(QLatin1String(secret)), secret);
    }

    void privateKeyFileIsOwnerOnly()
    {
        QTemporaryDir tmp;
        const mode_t old = ::umask(0); // the most permissive umask must not widen the file
        KeyStore store(tmp.filePath(u"keys"_s));
        QString error;
        const QString kid = store.generate(KeyAlgorithm::ES384, &error);
        ::umask(old);
        QVERIFY2(!kid.isEmpty(), qPrintable(error));
        const QString pem = store.keys().first().fileName;
        QCOMPARE(fileMode(pem), 0600);
        QCOMPARE(fileMode(tmp.filePath(u"keys"_s)), 0700);
        QFile file(pem);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().startsWith("-----BEGIN PRIVATE KEY-----"));
        // No temporary file stays behind.
        QCOMPARE(QDir(tmp.filePath(u"keys"_s)).entryList(QDir::Files).size(), 2);
    }

    void rotationKeepsOldKeysPublished()
    {
        QTemporaryDir tmp;
        KeyStore store(tmp.path());
        QString error;
        const QString first = store.generate(KeyAlgorithm::ES384, &error);
        const QString second = store.rotate(KeyAlgorithm::RS384, &error);
        QVERIFY2(!second.isEmpty(), qPrintable(error));
        QVERIFY(first != second);
        QCOMPARE(store.activeKid(), second);
        QCOMPARE(store.publicJwks().value(u"keys"_s).toArray().size(), 2);
        QCOMPARE(store.kidFor(KeyAlgorithm::ES384), first);
        QCOMPARE(store.kidFor(KeyAlgorithm::RS384), second);

        // The active key cannot be removed; the old one can, and its file goes.
        QVERIFY(!store.remove(second, &error));
        QVERIFY(error.contains(u"active"_s));
        const QString firstFile = store.keys().first().fileName;
        QVERIFY(store.remove(first, &error));
        QVERIFY(!QFile::exists(firstFile));
        QVERIFY(!store.remove(u"no-such-kid"_s, &error));

        KeyStore reloaded(tmp.path());
        QVERIFY2(reloaded.load(&error), qPrintable(error));
        QCOMPARE(reloaded.keys().size(), 1);
        QCOMPARE(reloaded.activeKid(), second);
        QVERIFY(reloaded.keys().first().active);
        QCOMPARE(reloaded.publicJwks(), store.publicJwks());
    }

    void importPemUsesThumbprintKid()
    {
        QTemporaryDir tmp;
        QString error;
        const auto key = keys::generate(KeyAlgorithm::ES384, &error);
        const QByteArray pem = keys::toPrivatePem(key.get(), &error);
        KeyStore store(tmp.path());
        QString kid;
        QVERIFY2(store.importPem(pem, &error, &kid), qPrintable(error));
        QCOMPARE(kid, keys::thumbprint(keys::publicJwk(key.get())));
        QCOMPARE(store.activeKid(), kid);
        // The same key twice would break kid uniqueness.
        QVERIFY(!store.importPem(pem, &error));
        QVERIFY(error.contains(u"already"_s));
    }

    void importRejectsWhatCannotSign_data()
    {
        QTest::addColumn<QByteArray>("pem");
        QTest::addColumn<QString>("expected");
        QTest::newRow("garbage") << QByteArray("hello") << u"private key PEM"_s;
        QTest::newRow("huge") << QByteArray(100000, 'A') << u"64 KiB"_s;
        QString error;
        const auto key = keys::generate(KeyAlgorithm::ES384, &error);
        QTest::newRow("public key only") << keys::toPublicPem(key.get()) << u"private key PEM"_s;
        const auto p256
            = hb::security::ossl::PKeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
        QTest::newRow("P-256") << keys::toPrivatePem(p256.get(), &error) << u"P-384"_s;
    }

    void importRejectsWhatCannotSign()
    {
        QFETCH(QByteArray, pem);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        KeyStore store(tmp.path());
        QString error;
        QVERIFY(!store.importPem(pem, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
        QVERIFY(store.keys().isEmpty());
    }

    void importAcceptsTraditionalPemForms_data()
    {
        QTest::addColumn<KeyAlgorithm>("alg");
        QTest::addColumn<QByteArray>("marker");
        QTest::newRow("SEC1 EC") << KeyAlgorithm::ES384 << QByteArray("BEGIN EC PRIVATE KEY");
        QTest::newRow("PKCS#1 RSA") << KeyAlgorithm::RS384 << QByteArray("BEGIN RSA PRIVATE KEY");
    }

    void importAcceptsTraditionalPemForms()
    {
        QFETCH(KeyAlgorithm, alg);
        QFETCH(QByteArray, marker);
        QString error;
        const auto key = keys::generate(alg, &error);
        ossl::BioPtr bio(BIO_new(BIO_s_mem()));
        QVERIFY(PEM_write_bio_PrivateKey_traditional(bio.get(), key.get(), nullptr, nullptr, 0,
                                                     nullptr, nullptr));
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio.get(), &data);
        const QByteArray text(data, static_cast<qsizetype>(size));
        QVERIFY(text.contains(marker));
        QTemporaryDir tmp;
        KeyStore store(tmp.path());
        QString kid;
        QVERIFY2(store.importPem(text, &error, &kid), qPrintable(error));
        QCOMPARE(store.publicJwk(kid).value(u"alg"_s).toString(), algorithmName(alg));
    }

    void encryptedPemIsRefusedWithoutPrompting()
    {
        // OpenSSL's default would ask for a passphrase on the terminal and hang a headless run.
        QString error;
        const auto key = keys::generate(KeyAlgorithm::ES384, &error);
        ossl::BioPtr bio(BIO_new(BIO_s_mem()));
        char pass[] = "secret";
        QVERIFY(PEM_write_bio_PKCS8PrivateKey(bio.get(), key.get(), EVP_aes_256_cbc(), pass, 6,
                                              nullptr, nullptr));
        char *data = nullptr;
        const long size = BIO_get_mem_data(bio.get(), &data);
        const QByteArray text(data, static_cast<qsizetype>(size));
        QVERIFY(text.contains("ENCRYPTED"));
        QTemporaryDir tmp;
        KeyStore store(tmp.path());
        QVERIFY(!store.importPem(text, &error));
        QVERIFY2(error.contains(u"unencrypted"_s), qPrintable(error));
    }

    void openDefaultCreatesOneKeyUnderHome()
    {
        QTemporaryDir tmp;
        qputenv("HOOKBENCH_HOME", tmp.path().toUtf8());
        QString error;
        const KeyStore store = KeyStore::openDefault(&error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(store.dir(), tmp.filePath(u"keys"_s));
        QCOMPARE(store.keys().size(), 1);
        QCOMPARE(store.keys().first().algorithm, KeyAlgorithm::ES384);
        // Second open loads the same key instead of generating another.
        const KeyStore again = KeyStore::openDefault(&error);
        QCOMPARE(again.activeKid(), store.activeKid());
        QCOMPARE(again.keys().size(), 1);
    }

    void corruptIndexIsKeptAsideNotOverwritten()
    {
        QTemporaryDir tmp;
        qputenv("HOOKBENCH_HOME", tmp.path().toUtf8());
        QDir().mkpath(tmp.filePath(u"keys"_s));
        QFile index(tmp.filePath(u"keys/index.json"_s));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write("{ not json");
        index.close();
        QString error;
        const KeyStore store = KeyStore::openDefault(&error);
        QVERIFY(error.contains(u"not a JSON object"_s));
        QCOMPARE(store.keys().size(), 1); // still usable
        const QStringList aside
            = QDir(tmp.filePath(u"keys"_s)).entryList({u"index.json.unreadable-*"_s});
        QCOMPARE(aside.size(), 1);
        QFile kept(tmp.filePath(u"keys/"_s + aside.first()));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("{ not json"));
    }

    void tamperedIndexCannotEscapeFolder()
    {
        QTemporaryDir tmp;
        QFile index(tmp.filePath(u"index.json"_s));
        QVERIFY(index.open(QIODevice::WriteOnly));
        index.write(R"({"active":"../x","keys":[{"kid":"../../etc/passwd","alg":"ES384"}]})");
        index.close();
        KeyStore store(tmp.path());
        QString error;
        QVERIFY(!store.load(&error));
        QVERIFY(store.keys().isEmpty());
        QVERIFY(store.activeKid().isEmpty());
    }

    void base64UrlIsStrict()
    {
        QCOMPARE(base64UrlEncode("\xfb\xff"), QByteArray("-_8"));
        QCOMPARE(base64UrlDecode("-_8"), std::optional<QByteArray>("\xfb\xff"));
        QVERIFY(!base64UrlDecode("+/8"));
        QVERIFY(!base64UrlDecode("-_8="));
        QVERIFY(!base64UrlDecode("a"));
        QCOMPARE(base64UrlDecode(""), std::optional<QByteArray>(QByteArray()));
    }
};

QTEST_GUILESS_MAIN(TestKeyStore)
#include "tst_security_keystore.moc"
