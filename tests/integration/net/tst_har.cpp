// A HAR file Hookbench writes passes an independent HAR 1.2 validator (npm har-validator, run with
// node); tokens are redacted unless asked for; copy-as-curl repeats the request.
#include "net/har.h"
#include "rawserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

// header {"alg":"ES384","typ":"JWT"} . claims {"iss":"https://hookbench.local","aud":"x"} . sig
const QByteArray kJwt = "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9."
                        "eyJpc3MiOiJodHRwczovL2hvb2tiZW5jaC5sb2NhbCIsImF1ZCI6IngifQ.c2ln";

QString toolsDir()
{
    return QStringLiteral(HOOKBENCH_SOURCE_DIR "/tests/tools");
}

QList<Exchange> recordSomeExchanges()
{
    RawServer server([](const RawRequest &r) {
        if (r.target == "/big")
            return rawResponse(200, {"Content-Type: text/plain"}, QByteArray(5000, 'x'));
        return rawResponse(200,
                           {"Content-Type: application/json", "Access-Control-Allow-Origin: *"},
                           R"({"cards":[],"access_token":"server-secret"})");
    });
    Transport transport;
    ExchangeLog log;
    log.setMaxBodyBytes(1000);
    TransportRequest call;
    call.method = "POST";
    call.url = server.url(u"/cds-services/greeting?x=1"_s);
    call.headers = {{"Authorization", "Bearer " + kJwt}, {"Content-Type", "application/json"}};
    call.body = R"({"hook":"patient-view","fhirAuthorization":{"access_token":"fhir-secret"}})";
    Exchange exchange = exchangeFor(call, u"hook"_s);
    exchange.setResponse(transport.sendAndWait(call));
    CorsRequest cors;
    cors.url = call.url;
    exchange.cors
        = evaluateCors(cors, std::nullopt, CorsResponse {200, exchange.responseHeaders, {}});
    exchange.findings.append(
        {u"V3"_s, hb::core::Severity::Error, u"/cards/0"_s, u"card.summary is required"_s});
    log.append(exchange);

    TransportRequest big;
    big.url = server.url(u"/big"_s);
    Exchange second = exchangeFor(big, u"discovery"_s);
    second.setResponse(transport.sendAndWait(big));
    log.append(second);

    TransportRequest refused;
    refused.url = QUrl(u"http://127.0.0.1:1/cds-services"_s);
    Exchange third = exchangeFor(refused, u"discovery"_s);
    third.setResponse(transport.sendAndWait(refused));
    log.append(third);
    return log.exchanges();
}

} // namespace

class TestHar : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void harPassesHarValidator()
    {
        const QString node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!node.isEmpty(),
                 "node is not installed (packaging/debian/build-deps.txt lists nodejs)");
        QVERIFY2(QFileInfo::exists(toolsDir() + u"/node_modules/har-validator/package.json"_s),
                 "tests/tools/node_modules is missing: run 'npm ci --prefix tests/tools' "
                 "(scripts/test does)");
        QList<Exchange> exchanges = recordSomeExchanges();
        QCOMPARE(exchanges.size(), 3);
        Exchange neverSent; // blocked before sending (mixed content): no date, no response
        neverSent.method = "POST";
        neverSent.url = QUrl(u"http://devbox.invalid:3000/cds-services/x"_s);
        neverSent.error = u"blocked as mixed content"_s;
        exchanges.append(neverSent);
        QTemporaryDir dir;
        const QString file = dir.filePath(u"session.har"_s);
        QString error;
        QVERIFY2(writeHar(file, exchanges, {}, &error), qPrintable(error));
        QProcess process;
        process.start(node, {toolsDir() + u"/validate-har.js"_s, file});
        QVERIFY(process.waitForFinished(60000));
        const QString output
            = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
        QVERIFY2(process.exitCode() == 0, qPrintable(output));
        QVERIFY2(output.contains(u"valid HAR 1.2: 4 entries"_s), qPrintable(output));

        // The validator must be able to fail: a HAR without the required fields is rejected.
        QJsonObject broken = toHar(exchanges);
        QJsonObject log = broken.value(u"log"_s).toObject();
        log.remove(u"creator"_s);
        broken.insert(u"log"_s, log);
        QFile brokenFile(dir.filePath(u"broken.har"_s));
        QVERIFY(brokenFile.open(QIODevice::WriteOnly));
        brokenFile.write(QJsonDocument(broken).toJson());
        brokenFile.close();
        process.start(node, {toolsDir() + u"/validate-har.js"_s, brokenFile.fileName()});
        QVERIFY(process.waitForFinished(60000));
        QCOMPARE(process.exitCode(), 1);
    }

    void harContent()
    {
        const QList<Exchange> exchanges = recordSomeExchanges();
        const QJsonObject har = toHar(exchanges);
        const QByteArray text = QJsonDocument(har).toJson();
        QVERIFY(!text.contains(kJwt));
        QVERIFY(!text.contains("fhir-secret"));
        QVERIFY(!text.contains("server-secret"));
        const QJsonArray entries = har[u"log"_s][u"entries"_s].toArray();
        const QJsonObject first = entries.at(0).toObject();
        QCOMPARE(first[u"request"_s][u"method"_s].toString(), u"POST"_s);
        QCOMPARE(first[u"response"_s][u"status"_s].toInt(), 200);
        QCOMPARE(first[u"_jwt"_s][u"claims"_s][u"iss"_s].toString(), u"https://hookbench.local"_s);
        QCOMPARE(first[u"_cors"_s][u"verdict"_s].toString(),
                 u"pass-with-warning"_s); // loopback: LNA prompt
        QCOMPARE(first[u"_findings"_s][0][u"ruleId"_s].toString(), u"V3"_s);
        QCOMPARE(first[u"request"_s][u"queryString"_s][0][u"name"_s].toString(), u"x"_s);
        // Bounded body, marked truncated.
        const QJsonObject second = entries.at(1).toObject();
        QCOMPARE(second[u"response"_s][u"content"_s][u"size"_s].toInt(), 5000);
        QCOMPARE(second[u"response"_s][u"content"_s][u"text"_s].toString().size(), 1000);
        QVERIFY(second[u"_truncated"_s].toBool());
        // No response: status 0 and the transport's sentence.
        const QJsonObject third = entries.at(2).toObject();
        QCOMPARE(third[u"response"_s][u"status"_s].toInt(), 0);
        QVERIFY(third[u"response"_s][u"_error"_s].toString().contains(u"Connection refused"_s));

        const QByteArray withTokens = QJsonDocument(toHar(exchanges, {true})).toJson();
        QVERIFY(withTokens.contains(kJwt));
        QVERIFY(withTokens.contains("fhir-secret"));
    }

    void timeIsTheSumOfTimingsAndNothingIsNull()
    {
        QList<Exchange> exchanges = recordSomeExchanges();
        Exchange neverSent;
        neverSent.method = "POST";
        neverSent.url = QUrl(u"http://devbox.invalid:3000/cds-services/x"_s);
        exchanges.append(neverSent);
        const QJsonArray entries = toHar(exchanges)[u"log"_s][u"entries"_s].toArray();
        QCOMPARE(entries.size(), 4);
        for (const auto &value : entries) {
            const QJsonObject entry = value.toObject();
            const QJsonObject timings = entry[u"timings"_s].toObject();
            // HAR 1.2: time is the sum of the available timings (ssl is part of connect).
            double sum = 0;
            for (const char *phase : {"blocked", "dns", "connect", "send", "wait", "receive"}) {
                const double ms = timings.value(QLatin1String(phase)).toDouble(-1);
                if (ms >= 0)
                    sum += ms;
            }
            QCOMPARE(entry[u"time"_s].toDouble(), sum);
            for (const char *required : {"send", "wait", "receive"})
                QVERIFY(timings.value(QLatin1String(required)).toDouble(-1) >= 0);
        }
        // The answered call spent real time: the phases are not all zero.
        QVERIFY(entries.at(0)[u"time"_s].toDouble() > 0);
        QVERIFY(entries.at(0)[u"timings"_s][u"connect"_s].toDouble() >= 0);
        // Optional members are left out, never null or empty strings.
        std::function<void(const QJsonValue &, const QString &)> noNulls
            = [&](const QJsonValue &v, const QString &path) {
                  QVERIFY2(!v.isNull() && !v.isUndefined(), qPrintable(path));
                  if (v.isObject()) {
                      const QJsonObject o = v.toObject();
                      for (auto it = o.begin(); it != o.end(); ++it) {
                          if (it.key().startsWith(u'_') || it.key() == u"comment"_s)
                              QVERIFY2(!(it->isString() && it->toString().isEmpty()),
                                       qPrintable(path + u'/' + it.key()));
                          noNulls(*it, path + u'/' + it.key());
                      }
                  } else if (v.isArray()) {
                      const QJsonArray a = v.toArray();
                      for (qsizetype i = 0; i < a.size(); ++i)
                          noNulls(a.at(i), path + u'/' + QString::number(i));
                  }
              };
        noNulls(QJsonValue(toHar(exchanges)), QString());
        QVERIFY(!entries.at(0)[u"response"_s].toObject().contains(u"_error"_s));
    }

    void curl()
    {
        Exchange e;
        e.method = "POST";
        e.url = QUrl(u"http://127.0.0.1:3000/cds-services/it's"_s);
        e.requestHeaders
            = {{"Authorization", "Bearer " + kJwt}, {"Content-Type", "application/json"}};
        const QByteArray body = "{\"a\":\"b'c\"}";
        e.requestBody = body;
        QCOMPARE(toCurl(e),
                 u"curl -X POST 'http://127.0.0.1:3000/cds-services/it'\\''s' -H 'Authorization: "
                 u"Bearer [redacted]' "
                 u"-H 'Content-Type: application/json' --data-raw '{\"a\":\"b'\\''c\"}'"_s);
        QVERIFY(toCurl(e, {true}).contains(QString::fromLatin1(kJwt)));
        // The command really works: run it through the shell against a loopback server.
        RawServer server([](const RawRequest &) { return rawResponse(200, {}, "ok"); });
        e.url = server.url(u"/echo"_s);
        const QString curlPath = QStandardPaths::findExecutable(u"curl"_s);
        if (curlPath.isEmpty())
            QSKIP("curl is not installed");
        QProcess shell;
        shell.start(u"/bin/sh"_s, {u"-c"_s, toCurl(e, {true})});
        QTRY_VERIFY_WITH_TIMEOUT(shell.state() == QProcess::NotRunning, 20000);
        QCOMPARE(shell.readAllStandardOutput(), QByteArray("ok"));
        QCOMPARE(server.requests.constFirst().body, body);
        QCOMPARE(server.requests.constFirst().header("authorization"), "Bearer " + kJwt);
    }
};

QTEST_GUILESS_MAIN(TestHar)
#include "tst_har.moc"
