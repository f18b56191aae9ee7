// hookbench-cli bench against a trivial loopback service in another process (the lab of
// `hookbench-cli serve`): N=2000 calls at concurrency 16 with zero errors, the documented JSON,
// and errors counted by kind. Bounded in count and time; speed itself is bench/run's business.
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

    ProcessResult bench(const QString &service, const QStringList &more)
    {
        return runBinary(u"hookbench-cli"_s,
                         QStringList {u"bench"_s, u"--discovery"_s, m_lab, u"--service"_s, service,
                                      u"--fhir"_s, u"none"_s, u"--patient"_s, u"pt-hana-sato"_s,
                                      u"--no-cors"_s, u"-q"_s}
                             + more,
                         QProcessEnvironment::systemEnvironment(), 100000);
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
        const auto r
            = bench(u"cors-default"_s, {u"-n"_s, u"2000"_s, u"-c"_s, u"16"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err)); // no progress bar when not on a terminal
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"ok"_s).toBool(), true);
        QCOMPARE(o.value(u"total"_s).toInt(), 2000);
        QCOMPARE(o.value(u"completed"_s).toInt(), 2000);
        QCOMPARE(o.value(u"errors"_s).toInt(-1), 0);
        QCOMPARE(o.value(u"concurrency"_s).toInt(), 16);
        QCOMPARE(o.value(u"cors"_s).toBool(true), false);
        QVERIFY(o.value(u"throughputPerSecond"_s).toDouble() > 0);
        const QJsonObject latency = o.value(u"latencyMs"_s).toObject();
        const double p50 = latency.value(u"p50"_s).toDouble(-1);
        const double p90 = latency.value(u"p90"_s).toDouble(-1);
        const double p99 = latency.value(u"p99"_s).toDouble(-1);
        const double max = latency.value(u"max"_s).toDouble(-1);
        QVERIFY(p50 > 0 && p50 <= p90 && p90 <= p99 && p99 <= max);
        QVERIFY(o.value(u"clientOverheadMsPerCall"_s).toDouble(-1) >= 0);
    }

    void errorsAreCountedByKind()
    {
        const auto r = bench(u"http-500"_s, {u"-n"_s, u"20"_s, u"-c"_s, u"4"_s, u"--json"_s});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(o.value(u"ok"_s).toBool(true), false);
        QCOMPARE(o.value(u"errors"_s).toInt(), 20);
        QCOMPARE(o[u"errorsByKind"_s][u"http-500"_s].toInt(), 20);
        QVERIFY(o.value(u"error"_s).toString().contains(u"20 of 20"_s));

        const auto text = bench(u"not-json"_s, {u"-n"_s, u"5"_s, u"-c"_s, u"2"_s});
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.out.contains(u"invalid-response: 5"_s), qPrintable(text.out));
    }

    void usageErrors()
    {
        QCOMPARE(bench(u"cors-default"_s, {u"-n"_s, u"0"_s}).exitCode, 2);
        QCOMPARE(bench(u"cors-default"_s, {u"-c"_s, u"x"_s}).exitCode, 2);
        QCOMPARE(bench(u"no-such-service"_s, {}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliBench)
#include "tst_cli_bench.moc"
