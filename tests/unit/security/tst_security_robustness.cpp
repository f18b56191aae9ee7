// Bad input never crashes or hangs (common brief): mutated tokens and hostile JWK Sets go through
// the inspector; none may be reported valid unless it is byte-for-byte the signed token.
#include "security/base64url.h"
#include "security/clientjwt.h"
#include "security/jwtinspector.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::security;

namespace {
const QString Aud = u"http://127.0.0.1:8080/cds-services/x"_s;
constexpr char Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
} // namespace

class TestSecurityRobustness : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    KeyStore m_store {m_tmp.path()};

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY(!m_store.generate(KeyAlgorithm::RS384, &error).isEmpty());
        QVERIFY(!m_store.generate(KeyAlgorithm::ES384, &error).isEmpty());
    }

    void mutatedTokensNeverVerify()
    {
        QRandomGenerator random(20261129); // fixed seed: failures are reproducible
        for (auto alg : {KeyAlgorithm::ES384, KeyAlgorithm::RS384}) {
            ClientJwtOptions options;
            options.algorithm = alg;
            ClientJwtSigner signer(m_store, options);
            const QByteArray token = signer.sign(Aud).token;
            int decodedCount = 0;
            for (int i = 0; i < 1500; ++i) {
                QByteArray mutated = token;
                const int edits = 1 + int(random.bounded(4));
                for (int e = 0; e < edits; ++e) {
                    const qsizetype at = random.bounded(int(mutated.size()));
                    switch (random.bounded(4)) {
                    case 0:
                        mutated[at] = char(random.bounded(256));
                        break;
                    case 3: // stays inside the base64url alphabet, so it reaches the checks
                        mutated[at] = Alphabet[random.bounded(64)];
                        break;
                    case 1:
                        mutated.remove(at, 1 + random.bounded(8));
                        break;
                    default:
                        mutated.insert(at, char(random.bounded(32, 127)));
                    }
                }
                if (mutated == token)
                    continue;
                JwtInspector inspector(m_store.publicJwks());
                const JwtInspection result = inspector.inspect(mutated, {Aud, {}});
                decodedCount += result.decoded ? 1 : 0;
                // Base64url has slack bits in its last character: a change there may decode to
                // the same bytes, and then the token is legitimately still valid.
                if (result.valid()) {
                    const auto parts = mutated.split('.');
                    const auto original = token.split('.');
                    QVERIFY(parts.size() == 3);
                    QCOMPARE(base64UrlDecode(parts[0]), base64UrlDecode(original[0]));
                    QCOMPARE(base64UrlDecode(parts[1]), base64UrlDecode(original[1]));
                    QCOMPARE(base64UrlDecode(parts[2]), base64UrlDecode(original[2]));
                }
            }
            QVERIFY(decodedCount > 50); // mutations reached the signature and claim checks
        }
    }

    void everySignatureCharacterMatters()
    {
        for (auto alg : {KeyAlgorithm::ES384, KeyAlgorithm::RS384}) {
            ClientJwtOptions options;
            options.algorithm = alg;
            ClientJwtSigner signer(m_store, options);
            const QByteArray token = signer.sign(Aud).token;
            JwtInspector inspector(m_store.publicJwks());
            // The last character carries slack bits; every other one changes the signature.
            for (qsizetype i = token.lastIndexOf('.') + 1; i < token.size() - 1; ++i) {
                QByteArray mutated = token;
                mutated[i] = mutated[i] == 'A' ? 'B' : 'A';
                const JwtInspection result = inspector.inspect(mutated, {Aud, {}});
                QVERIFY(result.decoded);
                QVERIFY2(!result.check(u"signature"_s)->passed, qPrintable(QString::number(i)));
            }
        }
    }

    void hostileJwkSetsAreHandled()
    {
        ClientJwtSigner signer(m_store, {});
        const auto token = signer.sign(Aud);
        const QString kid = token.header.value(u"kid"_s).toString();
        const QList<QJsonObject> hostile {
            {},
            {{u"keys"_s, u"not an array"_s}},
            {{u"keys"_s, QJsonArray {1, u"x"_s, QJsonArray {}}}},
            {{u"keys"_s, QJsonArray {QJsonObject {{u"kid"_s, kid}}}}},
            {{u"keys"_s,
              QJsonArray {QJsonObject {{u"kid"_s, kid},
                                       {u"kty"_s, u"EC"_s},
                                       {u"crv"_s, u"P-384"_s},
                                       {u"x"_s, u"AAAA"_s},
                                       {u"y"_s, u"AAAA"_s}}}}},
            {{u"keys"_s,
              QJsonArray {QJsonObject {{u"kid"_s, kid},
                                       {u"kty"_s, u"EC"_s},
                                       {u"crv"_s, u"P-384"_s},
                                       {u"x"_s, QString(64, u'A')},
                                       {u"y"_s, QString(64, u'A')}}}}}, // not on curve
            {{u"keys"_s,
              QJsonArray {QJsonObject {
                  {u"kid"_s, kid}, {u"kty"_s, u"RSA"_s}, {u"n"_s, u"!!"_s}, {u"e"_s, u"AQAB"_s}}}}},
            {{u"keys"_s,
              QJsonArray {
                  QJsonObject {{u"kid"_s, kid}, {u"kty"_s, u"oct"_s}, {u"k"_s, u"c2VjcmV0"_s}}}}},
        };
        for (const QJsonObject &jwks : hostile) {
            JwtInspector inspector(jwks);
            const JwtInspection result = inspector.inspect(token.token, {Aud, {}});
            QVERIFY(result.decoded);
            QVERIFY2(!result.check(u"signature"_s)->passed,
                     QJsonDocument(jwks).toJson(QJsonDocument::Compact).constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestSecurityRobustness)
#include "tst_security_robustness.moc"
