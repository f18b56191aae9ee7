// hookbench-cli bench against a trivial loopback service in another process (the lab of
// `hookbench-cli serve`): N=2000 calls at concurrency 16 with zero errors over 16 kept-alive
// connections, the documented JSON, errors counted by kind, the browser's CORS verdicts as
// `fire` gives them, and every way an HTTP/1.x answer can be framed (a Python fixture). Bounded
// in count and time; speed itself is bench/run's business.
#include "../processrunner.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

class TestCliBench : public QObject
{
    Q_OBJECT

private:
    QProcess m_serve;
    QString m_lab;

    ProcessResult bench(const QString &service, const QStringList &more,
                        const QString &discovery = {})
    {
        return runBinary(u"hookbench-cli"_s,
                         QStringList {u"bench"_s, u"--discovery"_s,
                                      discovery.isEmpty() ? m_lab : discovery, u"--service"_s,
                                      service, u"--fhir"_s, u"none"_s, u"--patient"_s,
                                      u"pt-hana-sato"_s, u"-q"_s}
                             + more,
                         QProcessEnvironment::systemEnvironment(), 100000);
    }

    static QJsonObject jsonOf(const ProcessResult &r)
    {
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QCOMPARE(runBinary(u"hookbench-cli"_s, {u"jwks"_s}).exitCode, 0);
        m_serve.start(hookbenchBinary(u"hookbench-cli"_s), {u"serve"_s, u"--json"_s, u"--quiet"_s});
        QVERIFY(m_serve.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(m_serve.canReadLine() || m_serve.state() != QProcess::Running,
                                 30000);
        m_lab = QJsonDocument::fromJson(m_serve.readLine()).object().value(u"lab"_s).toString();
        QVERIFY(!m_lab.isEmpty());
    }

    void cleanupTestCase()
    {
        m_serve.terminate();
        if (!m_serve.waitForFinished(10000))
            m_serve.kill();
    }

    void twoThousandCallsAtSixteenWithoutErrors()
    {
        const auto r = bench(u"cors-default"_s,
                             {u"-n"_s, u"2000"_s, u"-c"_s, u"16"_s, u"--no-cors"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // no progress bar when not on a terminal
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"ok"_s).toBool(), true);
        QCOMPARE(o.value(u"total"_s).toInt(), 2000);
        QCOMPARE(o.value(u"completed"_s).toInt(), 2000);
        QCOMPARE(o.value(u"errors"_s).toInt(-1), 0);
        QCOMPARE(o.value(u"concurrency"_s).toInt(), 16);
        QCOMPARE(o.value(u"cors"_s).toBool(true), false);
        QCOMPARE(o.value(u"client"_s).toString(), u"raw-http"_s);
        // Kept alive: one per call in flight, opened by the 16 warm-up calls before the clock.
        QCOMPARE(o.value(u"connections"_s).toInt(), 16);
        QVERIFY(o.value(u"errorsByKind"_s).toObject().isEmpty());
        QVERIFY(o.value(u"throughputPerSecond"_s).toDouble() > 0);
        QVERIFY(o.value(u"wallMs"_s).toDouble() > 0);
        const QJsonObject latency = o.value(u"latencyMs"_s).toObject();
        const double p50 = latency.value(u"p50"_s).toDouble(-1);
        const double p90 = latency.value(u"p90"_s).toDouble(-1);
        const double p99 = latency.value(u"p99"_s).toDouble(-1);
        const double max = latency.value(u"max"_s).toDouble(-1);
        QVERIFY(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max);
        // Signing an ES384 JWT alone takes a fraction of a millisecond.
        QVERIFY(o.value(u"clientOverheadMsPerCall"_s).toDouble(-1) > 0);
        QVERIFY(o.value(u"loopCpuMsPerCall"_s).toDouble(-1) > 0);

        // The text report says the same.
        const auto text
            = bench(u"cors-default"_s, {u"-n"_s, u"50"_s, u"-c"_s, u"4"_s, u"--no-cors"_s});
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(u"50 calls, concurrency 4, no CORS"_s), qPrintable(text.out));
        QVERIFY(text.out.contains(u"errors      0"_s));
    }

    void corsVerdictsAreTheBrowsers()
    {
        // With the browser emulation each call is a preflight and the call, judged as `fire`
        // judges them (lab rows: a correct service, a preflight without
        // Access-Control-Allow-Headers, an answer without Access-Control-Allow-Origin).
        const auto pass
            = bench(u"cors-default"_s, {u"-n"_s, u"40"_s, u"-c"_s, u"4"_s, u"--json"_s});
        QVERIFY2(pass.exitCode == 0, qPrintable(pass.out + pass.err));
        QCOMPARE(jsonOf(pass).value(u"cors"_s).toBool(), true);
        QCOMPARE(jsonOf(pass).value(u"errors"_s).toInt(-1), 0);
        for (const QString &service : {u"cors-no-acah"_s, u"cors-actual-no-acao"_s}) {
            const auto r = bench(service, {u"-n"_s, u"10"_s, u"-c"_s, u"2"_s, u"--json"_s});
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(jsonOf(r)[u"errorsByKind"_s][u"cors-blocked"_s].toInt(), 10);
            const auto fired = runBinary(u"hookbench-cli"_s,
                                         {u"fire"_s, u"--discovery"_s, m_lab, u"--service"_s,
                                          service, u"--fhir"_s, u"none"_s, u"--patient"_s,
                                          u"pt-hana-sato"_s, u"--json"_s, u"-q"_s});
            QCOMPARE(jsonOf(fired)[u"cors"_s][u"verdict"_s].toString(), u"fail"_s);
        }
        // Without the emulation the same answer is fine.
        QCOMPARE(bench(u"cors-actual-no-acao"_s, {u"-n"_s, u"10"_s, u"--no-cors"_s}).exitCode, 0);
        // A redirect is followed, as the browser follows it: by the Qt transport.
        const auto redirect
            = bench(u"cors-actual-redirect"_s, {u"-n"_s, u"10"_s, u"-c"_s, u"2"_s, u"--json"_s});
        QVERIFY2(redirect.exitCode == 0, qPrintable(redirect.out + redirect.err));
        QCOMPARE(jsonOf(redirect).value(u"client"_s).toString(), u"qt-network"_s);
    }

    void everyFramingIsRead()
    {
        QProcess fixture;
        fixture.start(u"/usr/bin/python3"_s,
                      {QStringLiteral(HOOKBENCH_SOURCE_DIR "/tests/e2e/cli/framing_service.py")});
        QVERIFY(fixture.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(fixture.canReadLine() || fixture.state() != QProcess::Running,
                                 20000);
        const QString discovery
            = QJsonDocument::fromJson(fixture.readLine()).object()[u"discovery"_s].toString();
        QVERIFY(!discovery.isEmpty());
        // How many connections 30 calls at 3 in flight, after 3 uncounted warm-up calls, need:
        // 3 when kept alive, 33 when the server closes each one.
        const QList<std::pair<QString, int>> modes {{u"content-length"_s, 3},
                                                    {u"chunked"_s, 3},
                                                    {u"interim"_s, 3},
                                                    {u"close"_s, 33},
                                                    {u"http10"_s, 33}};
        for (const auto &[mode, connections] : modes) {
            const auto r = bench(mode,
                                 {u"-n"_s, u"30"_s, u"-c"_s, u"3"_s, u"--no-cors"_s, u"--json"_s,
                                  u"--timeout"_s, u"10000"_s},
                                 discovery);
            const QJsonObject o = jsonOf(r);
            QVERIFY2(r.exitCode == 0, qPrintable(mode + u": "_s + r.out + r.err));
            QCOMPARE(o.value(u"completed"_s).toInt(), 30);
            QCOMPARE(o.value(u"errors"_s).toInt(-1), 0);
            QCOMPARE(o.value(u"connections"_s).toInt(), connections);
        }
        // A kept-alive connection the server closed silently is met by the next request: that
        // request goes again, once, on a new connection (no error; a connection per call).
        const auto silent
            = bench(u"silent-close"_s,
                    {u"-n"_s, u"30"_s, u"-c"_s, u"3"_s, u"--no-cors"_s, u"--json"_s}, discovery);
        QVERIFY2(silent.exitCode == 0, qPrintable(silent.out + silent.err));
        QCOMPARE(jsonOf(silent).value(u"errors"_s).toInt(-1), 0);
        QVERIFY(jsonOf(silent).value(u"connections"_s).toInt() >= 30);
        // Answers the load client cannot read are errors by kind, never a hang or a success.
        for (const auto &[mode, kind] :
             QList<std::pair<QString, QString>> {{u"not-http"_s, u"protocol"_s},
                                                 {u"truncated"_s, u"connection-closed"_s},
                                                 {u"bad-chunk"_s, u"protocol"_s}}) {
            const auto r = bench(mode,
                                 {u"-n"_s, u"6"_s, u"-c"_s, u"2"_s, u"--no-cors"_s, u"--json"_s,
                                  u"--timeout"_s, u"10000"_s},
                                 discovery);
            QVERIFY2(r.exitCode == 1, qPrintable(mode + u": "_s + r.out + r.err));
            QCOMPARE(jsonOf(r)[u"errorsByKind"_s][kind].toInt(), 6);
        }
        fixture.closeWriteChannel();
        if (!fixture.waitForFinished(10000))
            fixture.kill();
    }

    void errorsAreCountedByKind()
    {
        const auto r = bench(u"http-500"_s,
                             {u"-n"_s, u"20"_s, u"-c"_s, u"4"_s, u"--no-cors"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"ok"_s).toBool(true), false);
        QCOMPARE(o.value(u"errors"_s).toInt(), 20);
        QCOMPARE(o[u"errorsByKind"_s][u"http-500"_s].toInt(), 20);
        QVERIFY(o.value(u"error"_s).toString().contains(u"20 of 20"_s));

        const auto text = bench(u"not-json"_s, {u"-n"_s, u"5"_s, u"-c"_s, u"2"_s, u"--no-cors"_s});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains(u"invalid-response: 5"_s), qPrintable(text.out));

        // A service that never answers, and one whose answer exceeds the cap.
        const auto hanging = bench(u"hanging"_s,
                                   {u"-n"_s, u"4"_s, u"-c"_s, u"2"_s, u"--no-cors"_s,
                                    u"--timeout"_s, u"300"_s, u"--json"_s});
        QCOMPARE(hanging.exitCode, 1);
        QCOMPARE(jsonOf(hanging)[u"errorsByKind"_s][u"timeout"_s].toInt(), 4);
        const auto huge = bench(
            u"hostile-1mb-summary"_s,
            {u"-n"_s, u"3"_s, u"--no-cors"_s, u"--json"_s, u"--max-response-bytes"_s, u"100000"_s});
        QCOMPARE(huge.exitCode, 1);
        QCOMPARE(jsonOf(huge)[u"errorsByKind"_s][u"too-large"_s].toInt(), 3);
    }

    void usageErrors()
    {
        QCOMPARE(bench(u"cors-default"_s, {u"-n"_s, u"0"_s}).exitCode, 2);
        QCOMPARE(bench(u"cors-default"_s, {u"-n"_s, u"200001"_s}).exitCode, 2);
        QCOMPARE(bench(u"cors-default"_s, {u"--warmup"_s, u"-1"_s}).exitCode, 2);
        QCOMPARE(bench(u"cors-default"_s, {u"-c"_s, u"x"_s}).exitCode, 2);
        QCOMPARE(bench(u"no-such-service"_s, {}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "tst_cli_bench.moc"
