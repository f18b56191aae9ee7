// What the inspector, HAR and curl hide: secrets only (Authorization values, OAuth tokens, the
// client secret, the authorization code in the authorization flow), never clinical data such as
// FHIR codings, override reasons or card topics, which are also named `code`.
#include "net/har.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

QByteArray fixture(const QString &name)
{
    QFile file(QStringLiteral(HOOKBENCH_TEST_DATA "/net/redaction/") + name);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(file.fileName()));
    return file.readAll();
}

QJsonObject object(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

} // namespace

class TestRedaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clinicalCodesStayVisible()
    {
        const QByteArray cards = fixture(u"cards.json"_s);
        QCOMPARE(redactBody(cards), cards); // byte for byte: nothing secret in it
        const QJsonObject card = object(redactBody(cards))[u"cards"_s][0].toObject();
        QCOMPARE(card[u"source"_s][u"topic"_s][u"code"_s].toString(), u"allergy"_s);
        QCOMPARE(card[u"overrideReasons"_s][0][u"code"_s].toString(), u"patient-tolerated"_s);
        QCOMPARE(card[u"suggestions"_s][0][u"actions"_s][0][u"resource"_s]
                     [u"medicationCodeableConcept"_s][u"coding"_s][0][u"code"_s]
                         .toString(),
                 u"1650142"_s);
    }

    void tokensAreRedactedCodingsAreNot()
    {
        const QJsonObject request
            = object(redactBody(fixture(u"fhir-authorization-request.json"_s)));
        QCOMPARE(request[u"fhirAuthorization"_s][u"access_token"_s].toString(), u"[redacted]"_s);
        QCOMPARE(request[u"fhirAuthorization"_s][u"subject"_s].toString(), u"svc"_s);
        QCOMPARE(request[u"prefetch"_s][u"conditions"_s][u"entry"_s][0][u"resource"_s][u"code"_s]
                        [u"coding"_s][0][u"code"_s]
                            .toString(),
                 u"44054006"_s);

        const QJsonObject token = object(redactBody(fixture(u"token-response.json"_s)));
        for (const char *secret : {"access_token", "refresh_token", "id_token"})
            QCOMPARE(token[QLatin1String(secret)].toString(), u"[redacted]"_s);
        QCOMPARE(token[u"patient"_s].toString(), u"pt-1"_s);
        QCOMPARE(token[u"scope"_s].toString(), u"patient/*.read"_s);
        QCOMPARE(token[u"code"_s].toString(),
                 u"not-a-secret-here"_s); // no JSON member is the OAuth code
    }

    void authorizationCodeOnlyInTheAuthorizationFlow()
    {
        // The token request of the authorization-code grant: the code and the secret are secrets.
        const QByteArray grant = "grant_type=authorization_code&code=SplxlOBeZQQYbYS6WxSbIA"
                                 "&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&client_secret=s3cr3t";
        const QByteArray redacted = redactBody(grant);
        QVERIFY(!redacted.contains("SplxlOBeZQQYbYS6WxSbIA"));
        QVERIFY(!redacted.contains("s3cr3t"));
        QVERIFY(redacted.contains("grant_type=authorization_code"));
        QVERIFY(redacted.contains("redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb"));
        // A FHIR search posted as a form names a clinical code: it stays.
        const QByteArray search = "patient=pt-1&code=http%3A%2F%2Floinc.org%7C4548-4";
        QCOMPARE(redactBody(search), search);
        // A refresh grant carries no code, but its refresh_token is a secret.
        QVERIFY(!redactBody("grant_type=refresh_token&refresh_token=r-1").contains("r-1"));
    }

    void authorizationRedirectHidesTheCode()
    {
        // The authorization server's answer: Location carries the code (with state).
        const HeaderLines headers
            = redactHeaders({{"Location", "http://127.0.0.1:9/cb?code=abc123&state=xyz"},
                             {"Authorization", "Bearer eyJ.x.y"},
                             {"Content-Type", "application/json"}});
        QCOMPARE(headers.at(0).value,
                 QByteArray("http://127.0.0.1:9/cb?code=%5Bredacted%5D&state=xyz"));
        QCOMPARE(headers.at(1).value, QByteArray("Bearer [redacted]"));
        QCOMPARE(headers.at(2).value, QByteArray("application/json"));
        // A Location without state is no authorization response: a FHIR search URL keeps its code.
        const HeaderLines search
            = redactHeaders({{"Location", "http://127.0.0.1:9/fhir/Observation?code=4548-4"}});
        QCOMPARE(search.at(0).value, QByteArray("http://127.0.0.1:9/fhir/Observation?code=4548-4"));
    }

    void curlAndHarKeepClinicalData()
    {
        Exchange e;
        e.method = "POST";
        e.url = QUrl(u"http://127.0.0.1:1/cds-services/allergy"_s);
        e.requestHeaders
            = {{"Authorization", "Bearer eyJ.secret.sig"}, {"Content-Type", "application/json"}};
        e.requestBody = fixture(u"fhir-authorization-request.json"_s);
        e.status = 200;
        e.responseBody = fixture(u"cards.json"_s);
        e.responseSize = e.responseBody.size();
        const QString curl = toCurl(e);
        QVERIFY(!curl.contains(u"eyJ.secret.sig"_s));
        QVERIFY(!curl.contains(u"tok-secret"_s));
        QVERIFY(curl.contains(u"44054006"_s));
        const QString har = QString::fromUtf8(QJsonDocument(toHar({e})).toJson());
        QVERIFY(har.contains(u"patient-tolerated"_s));
        QVERIFY(har.contains(u"allergy"_s));
        QVERIFY(!har.contains(u"tok-secret"_s));
        QVERIFY(!har.contains(u"\"code\": \"[redacted]\""_s));
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
