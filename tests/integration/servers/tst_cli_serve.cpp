// End to end: `hookbench-cli serve --json` prints its URLs, serves >= 8 services over >= 6
// hooks, and exits cleanly on SIGTERM; `hookbench-cli patients` lists embedded and remote data.
#include "../../e2e/processrunner.h"
#include "httpclient.h"

#include "servers/embeddedservers.h"

#include <QJsonArray>
#include <QSet>

#include <csignal>

using namespace Qt::StringLiterals;

class TestCliServe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serveListsServicesAndStopsOnSigterm()
    {
        QProcess process;
        process.start(hookbenchBinary(u"hookbench-cli"_s), {u"serve"_s, u"--json"_s});
        QVERIFY(process.waitForStarted(10000));
        while (!process.canReadLine() && process.waitForReadyRead(20000)) { }
        const QByteArray line = process.readLine();
        const QJsonObject urls = QJsonDocument::fromJson(line).object();
        for (const QString &key :
             {u"fhir"_s, u"cdsServices"_s, u"authorize"_s, u"token"_s, u"jwks"_s})
            QVERIFY2(urls.value(key).toString().startsWith(u"http://127.0.0.1:"_s),
                     qPrintable(key + u" in "_s + QString::fromUtf8(line)));

        const auto discovery = httpGet(urls[u"cdsServices"_s].toString());
        QCOMPARE(discovery.status, 200);
        QSet<QString> ids, hooks;
        for (const auto &s : discovery.json()[u"services"_s].toArray()) {
            ids.insert(s[u"id"_s].toString());
            hooks.insert(s[u"hook"_s].toString());
        }
        QVERIFY2(ids.size() >= 8, qPrintable(QString::number(ids.size())));
        QVERIFY2(hooks.size() >= 6, qPrintable(QString::number(hooks.size())));
        const auto jwks = httpGet(urls[u"jwks"_s].toString());
        QCOMPARE(jwks.status, 200);
        QVERIFY(!jwks.json()[u"keys"_s].toArray().isEmpty()); // the client key (security issue)

        // An unauthenticated FHIR read is refused and shows up in the printed audit.
        QCOMPARE(httpGet(urls[u"fhir"_s].toString() + u"/Patient/pt-hana-sato"_s).status, 401);
        while (!process.canReadLine() && process.waitForReadyRead(20000)) { }
        const QJsonObject audit = QJsonDocument::fromJson(process.readLine()).object();
        QCOMPARE(audit[u"audit"_s][u"status"_s].toInt(), 401);
        QCOMPARE(audit[u"audit"_s][u"subject"_s].toString(), u"anonymous"_s);

        // Feedback a demo service receives is printed too.
        const QJsonObject item {{u"card"_s, u"c1"_s},
                                {u"outcome"_s, u"overridden"_s},
                                {u"outcomeTimestamp"_s, u"2026-01-01T00:00:00Z"_s}};
        QCOMPARE(httpPostJson(urls[u"cdsServices"_s].toString() + u"/care-gaps/feedback"_s,
                              {{u"feedback"_s, QJsonArray {item}}})
                     .status,
                 200);
        while (!process.canReadLine() && process.waitForReadyRead(20000)) { }
        const QJsonObject feedback = QJsonDocument::fromJson(process.readLine()).object();
        QCOMPARE(feedback[u"feedback"_s][u"service"_s].toString(), u"care-gaps"_s);
        QCOMPARE(feedback[u"feedback"_s][u"item"_s].toObject(), item);

        ::kill(static_cast<pid_t>(process.processId()), SIGTERM);
        QVERIFY(process.waitForFinished(20000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        QCOMPARE(process.exitCode(), 0);
    }

    void serveRejectsBadPort()
    {
        const auto result = runBinary(u"hookbench-cli"_s, {u"serve"_s, u"--port"_s, u"http"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"--port"_s));
    }

    void patientsEmbedded()
    {
        const auto all = runBinary(u"hookbench-cli"_s, {u"patients"_s, u"--json"_s});
        QCOMPARE(all.exitCode, 0);
        const QJsonArray patients = QJsonDocument::fromJson(all.out.toUtf8()).array();
        QVERIFY(patients.size() >= 12);
        for (const auto &p : patients)
            QVERIFY(!p[u"demonstrates"_s].toString().isEmpty());
        const auto byName
            = runBinary(u"hookbench-cli"_s, {u"patients"_s, u"--search"_s, u"keller"_s});
        QCOMPARE(byName.exitCode, 0);
        QVERIFY(byName.out.startsWith(u"pt-bruno-keller"_s));
        QCOMPARE(byName.out.count(u'\n'), 1);
        const auto byScenario
            = runBinary(u"hookbench-cli"_s, {u"patients"_s, u"--search"_s, u"pediatric"_s});
        QVERIFY(byScenario.out.contains(u"pt-eli-brooks"_s));
    }

    void patientsRemote()
    {
        hb::servers::EmbeddedServers open;
        open.setOptions({0, 0, false, true, true, {}});
        QVERIFY(open.start());
        const auto found = runBinary(u"hookbench-cli"_s,
                                     {u"patients"_s, u"--fhir"_s, open.baseUrls().fhir,
                                      u"--search"_s, u"ortiz"_s, u"--json"_s});
        QCOMPARE(found.exitCode, 0);
        const QJsonArray patients = QJsonDocument::fromJson(found.out.toUtf8()).array();
        QCOMPARE(patients.size(), 1);
        QCOMPARE(patients[0][u"id"_s].toString(), u"pt-carmen-ortiz"_s);

        hb::servers::EmbeddedServers locked;
        QVERIFY(locked.start());
        const auto refused
            = runBinary(u"hookbench-cli"_s, {u"patients"_s, u"--fhir"_s, locked.baseUrls().fhir});
        QCOMPARE(refused.exitCode, 1);
        QVERIFY2(refused.err.contains(u"HTTP 401"_s), qPrintable(refused.err));
        const QString token
            = locked.issueServiceToken(u"cli"_s, {u"user/Patient.read"_s}, {}).accessToken;
        const auto withToken
            = runBinary(u"hookbench-cli"_s,
                        {u"patients"_s, u"--fhir"_s, locked.baseUrls().fhir, u"--token"_s, token});
        QCOMPARE(withToken.exitCode, 0);
        QVERIFY(withToken.out.contains(u"pt-hana-sato"_s));

        const auto down = runBinary(u"hookbench-cli"_s,
                                    {u"patients"_s, u"--fhir"_s, u"http://127.0.0.1:1/fhir"_s});
        QCOMPARE(down.exitCode, 3);
    }
};

QTEST_GUILESS_MAIN(TestCliServe)
#include "tst_cli_serve.moc"
