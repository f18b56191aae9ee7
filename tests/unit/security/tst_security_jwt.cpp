// Client JWT signing, the inspector and every deliberate fault (issue #5, checklist C10).
#include "security/base64url.h"
#include "security/clientjwt.h"
#include "security/jwtinspector.h"
#include "security/keymaterial.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::security;

Q_DECLARE_METATYPE(hb::security::JwtFault)
Q_DECLARE_METATYPE(hb::security::KeyAlgorithm)

namespace {
const QString Aud = u"http://127.0.0.1:8080/cds-services/patient-greeting"_s;
const QString Iss = u"https://hookbench.local"_s;

QByteArray signatureBytes(const QByteArray &token)
{
    return base64UrlDecode(token.split('.').value(2)).value_or("<invalid>");
}
} // namespace

class TestJwt : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    KeyStore m_store {m_tmp.path()};
    QString m_es, m_rs;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        m_rs = m_store.generate(KeyAlgorithm::RS384, &error);
        m_es = m_store.generate(KeyAlgorithm::ES384, &error);
        QVERIFY2(!m_es.isEmpty() && !m_rs.isEmpty(), qPrintable(error));
    }

    void validTokenHasEveryRequiredMember_data()
    {
        QTest::addColumn<KeyAlgorithm>("alg");
        QTest::addColumn<int>("signatureSize");
        QTest::newRow("ES384") << KeyAlgorithm::ES384 << 96; // raw r||s, not DER
        QTest::newRow("RS384") << KeyAlgorithm::RS384 << 384;
    }

    void validTokenHasEveryRequiredMember()
    {
        QFETCH(KeyAlgorithm, alg);
        QFETCH(int, signatureSize);
        ClientJwtOptions options;
        options.jku = QUrl(u"http://127.0.0.1:9999/.well-known/jwks.json"_s);
        options.tenant = u"tenant-1"_s;
        options.algorithm = alg;
        ClientJwtSigner signer(m_store, options);
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        const auto token = signer.sign(Aud);
        QVERIFY2(token.ok(), qPrintable(token.error));
        QCOMPARE(token.faultLabel, u"none"_s);
        QCOMPARE(token.token.count('.'), 2);
        QCOMPARE(token.header.value(u"alg"_s).toString(), algorithmName(alg));
        QCOMPARE(token.header.value(u"typ"_s).toString(), u"JWT"_s);
        QCOMPARE(token.header.value(u"kid"_s).toString(), alg == KeyAlgorithm::ES384 ? m_es : m_rs);
        QCOMPARE(token.header.value(u"jku"_s).toString(), options.jku.toString());
        QCOMPARE(token.claims.value(u"iss"_s).toString(), Iss);
        QCOMPARE(token.claims.value(u"aud"_s).toString(), Aud);
        QCOMPARE(token.claims.value(u"tenant"_s).toString(), u"tenant-1"_s);
        const qint64 iat = token.claims.value(u"iat"_s).toInteger();
        QVERIFY(iat >= before && iat <= QDateTime::currentSecsSinceEpoch());
        QCOMPARE(token.claims.value(u"exp"_s).toInteger(), iat + 300);
        static const QRegularExpression uuid4(
            u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
        QVERIFY(uuid4.match(token.claims.value(u"jti"_s).toString()).hasMatch());
        QCOMPARE(signatureBytes(token.token).size(), signatureSize);
        // Exactly the header and claims that were reported went on the wire.
        const JwtInspection decoded = JwtInspector::decode(token.token);
        QCOMPARE(decoded.header, token.header);
        QCOMPARE(decoded.claims, token.claims);

        JwtInspector inspector(m_store.publicJwks());
        const JwtInspection result = inspector.inspect(token.token, {Aud, Iss});
        for (const JwtCheck &check : result.checks)
            QVERIFY2(check.passed, qPrintable(check.name + u": "_s + check.detail));
        QVERIFY(result.valid());
        const QStringList names {u"typ"_s, u"alg"_s, u"kid"_s, u"signature"_s, u"iss"_s,
                                 u"aud"_s, u"exp"_s, u"iat"_s, u"jti"_s};
        for (const QString &name : names)
            QVERIFY2(result.check(name), qPrintable(name));
    }

    void everyTokenGetsAFreshJti()
    {
        ClientJwtSigner signer(m_store, {});
        QSet<QString> seen;
        for (int i = 0; i < 20; ++i)
            seen.insert(signer.sign(Aud).claims.value(u"jti"_s).toString());
        QCOMPARE(seen.size(), 20);
    }

    void faultNamesRoundTrip()
    {
        const QStringList expected {u"no-authorization"_s, u"expired"_s,   u"not-yet-valid"_s,
                                    u"wrong-aud"_s,        u"wrong-iss"_s, u"unknown-kid"_s,
                                    u"bad-signature"_s,    u"alg-none"_s,  u"hs256-public-key"_s,
                                    u"reused-jti"_s};
        QStringList names;
        for (JwtFault fault : allFaults()) {
            names << faultName(fault);
            QCOMPARE(faultFromName(faultName(fault)), std::optional<JwtFault>(fault));
        }
        QCOMPARE(names, expected);
        QVERIFY(!faultFromName(u"Expired"));
        QVERIFY(!faultFromName(u""));
    }

    void inspectorCatchesEachFault_data()
    {
        QTest::addColumn<KeyAlgorithm>("alg");
        QTest::addColumn<JwtFault>("fault");
        QTest::addColumn<QString>("failingCheck");
        QTest::addColumn<QString>("detail");
        const struct
        {
            JwtFault fault;
            const char16_t *check;
            const char16_t *detail;
        } cases[] = {
            {JwtFault::Expired, u"exp", u"expired"},
            {JwtFault::NotYetValid, u"nbf", u"not valid"},
            {JwtFault::WrongAudience, u"aud", u"expected exactly"},
            {JwtFault::WrongIssuer, u"iss", u"expected"},
            {JwtFault::UnknownKid, u"kid", u"not in the JWK Set"},
            {JwtFault::BadSignature, u"signature", u"does not match"},
            {JwtFault::AlgNone, u"alg", u"alg none"},
            {JwtFault::Hs256WithPublicKey, u"signature", u"key-confusion"},
        };
        for (auto alg : {KeyAlgorithm::ES384, KeyAlgorithm::RS384}) {
            for (const auto &c : cases) {
                QTest::addRow("%s %s", qPrintable(algorithmName(alg)),
                              qPrintable(faultName(c.fault)))
                    << alg << c.fault << QString::fromUtf16(c.check)
                    << QString::fromUtf16(c.detail);
            }
        }
    }

    void inspectorCatchesEachFault()
    {
        QFETCH(KeyAlgorithm, alg);
        QFETCH(JwtFault, fault);
        QFETCH(QString, failingCheck);
        QFETCH(QString, detail);
        ClientJwtOptions options;
        options.algorithm = alg;
        ClientJwtSigner signer(m_store, options);
        const auto token = signer.sign(Aud, fault);
        QVERIFY2(token.ok(), qPrintable(token.error));
        QCOMPARE(token.faultLabel, faultName(fault));
        JwtInspector inspector(m_store.publicJwks());
        const JwtInspection result = inspector.inspect(token.token, {Aud, Iss});
        QVERIFY(result.decoded);
        QVERIFY(!result.valid());
        const JwtCheck *check = result.check(failingCheck);
        QVERIFY2(check, qPrintable(failingCheck));
        QVERIFY2(!check->passed, qPrintable(check->detail));
        QVERIFY2(check->detail.contains(detail), qPrintable(check->detail));
        // Claim faults keep a valid signature: the service must check the claims, not only crypto.
        if (fault == JwtFault::Expired || fault == JwtFault::WrongAudience
            || fault == JwtFault::WrongIssuer || fault == JwtFault::NotYetValid)
            QVERIFY(result.check(u"signature"_s)->passed);
        if (fault == JwtFault::AlgNone)
            QVERIFY(token.token.endsWith('.'));
        if (fault == JwtFault::Hs256WithPublicKey)
            QVERIFY(!result.check(u"alg"_s)->passed);
    }

    void noAuthorizationHeaderMeansNoToken()
    {
        ClientJwtSigner signer(m_store, {});
        const auto token = signer.sign(Aud, JwtFault::NoAuthorizationHeader);
        QVERIFY(token.ok());
        QVERIFY(token.token.isEmpty());
        QCOMPARE(token.faultLabel, u"no-authorization"_s);
        QVERIFY(!token.detail.isEmpty());
    }

    void reusedJtiRepeatsThePreviousTokenAndIsCaught()
    {
        ClientJwtSigner signer(m_store, {});
        JwtInspector inspector(m_store.publicJwks());
        const auto first = signer.sign(Aud);
        const auto replay = signer.sign(Aud, JwtFault::ReusedJti);
        QCOMPARE(replay.claims.value(u"jti"_s), first.claims.value(u"jti"_s));
        QVERIFY(replay.token != first.token);
        QVERIFY(inspector.inspect(first.token, {Aud, Iss}).valid());
        const JwtInspection second = inspector.inspect(replay.token, {Aud, Iss});
        QVERIFY(!second.check(u"jti"_s)->passed);
        QVERIFY(second.check(u"jti"_s)->detail.contains(u"replay"_s));
        QVERIFY(second.check(u"signature"_s)->passed);

        // A signer that never signed before has nothing to reuse: it says so.
        ClientJwtSigner fresh(m_store, {});
        const auto lone = fresh.sign(Aud, JwtFault::ReusedJti);
        QVERIFY(lone.detail.contains(u"no earlier token"_s));
        QCOMPARE(fresh.sign(Aud, JwtFault::ReusedJti).claims.value(u"jti"_s),
                 lone.claims.value(u"jti"_s));
    }

    void forgedTokensDoNotPoisonTheReplayCache()
    {
        ClientJwtSigner signer(m_store, {});
        JwtInspector inspector(m_store.publicJwks());
        const auto bad = signer.sign(Aud, JwtFault::BadSignature);
        QVERIFY(!inspector.inspect(bad.token, {Aud, Iss}).valid());
        QCOMPARE(inspector.replayCache().size(), 0);
    }

    void rotationTakesEffectOnTheNextToken()
    {
        QTemporaryDir tmp;
        KeyStore store(tmp.path());
        QString error;
        const QString first = store.generate(KeyAlgorithm::ES384, &error);
        ClientJwtSigner signer(store, {});
        const auto before = signer.sign(Aud);
        const QString second = store.rotate(KeyAlgorithm::ES384, &error);
        const auto after = signer.sign(Aud);
        QCOMPARE(before.header.value(u"kid"_s).toString(), first);
        QCOMPARE(after.header.value(u"kid"_s).toString(), second);
        // Both still verify: the old key stays in the JWKS.
        JwtInspector inspector(store.publicJwks());
        QVERIFY(inspector.inspect(before.token, {Aud, Iss}).valid());
        QVERIFY(inspector.inspect(after.token, {Aud, Iss}).valid());
    }

    void signingWithoutKeysIsAnErrorNotACrash()
    {
        QTemporaryDir tmp;
        KeyStore empty(tmp.path());
        ClientJwtSigner signer(empty, {});
        const auto token = signer.sign(Aud);
        QVERIFY(!token.ok());
        QVERIFY(token.token.isEmpty());
        ClientJwtOptions options;
        options.algorithm = KeyAlgorithm::RS384;
        QVERIFY(ClientJwtSigner(empty, options).sign(Aud).error.contains(u"RS384"_s));
    }

    void malformedTokensAreRejectedWithAReason_data()
    {
        QTest::addColumn<QByteArray>("token");
        QTest::addColumn<QString>("reason");
        QTest::newRow("empty") << QByteArray() << u"3 dot-separated"_s;
        QTest::newRow("two parts") << QByteArray("a.b") << u"3 dot-separated"_s;
        QTest::newRow("bad base64") << QByteArray("a+b.c.d") << u"header"_s;
        QTest::newRow("header not object") << (base64UrlEncode("[1]") + ".e30.") << u"header"_s;
        QTest::newRow("huge") << QByteArray(70000, 'a') << u"64 KiB"_s;
    }

    void malformedTokensAreRejectedWithAReason()
    {
        QFETCH(QByteArray, token);
        QFETCH(QString, reason);
        JwtInspector inspector(m_store.publicJwks());
        const JwtInspection result = inspector.inspect(token);
        QVERIFY(!result.decoded);
        QVERIFY(!result.valid());
        QVERIFY2(result.error.contains(reason), qPrintable(result.error));
    }

    void weakRsaKeysDoNotVerify()
    {
        // A JWKS is untrusted input too: a 1024-bit RSA key must not make a token "valid".
        hb::security::ossl::PKeyPtr weak(
            EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(1024)));
        QJsonObject jwk = keys::publicJwk(weak.get());
        jwk.insert(u"kid"_s, u"weak"_s);
        const QJsonObject header {
            {u"alg"_s, u"RS384"_s}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, u"weak"_s}};
        const QJsonObject claims {{u"iss"_s, Iss},
                                  {u"aud"_s, Aud},
                                  {u"jti"_s, u"1"_s},
                                  {u"iat"_s, QDateTime::currentSecsSinceEpoch()},
                                  {u"exp"_s, QDateTime::currentSecsSinceEpoch() + 60}};
        const QByteArray input
            = base64UrlEncode(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
            + base64UrlEncode(QJsonDocument(claims).toJson(QJsonDocument::Compact));
        QString error;
        const QByteArray signature = keys::sign(weak.get(), KeyAlgorithm::RS384, input, &error);
        QVERIFY(!signature.isEmpty());
        JwtInspector inspector(QJsonObject {{u"keys"_s, QJsonArray {jwk}}});
        const auto result = inspector.inspect(input + '.' + base64UrlEncode(signature), {Aud, Iss});
        QVERIFY(!result.check(u"signature"_s)->passed);
        QVERIFY2(result.check(u"signature"_s)->detail.contains(u"1024 bits"_s),
                 qPrintable(result.check(u"signature"_s)->detail));
    }

    void bearerPrefixAndExpectationsAreHonoured()
    {
        ClientJwtSigner signer(m_store, {});
        const auto token = signer.sign(Aud);
        JwtInspector inspector(m_store.publicJwks());
        QVERIFY(inspector.inspect("Bearer " + token.token, {Aud, Iss}).valid());
        // The same token presented to another endpoint fails aud.
        JwtInspector other(m_store.publicJwks());
        const auto elsewhere = other.inspect(token.token, {Aud + u"/feedback"_s, Iss});
        QVERIFY(!elsewhere.check(u"aud"_s)->passed);
        // Evaluated 10 minutes later it has expired.
        JwtExpectations later {Aud, Iss, token.claims.value(u"exp"_s).toInteger() + 600, 0};
        JwtInspector third(m_store.publicJwks());
        QVERIFY(!third.inspect(token.token, later).check(u"exp"_s)->passed);
    }
};

QTEST_GUILESS_MAIN(TestJwt)
#include "tst_security_jwt.moc"
