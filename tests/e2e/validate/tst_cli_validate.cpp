// hookbench-cli validate, run as the real binary: findings printed, exit codes 0/1/2 (issue #3).
#include "../processrunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace {

QString fixture(const QString &relative)
{
    return QStringLiteral(HOOKBENCH_TEST_DATA "/core/") + relative;
}

ProcessResult validate(const QStringList &args)
{
    return runBinary(u"hookbench-cli"_s, QStringList {u"validate"_s} + args);
}

} // namespace

class TestCliValidate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void warningsOnlyExitZero()
    {
        const auto result = validate({fixture(u"samples/pama-imaging-response-rating.json"_s)});
        QCOMPARE(result.exitCode, 0);
        QVERIFY2(
            result.out.contains(
                u"warning V21 /extension/systemActions: systemActions belong at the top level"_s),
            qPrintable(result.out));
        QVERIFY(
            result.out.contains(u"0 error(s), 2 warning(s), 0 info (response, CDS Hooks 2.0)"_s));
        QVERIFY(result.err.isEmpty());
    }

    void errorsExitOne()
    {
        const auto result = validate({fixture(u"samples/cms-price-check-response.json"_s)});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.startsWith(u"error V6 /cards/0/selectionBehavior: "_s),
                 qPrintable(result.out));
    }

    void jsonReport()
    {
        const auto result = validate({u"--json"_s, fixture(u"rules/V13-fail.json"_s)});
        QCOMPARE(result.exitCode, 1);
        const QJsonObject report = QJsonDocument::fromJson(result.out.toUtf8()).object();
        QCOMPARE(report.value(u"kind"_s).toString(), u"response"_s);
        QCOMPARE(report.value(u"valid"_s).toBool(true), false);
        QCOMPARE(report.value(u"errors"_s).toInt(), 1);
        const QJsonObject finding = report.value(u"findings"_s)[0].toObject();
        QCOMPARE(finding.value(u"ruleId"_s).toString(), u"V13"_s);
        QCOMPARE(finding.value(u"severity"_s).toString(), u"error"_s);
        QCOMPARE(finding.value(u"pointer"_s).toString(), u"/cards/0/overrideReasons/0/display"_s);
    }

    void kindIsDetectedOrForced()
    {
        const auto discovery = validate({fixture(u"rules/V24-fail.json"_s)});
        QCOMPARE(discovery.exitCode, 1);
        QVERIFY(discovery.out.contains(u"error V24 /services/1: "_s));
        const auto request = validate({fixture(u"samples/patient-greeting-request.json"_s)});
        QCOMPARE(request.exitCode, 0);
        QVERIFY(request.out.contains(u"(request, CDS Hooks 2.0)"_s));
        const auto feedback = validate({fixture(u"feedback/broken.json"_s)});
        QCOMPARE(feedback.exitCode, 1);
        QVERIFY(feedback.out.contains(u"error C21 /feedback/1/outcome: "_s));
        QVERIFY(feedback.out.contains(u"(feedback, CDS Hooks 2.0)"_s));
        const QString greeting = fixture(u"samples/patient-greeting-request.json"_s);
        QCOMPARE(validate({u"--hook"_s, u"patient-view"_s, greeting}).exitCode, 0);
        const auto wrongHook = validate({u"--hook"_s, u"order-sign"_s, greeting});
        QCOMPARE(wrongHook.exitCode, 1);
        QVERIFY(wrongHook.out.contains(u"error V26 /hook: hook patient-view does not match"_s));
        // Forced: a discovery document read as a response has no cards.
        const auto forced
            = validate({u"--kind"_s, u"response"_s, fixture(u"rules/V24-pass.json"_s)});
        QCOMPARE(forced.exitCode, 1);
        QVERIFY(forced.out.contains(u"error V1 /cards: "_s));
    }

    void specVersionSwitch()
    {
        const QString any = fixture(u"rules/V07-pass.json"_s);
        QCOMPARE(validate({any}).exitCode, 0);
        const auto v1 = validate({u"--spec"_s, u"1.0"_s, any});
        QCOMPARE(v1.exitCode, 1);
        QVERIFY(v1.out.contains(u"error V7 /cards/0/selectionBehavior"_s));
    }

    void badJsonIsAFinding()
    {
        const auto notJson = validate({fixture(u"bad/not-json.json"_s)});
        QCOMPARE(notJson.exitCode, 1);
        QVERIFY(notJson.out.startsWith(u"error JSON (document): not JSON: "_s));
        const auto utf8 = validate({fixture(u"bad/invalid-utf8.json"_s)});
        QCOMPARE(utf8.exitCode, 1);
        QVERIFY(utf8.out.contains(u"not valid UTF-8"_s));
        const auto duplicates = validate({fixture(u"bad/duplicate-keys.json"_s)});
        QVERIFY(
            duplicates.out.contains(u"warning JSON /cards/0/summary: member name appears twice"_s));
    }

    void hugeFileIsRefusedQuickly()
    {
        QTemporaryDir dir;
        QFile big(dir.filePath(u"big.json"_s));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write("{\"cards\": [], \"x\": \"");
        big.write(QByteArray(9 * 1024 * 1024, 'x'));
        big.write("\"}");
        big.close();
        const auto result = validate({big.fileName()});
        QCOMPARE(result.exitCode, 1);
        QVERIFY2(result.out.contains(u"more than the limit of 8,388,608 bytes"_s),
                 qPrintable(result.out));
    }

    void readsStandardInput()
    {
        QProcess process;
        process.start(hookbenchBinary(u"hookbench-cli"_s), {u"validate"_s, u"-"_s});
        QVERIFY(process.waitForStarted());
        process.write(
            R"({"cards": [{"summary": "Hi", "indicator": "hard-stop", "source": {"label": "x"}}]})");
        process.closeWriteChannel();
        QVERIFY(process.waitForFinished());
        QCOMPARE(process.exitCode(), 1);
        QVERIFY(
            QString::fromUtf8(process.readAllStandardOutput())
                .contains(u"error V5 /cards/0/indicator: indicator \"hard-stop\" is pre-1.0"_s));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("no file") << QStringList {} << u"expected exactly one FILE"_s;
        QTest::newRow("missing file") << QStringList {u"/nonexistent/x.json"_s} << u"cannot read"_s;
        QTest::newRow("directory") << QStringList {fixture(u"rules"_s)} << u"is a directory"_s;
        QTest::newRow("bad kind") << QStringList {u"--kind"_s, u"card"_s,
                                                  fixture(u"rules/V01-pass.json"_s)}
                                  << u"--kind must be"_s;
        QTest::newRow("bad spec") << QStringList {u"--spec"_s, u"3.0"_s,
                                                  fixture(u"rules/V01-pass.json"_s)}
                                  << u"--spec must be 1.0 or 2.0"_s;
        QTest::newRow("unknown option")
            << QStringList {u"--frob"_s, fixture(u"rules/V01-pass.json"_s)} << u"frob"_s;
        QTest::newRow("undetectable kind")
            << QStringList {fixture(u"rules/V23-pass.json"_s)} << u"use --kind"_s;
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const auto result = validate(args);
        QCOMPARE(result.exitCode, 2);
        QVERIFY2(result.err.contains(message), qPrintable(result.err));
        QVERIFY(result.out.isEmpty());
    }

    void help()
    {
        const auto result = validate({u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(u"--kind <KIND>"_s));
        QVERIFY(result.out.contains(u"--spec <VERSION>"_s));
        QVERIFY(result.out.contains(u"--json"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliValidate)
#include "tst_cli_validate.moc"
