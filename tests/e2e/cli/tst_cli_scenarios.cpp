// hookbench-cli run with the example scenarios of resources/scenarios against the embedded demo
// services and the misbehaviour lab: a passing and a failing run, the JUnit XML read back by
// Debian's python3-junitparser, the JSON report and the examples checked against their JSON
// Schemas by python3-jsonschema, the HAR by the npm har-validator.
#include "../processrunner.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

QString source(const QString &path)
{
    return QStringLiteral(HOOKBENCH_SOURCE_DIR "/") + path;
}

QString example(const QString &name)
{
    return source(u"resources/scenarios/"_s + name);
}

ProcessResult python(const QStringList &args)
{
    QProcess p;
    p.start(u"/usr/bin/python3"_s, QStringList {source(u"tests/tools/check_reports.py"_s)} + args);
    ProcessResult r;
    if (!p.waitForFinished(60000))
        return r;
    r.exitCode = p.exitCode();
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

QJsonObject readJson(const QString &path)
{
    QFile file(path);
    file.open(QIODevice::ReadOnly);
    return QJsonDocument::fromJson(file.readAll()).object();
}

} // namespace

class TestCliScenarios : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QCOMPARE(runBinary(u"hookbench-cli"_s, {u"jwks"_s}).exitCode, 0); }

    void examplesMatchTheScenarioSchema()
    {
        const QStringList files = QDir(source(u"resources/scenarios"_s)).entryList({u"*.json"_s});
        QVERIFY(files.size() >= 4);
        for (const auto &file : files) {
            const auto r
                = python({u"schema"_s, source(u"docs/scenario.schema.json"_s), example(file)});
            QVERIFY2(r.exitCode == 0, qPrintable(file + u": "_s + r.err));
        }
        // The schema is no rubber stamp: an unknown member fails it.
        QTemporaryDir dir;
        QFile bad(dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(
            R"({"name":"x","steps":[{"discovery":"lab","service":"a","expect":{"cardz":1}}]})");
        bad.close();
        QCOMPARE(
            python({u"schema"_s, source(u"docs/scenario.schema.json"_s), bad.fileName()}).exitCode,
            1);
    }

    void passingScenariosGivePassingReports()
    {
        QTemporaryDir dir;
        const QString junit = dir.filePath(u"junit.xml"_s);
        const QString report = dir.filePath(u"report.json"_s);
        const QString har = dir.filePath(u"run.har"_s);
        const auto r = runBinary(u"hookbench-cli"_s,
                                 {u"run"_s, example(u"demo-medication-safety.json"_s),
                                  example(u"demo-patient-view.json"_s),
                                  example(u"lab-misbehaviour.json"_s), u"--serve"_s, u"--junit"_s,
                                  junit, u"--json"_s, report, u"--har"_s, har, u"-q"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(u"3 of 3 scenario(s) passed, 0 of 10 step(s) failed"_s));
        QVERIFY(!r.out.contains(u'\x1b'));

        const auto parsed = python({u"junit"_s, junit});
        QVERIFY2(parsed.exitCode == 0, qPrintable(parsed.err));
        const QJsonObject xml = QJsonDocument::fromJson(parsed.out.toUtf8()).object();
        QCOMPARE(xml.value(u"tests"_s).toInt(), 10);
        QCOMPARE(xml.value(u"failures"_s).toInt(), 0);
        QCOMPARE(xml.value(u"suites"_s).toArray().size(), 3);
        QCOMPARE(xml[u"suites"_s][0][u"cases"_s][0][u"name"_s].toString(),
                 u"order-select amoxicillin raises the allergy card"_s);

        const auto valid
            = python({u"schema"_s, source(u"docs/scenario-report.schema.json"_s), report});
        QVERIFY2(valid.exitCode == 0, qPrintable(valid.err));
        const QJsonObject json = readJson(report);
        QCOMPARE(json.value(u"ok"_s).toBool(), true);
        QCOMPARE(json[u"summary"_s][u"steps"_s].toInt(), 10);
        // order-select -> accept -> order-sign: the accepted alternative replaced the order,
        // the feedback went out, and signing raised no card.
        const QJsonArray steps = json[u"scenarios"_s][0][u"steps"_s].toArray();
        QCOMPARE(steps[0][u"feedback"_s][u"status"_s].toInt(), 200);
        QCOMPARE(steps[0][u"feedback"_s][u"sent"_s][u"feedback"_s][0][u"outcome"_s].toString(),
                 u"accepted"_s);
        QCOMPARE(steps[1][u"hook"_s].toString(), u"order-sign"_s);
        QCOMPARE(steps[1][u"cards"_s].toInt(), 0);
        QCOMPARE(steps[2][u"feedback"_s][u"sent"_s][u"feedback"_s][0][u"outcome"_s].toString(),
                 u"overridden"_s);
        // The strict gate inside a scenario: the invalid order-select was never sent.
        const QJsonObject refused = json[u"scenarios"_s][1][u"steps"_s][3].toObject();
        QCOMPARE(refused.value(u"status"_s).toInt(-1), 0);
        QVERIFY(refused.value(u"error"_s).toString().startsWith(u"not sent:"_s));

        const QString node = QStandardPaths::findExecutable(u"node"_s);
        QVERIFY2(!node.isEmpty(), "node is not installed");
        QProcess validate;
        validate.start(node, {source(u"tests/tools/validate-har.js"_s), har});
        QVERIFY(validate.waitForFinished(60000));
        QVERIFY2(validate.exitCode() == 0, validate.readAllStandardError().constData());
    }

    void failingScenarioSaysWhy()
    {
        QTemporaryDir dir;
        const QString junit = dir.filePath(u"junit.xml"_s);
        const QString report = dir.filePath(u"report.json"_s);
        const auto r = runBinary(u"hookbench-cli"_s,
                                 {u"run"_s, example(u"lab-failing.json"_s), u"--junit"_s, junit,
                                  u"--json"_s, report, u"-q"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(u"FAIL lab: a scenario that fails"_s));
        QVERIFY2(r.out.contains(u"validation: error V5 /cards/0/indicator"_s), qPrintable(r.out));
        QVERIFY(r.out.contains(u"cors: "_s));

        const auto parsed = python({u"junit"_s, junit});
        QVERIFY2(parsed.exitCode == 0, qPrintable(parsed.err));
        const QJsonObject xml = QJsonDocument::fromJson(parsed.out.toUtf8()).object();
        QCOMPARE(xml.value(u"tests"_s).toInt(), 2);
        QCOMPARE(xml.value(u"failures"_s).toInt(), 2);
        const QJsonArray cases = xml[u"suites"_s][0][u"cases"_s].toArray();
        QVERIFY(cases[0][u"failed"_s].toBool());
        QVERIFY2(cases[0][u"message"_s].toString().startsWith(u"indicator:"_s),
                 qPrintable(cases[0][u"message"_s].toString()));
        QVERIFY(cases[1][u"message"_s].toString().startsWith(u"cors:"_s));

        const auto valid
            = python({u"schema"_s, source(u"docs/scenario-report.schema.json"_s), report});
        QVERIFY2(valid.exitCode == 0, qPrintable(valid.err));
        const QJsonObject json = readJson(report);
        QCOMPARE(json.value(u"ok"_s).toBool(true), false);
        QVERIFY(!json.value(u"error"_s).toString().isEmpty());
        QCOMPARE(json[u"summary"_s][u"failedSteps"_s].toInt(), 2);
    }

    void jsonReportOnStdout()
    {
        const auto r = runBinary(
            u"hookbench-cli"_s,
            {u"run"_s, example(u"lab-misbehaviour.json"_s), u"--json"_s, u"-"_s, u"-q"_s});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(json.value(u"ok"_s).toBool(), true);
        QCOMPARE(json[u"scenarios"_s][0][u"steps"_s][1][u"cors"_s].toString(), u"fail"_s);

        // --no-cors calls every step as a server would: the CORS expectation now fails.
        const auto direct = runBinary(u"hookbench-cli"_s,
                                      {u"run"_s, example(u"lab-misbehaviour.json"_s),
                                       u"--no-cors"_s, u"--json"_s, u"-"_s, u"-q"_s});
        QCOMPARE(direct.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(direct.out.toUtf8()).object();
        QVERIFY(!report[u"scenarios"_s][0][u"steps"_s][1].toObject().contains(u"cors"_s));
    }

    void invalidScenarioIsAUsageError()
    {
        QTemporaryDir dir;
        QFile bad(dir.filePath(u"bad.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"name":"x","steps":[{"discovery":"lab","service":"a","bogus":1,)"
                  R"("expect":{"cards":"many","cors":"maybe"}}]})");
        bad.close();
        const auto r = runBinary(u"hookbench-cli"_s, {u"run"_s, bad.fileName()});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"/steps/0/bogus: unknown member"_s), qPrintable(r.err));
        QVERIFY(r.err.contains(u"/steps/0/expect/cards: must be a count"_s));
        QVERIFY(r.err.contains(u"/steps/0/expect/cors: must be"_s));
        QCOMPARE(runBinary(u"hookbench-cli"_s, {u"run"_s, u"/nonexistent.json"_s}).exitCode, 2);
        QCOMPARE(runBinary(u"hookbench-cli"_s, {u"run"_s}).exitCode, 2);
    }

    // --workspace (docs/workspace.md): the service's source and settings, CORS and timeouts come
    // from the file; options and step members given explicitly win.
    void workspaceFillsWhatOptionsLeaveOut()
    {
        const QString workspace = QStringLiteral(HOOKBENCH_TEST_DATA "/cli/workspace-lab.json");
        const QStringList fire {u"fire"_s,
                                u"--workspace"_s,
                                workspace,
                                u"--service"_s,
                                u"cors-actual-no-acao"_s,
                                u"--fhir"_s,
                                u"none"_s,
                                u"--patient"_s,
                                u"pt-hana-sato"_s,
                                u"--json"_s,
                                u"-q"_s};
        const auto off = runBinary(u"hookbench-cli"_s, fire);
        QVERIFY2(off.exitCode == 0, qPrintable(off.out + off.err));
        const QJsonObject o = QJsonDocument::fromJson(off.out.toUtf8()).object();
        QVERIFY(o.value(u"cors"_s).isNull()); // cors.mode off
        QVERIFY(o.value(u"url"_s).toString().endsWith(u"/cds-services/cors-actual-no-acao"_s));
        QVERIFY(!o[u"request"_s].toObject().contains(u"prefetch"_s)); // prefetch.mode none
        const auto browser
            = runBinary(u"hookbench-cli"_s,
                        fire + QStringList {u"--origin"_s, u"https://sandbox.cds-hooks.org"_s});
        QCOMPARE(browser.exitCode, 1);

        const auto run = runBinary(
            u"hookbench-cli"_s,
            {u"run"_s, QStringLiteral(HOOKBENCH_TEST_DATA "/cli/workspace-scenario.json"),
             u"--workspace"_s, workspace, u"-q"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.out + run.err));

        const auto missing = runBinary(u"hookbench-cli"_s,
                                       {u"run"_s, example(u"lab-failing.json"_s), u"--workspace"_s,
                                        u"/nonexistent/workspace.json"_s});
        QCOMPARE(missing.exitCode, 2);
        // A workspace this build cannot apply: run names the member (exit 2); fire refuses it
        // too, through its service's settings (its own message).
        QTemporaryDir dir;
        QFile bad(dir.filePath(u"bad-fault.json"_s));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(
            R"({"format":"hookbench-workspace","version":1,"sources":[{"url":"embedded:lab",)"
            R"("services":[{"definition":{"id":"x","hook":"patient-view"},"jwtFault":"bogus"}]}]})");
        bad.close();
        const auto refused = runBinary(
            u"hookbench-cli"_s,
            {u"run"_s, example(u"lab-failing.json"_s), u"--workspace"_s, bad.fileName()});
        QCOMPARE(refused.exitCode, 2);
        QVERIFY2(
            refused.err.contains(
                bad.fileName() + u": /sources/0/services/0/jwtFault: 'bogus' is not a JWT fault"_s),
            qPrintable(refused.err));
        const auto fireRefused
            = runBinary(u"hookbench-cli"_s,
                        {u"fire"_s, u"--service"_s, u"x"_s, u"--workspace"_s, bad.fileName()});
        QCOMPARE(fireRefused.exitCode, 2);
        QVERIFY2(fireRefused.err.contains(u"'bogus'"_s), qPrintable(fireRefused.err));
        const auto unknown = runBinary(
            u"hookbench-cli"_s,
            {u"fire"_s, u"--workspace"_s, workspace, u"--service"_s, u"patient-greeting"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(u"the workspace lists no service 'patient-greeting'"_s),
                 qPrintable(unknown.err));
    }
};

QTEST_GUILESS_MAIN(TestCliScenarios)
#include "tst_cli_scenarios.moc"
