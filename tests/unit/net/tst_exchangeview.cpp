// What the inspector and the bug report show for an exchange: foldable, escaped JSON lines,
// redacted header tables, the CORS rule a failure breaks, the JWT warning when a service accepted
// a deliberately faulty token, findings with their rule text, timing phases that add up.
#include "net/bugreport.h"
#include "net/exchangeview.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

// header {"alg":"ES384","typ":"JWT"} . claims {"iss":"https://hookbench.local","aud":"x"} . sig
const QByteArray kJwt = "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9."
                        "eyJpc3MiOiJodHRwczovL2hvb2tiZW5jaC5sb2NhbCIsImF1ZCI6IngifQ.c2ln";

Exchange faultyCall()
{
    Exchange e;
    e.id = 7;
    e.kind = u"hook"_s;
    e.method = "POST";
    e.url = QUrl(u"http://127.0.0.1:4000/cds-services/patient-greeting"_s);
    e.requestHeaders = {{"Authorization", "Bearer " + kJwt}, {"Content-Type", "application/json"}};
    e.jwt = decodeJwt("Bearer " + kJwt);
    e.jwt->fault = u"expired"_s;
    e.status = 200;
    e.responseBody = R"({"cards":[{"summary":"<script>x</script>","indicator":"info",)"
                     R"("source":{"label":"Demo","topic":{"code":"greeting","system":"s"}}}]})";
    e.findings.append({u"V15"_s, hb::core::Severity::Error, u"/cards/0/source/url"_s,
                       u"source.url must be absolute"_s});
    e.timings.connectStartMs = 0.2;
    e.timings.requestSentMs = 0.5;
    e.timings.firstByteMs = 2.0;
    e.timings.totalMs = 2.25;
    return e;
}

} // namespace

class TestExchangeView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonLinesFoldAndEscape()
    {
        const auto lines = jsonLines(QJsonDocument::fromJson(R"({"a":[1,2],"b":"<i>"})").object());
        QCOMPARE(lines.size(), 7); // {  "a": [  1,  2  ],  "b": "<i>"  }
        QCOMPARE(lines.at(0).end, 6);
        QCOMPARE(lines.at(1).text, u"\"a\": ["_s);
        QCOMPARE(lines.at(1).end, 4);
        QCOMPARE(lines.at(2).depth, 2);
        QCOMPARE(lines.at(2).end, 2); // a scalar folds nothing
        QVERIFY(lines.at(5).html.contains(u"&lt;i&gt;"_s));
        QVERIFY(!lines.at(5).html.contains(u"<i>"_s));
    }

    void inspectorShowsWhatAUserChecks()
    {
        const QJsonObject view = inspectorView(faultyCall());
        const QJsonArray headers = view[u"request"_s][u"headers"_s].toArray();
        QCOMPARE(headers.at(0)[u"value"_s].toString(), u"Bearer [redacted]"_s);
        const QJsonObject body = view[u"response"_s][u"body"_s].toObject();
        QVERIFY(body[u"json"_s].toBool());
        QVERIFY(body[u"text"_s].toString().contains(u"\"greeting\""_s)); // a code, not a secret
        // The coloured lines are rich text: the service's markup is escaped in them.
        bool escaped = false;
        for (const auto &line : body[u"lines"_s].toArray()) {
            QVERIFY(!line[u"html"_s].toString().contains(u"<script>"_s));
            escaped |= line[u"html"_s].toString().contains(u"&lt;script&gt;"_s);
        }
        QVERIFY(escaped);

        const QJsonObject jwt = view[u"jwt"_s].toObject();
        QVERIFY(jwt[u"acceptedFaulty"_s].toBool());
        QVERIFY(jwt[u"warning"_s].toString().contains(u"ACCEPTED"_s));
        QCOMPARE(jwt[u"claims"_s][0][u"name"_s].toString(), u"aud"_s);
        bool signatureUnknown = false;
        for (const auto &check : jwt[u"checks"_s].toArray())
            signatureUnknown
                |= check[u"name"_s] == u"signature"_s && check[u"state"_s] == u"unknown"_s;
        QVERIFY(signatureUnknown); // no JWK Set given: not claimed as verified

        const QJsonObject finding = view[u"findings"_s][0].toObject();
        QCOMPARE(finding[u"ruleId"_s].toString(), u"V15"_s);
        QVERIFY(finding[u"rule"_s][u"text"_s].toString().contains(u"absolute"_s));
        QVERIFY(
            finding[u"rule"_s][u"url"_s].toString().startsWith(u"https://cds-hooks.hl7.org/"_s));

        const QJsonObject t = view[u"timings"_s].toObject();
        QCOMPARE(t[u"queue"_s].toDouble(), 0.2);
        QCOMPARE(t[u"connect"_s].toDouble(), 0.3);
        QCOMPARE(t[u"wait"_s].toDouble(), 1.5);
        QCOMPARE(t[u"receive"_s].toDouble(), 0.25);
        QCOMPARE(t[u"total"_s].toDouble(), 2.25);
    }

    void corsFailureNamesItsRule()
    {
        Exchange e = faultyCall();
        CorsEvaluation c;
        c.verdict = CorsVerdict::Fail;
        c.stage = CorsStage::Actual;
        c.firefoxCode = u"CORSMissingAllowOrigin"_s;
        e.cors = c;
        const QJsonObject cors = inspectorView(e)[u"cors"_s].toObject();
        QCOMPARE(cors[u"rule"_s][u"id"_s].toString(), u"CORS6"_s);
        QVERIFY(cors[u"rule"_s][u"text"_s].toString().contains(u"whatever its status"_s));
        QVERIFY(cors[u"firefoxRule"_s][u"text"_s].toString().contains(
            u"Access-Control-Allow-Origin"_s));
    }

    void bugReportBundle()
    {
        QTemporaryDir dir;
        QString error;
        const auto report = writeBugReport(dir.path(), {faultyCall()}, &error);
        QVERIFY2(report, qPrintable(error));
        QCOMPARE(report->files,
                 (QStringList {u"exchanges.har"_s, u"cards.json"_s, u"findings.json"_s,
                               u"jwts.json"_s, u"versions.json"_s}));
        const auto read = [&](const QString &name) {
            QFile file(QDir(report->folder).filePath(name));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        };
        QVERIFY(!read(u"exchanges.har"_s).contains(kJwt));
        QVERIFY(!read(u"jwts.json"_s).contains(kJwt)); // decoded, never the token
        QVERIFY(read(u"jwts.json"_s).contains("\"expired\""));
        QVERIFY(read(u"cards.json"_s).contains("\"greeting\""));
        QVERIFY(read(u"findings.json"_s).contains("V15"));
        QCOMPARE(QJsonDocument::fromJson(read(u"versions.json"_s))[u"qt"_s].toString(),
                 QString::fromLatin1(qVersion()));
    }
};

QTEST_GUILESS_MAIN(TestExchangeView)
#include "tst_exchangeview.moc"
