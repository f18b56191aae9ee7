// The real hookbench-cli: cors against the embedded misbehaviour lab (another process, rows of
// CORS-M rows), discover, and fire against the embedded demo services, with exit codes 0/1/2/3 and
// a HAR that the npm har-validator accepts.
#include "../processrunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

QJsonObject parseJson(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

} // namespace

class TestCliNet : public QObject
{
    Q_OBJECT

private:
    QProcess m_serve;
    QJsonObject m_urls;

    QString lab(const QString &id) const { return m_urls.value(u"lab"_s).toString() + u'/' + id; }

private Q_SLOTS:
    void initTestCase()
    {
        // Create the client key once, before several processes share this HOOKBENCH_HOME.
        QCOMPARE(runBinary(u"hookbench-cli"_s, {u"jwks"_s}).exitCode, 0);
        m_serve.start(hookbenchBinary(u"hookbench-cli"_s), {u"serve"_s, u"--json"_s, u"--quiet"_s});
        QVERIFY(m_serve.waitForStarted(10000));
        QTRY_VERIFY_WITH_TIMEOUT(m_serve.canReadLine() || m_serve.state() != QProcess::Running,
                                 30000);
        m_urls = QJsonDocument::fromJson(m_serve.readLine()).object();
        QVERIFY2(m_urls.contains(u"lab"_s), "serve did not print its URLs");
    }

    void cleanupTestCase()
    {
        m_serve.terminate();
        if (!m_serve.waitForFinished(10000))
            m_serve.kill();
    }

    void corsAgainstLabRows_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("verdict");
        QTest::addColumn<QString>("stage");
        QTest::addColumn<QString>("firefox");
        QTest::addColumn<QString>("reason");
        QTest::newRow("row 1") << u"cors-default"_s << 0 << u"pass-with-warning"_s << u"none"_s
                               << QString() << QString();
        QTest::newRow("row 13")
            << u"cors-acao-duplicate"_s << 1 << u"fail"_s << u"preflight"_s
            << u"CORSMultipleAllowOriginNotAllowed"_s
            << u"Response to preflight request doesn't pass access control check: The "
               u"'Access-Control-Allow-Origin' header contains multiple values "
               u"'https://sandbox.cds-hooks.org, https://sandbox.cds-hooks.org', but only one "
               u"is allowed."_s;
        QTest::newRow("row 16")
            << u"cors-preflight-404"_s << 1 << u"fail"_s << u"preflight"_s
            << u"CORSMissingAllowOrigin"_s
            << u"Response to preflight request doesn't pass access control check: No "
               u"'Access-Control-Allow-Origin' header is present on the requested resource."_s;
        QTest::newRow("row 23") << u"cors-acah-content-type-only"_s << 1 << u"fail"_s
                                << u"preflight"_s << u"CORSMissingAllowHeaderFromPreflight"_s
                                << u"Request header field authorization is not allowed by "
                                   u"Access-Control-Allow-Headers in preflight response."_s;
        QTest::newRow("row 34")
            << u"cors-actual-500-no-acao"_s << 1 << u"fail"_s << u"actual"_s
            << u"CORSMissingAllowOrigin"_s
            << u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s;
    }

    void corsAgainstLabRows()
    {
        QFETCH(QString, service);
        QFETCH(int, exitCode);
        QFETCH(QString, verdict);
        QFETCH(QString, stage);
        QFETCH(QString, firefox);
        QFETCH(QString, reason);
        const auto r = runBinary(u"hookbench-cli"_s, {u"cors"_s, lab(service), u"--json"_s});
        QVERIFY2(r.exitCode == exitCode, qPrintable(r.out + r.err));
        const QJsonObject json = parseJson(r);
        QCOMPARE(json.value(u"verdict"_s).toString(), verdict);
        QCOMPARE(json.value(u"stage"_s).toString(), stage);
        QCOMPARE(json.value(u"firefox"_s).toString(), firefox);
        QCOMPARE(json.value(u"chromiumReason"_s).toString(), reason);
        QCOMPARE(json[u"preflight"_s][u"request"_s][u"method"_s].toString(), u"OPTIONS"_s);
        if (stage == u"preflight")
            QVERIFY(json.value(u"actual"_s).isNull()); // the browser never sends it
        else
            QCOMPARE(json[u"actual"_s][u"request"_s][u"method"_s].toString(), u"POST"_s);
    }

    void corsExitCodes()
    {
        const auto refused
            = runBinary(u"hookbench-cli"_s,
                        {u"cors"_s, u"http://127.0.0.1:%1/cds-services/x"_s.arg(closedPort())});
        QCOMPARE(refused.exitCode, 3);
        QVERIFY(refused.out.contains(u"net::ERR_CONNECTION_REFUSED"_s));
        QCOMPARE(runBinary(u"hookbench-cli"_s, {u"cors"_s}).exitCode, 2);
        QCOMPARE(runBinary(u"hookbench-cli"_s,
                           {u"cors"_s, lab(u"cors-default"_s), u"--credentials"_s, u"maybe"_s})
                     .exitCode,
                 2);
        QCOMPARE(
            runBinary(u"hookbench-cli"_s,
                      {u"cors"_s, lab(u"cors-default"_s), u"--origin"_s, u"https://x.org/path"_s})
                .exitCode,
            2);
        // Strict mode turns row 20 into a failure.
        const auto strict = runBinary(u"hookbench-cli"_s,
                                      {u"cors"_s, lab(u"cors-acah-wildcard"_s), u"--strict"_s});
        QCOMPARE(strict.exitCode, 1);
        QCOMPARE(runBinary(u"hookbench-cli"_s, {u"cors"_s, lab(u"cors-acah-wildcard"_s)}).exitCode,
                 0);
    }

    void discover()
    {
        const auto r
            = runBinary(u"hookbench-cli"_s,
                        {u"discover"_s, m_urls.value(u"cdsServices"_s).toString(), u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QJsonObject json = parseJson(r);
        QCOMPARE(json.value(u"status"_s).toInt(), 200);
        QVERIFY(!json.value(u"services"_s).toArray().isEmpty());
        QCOMPARE(json[u"exchanges"_s][0][u"kind"_s].toString(), u"preflight"_s);
        QVERIFY(json[u"exchanges"_s][1][u"jwt"_s][u"claims"_s][u"aud"_s].toString().endsWith(
            u"/cds-services"_s));
        const auto down = runBinary(u"hookbench-cli"_s,
                                    {u"discover"_s, u"http://127.0.0.1:%1"_s.arg(closedPort())});
        QCOMPARE(down.exitCode, 3);
    }

    void fireAtDemoService()
    {
        QTemporaryDir dir;
        const QString har = dir.filePath(u"fire.har"_s);
        const auto r = runBinary(u"hookbench-cli"_s,
                                 {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                                  u"patient-greeting"_s, u"--json"_s, u"--har"_s, har});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QJsonObject json = parseJson(r);
        QCOMPARE(json.value(u"status"_s).toInt(), 200);
        QVERIFY(!json.value(u"cards"_s).toArray().isEmpty());
        QCOMPARE(json[u"jwt"_s][u"claims"_s][u"aud"_s].toString(), json.value(u"url"_s).toString());
        QCOMPARE(json[u"request"_s][u"hook"_s].toString(), u"patient-view"_s);
        QCOMPARE(json[u"request"_s][u"fhirAuthorization"_s][u"access_token"_s].toString(),
                 u"[redacted]"_s);
        QVERIFY(json[u"request"_s][u"prefetch"_s].toObject().contains(u"patient"_s));
        QCOMPARE(json[u"cors"_s][u"verdict"_s].toString(), u"pass-with-warning"_s);

        const QString node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!node.isEmpty(), "node is not installed");
        QProcess validate;
        validate.start(node,
                       {QStringLiteral(HOOKBENCH_SOURCE_DIR "/tests/tools/validate-har.js"), har});
        QVERIFY(validate.waitForFinished(60000));
        QVERIFY2(validate.exitCode() == 0, validate.readAllStandardError().constData());

        // Without prefetch the demo service reads the FHIR server itself: the audit shows it.
        const auto fallback
            = runBinary(u"hookbench-cli"_s,
                        {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                         u"patient-greeting"_s, u"--prefetch"_s, u"none"_s, u"--json"_s});
        QVERIFY2(fallback.exitCode == 0, qPrintable(fallback.out + fallback.err));
        const QJsonObject withoutPrefetch = parseJson(fallback);
        QVERIFY(!withoutPrefetch[u"request"_s].toObject().contains(u"prefetch"_s));
        QVERIFY2(!withoutPrefetch.value(u"audit"_s).toArray().isEmpty(), qPrintable(fallback.out));
        QCOMPARE(withoutPrefetch[u"audit"_s][0][u"subject"_s].toString(), u"patient-greeting"_s);
    }

    void fireExitCodes()
    {
        QCOMPARE(runBinary(u"hookbench-cli"_s, {u"fire"_s, u"--service"_s, u"x"_s}).exitCode, 2);
        QCOMPARE(runBinary(u"hookbench-cli"_s,
                           {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s, u"nope"_s})
                     .exitCode,
                 2);
        const auto down
            = runBinary(u"hookbench-cli"_s,
                        {u"fire"_s, u"--discovery"_s, u"http://127.0.0.1:%1"_s.arg(closedPort()),
                         u"--service"_s, u"x"_s, u"--fhir"_s, u"none"_s});
        QCOMPARE(down.exitCode, 3);
        // A service that accepts the connection but never answers, or floods: a failed check, not a
        // hang.
        const auto hanging
            = runBinary(u"hookbench-cli"_s,
                        {u"fire"_s, u"--discovery"_s, m_urls.value(u"lab"_s).toString(),
                         u"--service"_s, u"hanging"_s, u"--fhir"_s, u"none"_s, u"--patient"_s,
                         u"p1"_s, u"--timeout"_s, u"1000"_s, u"--json"_s});
        QCOMPARE(hanging.exitCode, 1);
        QVERIFY2(parseJson(hanging)
                     .value(u"error"_s)
                     .toString()
                     .contains(u"within 1000 ms (total timeout)"_s),
                 qPrintable(hanging.out));
        const auto huge = runBinary(u"hookbench-cli"_s,
                                    {u"fire"_s, u"--discovery"_s, m_urls.value(u"lab"_s).toString(),
                                     u"--service"_s, u"huge"_s, u"--fhir"_s, u"none"_s,
                                     u"--patient"_s, u"p1"_s, u"--json"_s});
        QCOMPARE(huge.exitCode, 1);
        QVERIFY2(parseJson(huge).value(u"error"_s).toString().contains(u"byte limit"_s),
                 qPrintable(huge.out));
        // A CORS failure is a failed check.
        const auto blocked
            = runBinary(u"hookbench-cli"_s,
                        {u"fire"_s, u"--discovery"_s, m_urls.value(u"lab"_s).toString(),
                         u"--service"_s, u"cors-actual-no-acao"_s, u"--fhir"_s, u"none"_s,
                         u"--patient"_s, u"p1"_s, u"--json"_s});
        QCOMPARE(blocked.exitCode, 1);
        QCOMPARE(parseJson(blocked)[u"cors"_s][u"stage"_s].toString(), u"actual"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliNet)
#include "tst_cli_net.moc"
