// Hostile files: scenario files through the real CLI (`hookbench-cli run FILE`) and workspace
// files through the workspace loader (the CLI's --workspace has not landed). Each must be
// refused with a message naming what is wrong, promptly, without a crash.
#include "storage/workspacefile.h"

#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

struct HostileFile
{
    QString name;
    QByteArray bytes;
    QString scenarioMessage; ///< regular expression over `run`'s output
    QString workspaceMessage; ///< regular expression over loadWorkspace's error
};

QList<HostileFile> hostileFiles()
{
    const QByteArray deep = QByteArray(10000, '[') + QByteArray(10000, ']');
    // The scenario loader and the workspace loader share the bounded JSON parser, so a body
    // problem reads the same in both; the caps differ (4 MiB scenario, 32 MiB workspace).
    return {
        {u"empty"_s,
         {},
         u"input is empty, expected a JSON object"_s,
         u"not valid JSON: input is empty"_s},
        {u"not-json"_s, "name: hello", u"not JSON: illegal value at byte 1"_s,
         u"not JSON: illegal value at byte 1"_s},
        {u"truncated"_s, R"({"name":"x","steps":[{"name":)", u"not JSON: unterminated object"_s,
         u"not JSON: unterminated object"_s},
        {u"100mb"_s, "{\"name\":\"" + QByteArray(100 * 1024 * 1024, 'x') + "\"}",
         u"larger than 4 MiB"_s, u"larger than 32 MiB"_s},
        {u"deep-nesting"_s, "{\"steps\":" + deep + "}", u"nesting is deeper than 64 levels"_s,
         u"nesting is deeper than 64 levels"_s},
        {u"number-1e400"_s, R"({"name":"x","steps":[{"repeat":1e400}]})",
         u"not JSON: illegal number"_s, u"not JSON: illegal number"_s},
        {u"invalid-utf8"_s, "{\"name\":\"caf\xC3\x28\xFF\"}", u"not valid UTF-8"_s,
         u"not valid UTF-8"_s},
        {u"top-level-array"_s, "[]", u"the JSON text is an array, expected an object"_s,
         u"the JSON text is an array, expected an object"_s},
        {u"wrong-types"_s, R"({"name":5,"steps":"none","format":7,"version":"1","sources":{}})",
         u"(?s)/name: must be a string.*/steps: must be a non-empty array"_s,
         u"/format: is not \"hookbench-workspace\""_s},
    };
}

QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &bytes)
{
    const QString path = dir.filePath(name + u".json"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        qFatal("cannot write %s", qPrintable(path));
    file.write(bytes);
    return path;
}

} // namespace

class TestHostileFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void scenarioFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        for (const auto &f : hostileFiles())
            QTest::newRow(qPrintable(f.name))
                << write(m_dir, u"scenario-"_s + f.name, f.bytes) << f.scenarioMessage;
        QTest::newRow("missing") << m_dir.filePath(u"nope.json"_s)
                                 << u"cannot read .*nope.json: No such file"_s;
        QTest::newRow("a directory") << m_dir.path() << u"director|cannot|read"_s;
        QTest::newRow("a device that never ends")
            << u"/dev/zero"_s << u"larger than|too large|exceeds|not JSON|MiB"_s;
    }
    void scenarioFile()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        QProcess cli;
        cli.setProcessChannelMode(QProcess::MergedChannels);
        QElapsedTimer clock;
        clock.start();
        cli.start(QStringLiteral(HOOKBENCH_BIN_DIR "/hookbench-cli"), {u"run"_s, path});
        QVERIFY(cli.waitForFinished(20000));
        const QString output = QString::fromUtf8(cli.readAll());
        if (qEnvironmentVariableIsSet("HOSTILE_PROBE")) {
            qInfo().noquote() << cli.exitCode() << clock.elapsed() << "ms"
                              << output.left(500).replace(u"\n"_s, u" | "_s);
            return;
        }
        QCOMPARE(cli.exitStatus(), QProcess::NormalExit);
        QVERIFY2(cli.exitCode() == 2, qPrintable(output));
        QVERIFY2(clock.elapsed() < 10000, "the CLI took too long");
        QVERIFY2(QRegularExpression(message).match(output).hasMatch(),
                 qPrintable(u"expected /%1/ in: %2"_s.arg(message, output.left(1000))));
    }

    void workspaceFile_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message");
        for (const auto &f : hostileFiles())
            QTest::newRow(qPrintable(f.name))
                << write(m_dir, u"workspace-"_s + f.name, f.bytes) << f.workspaceMessage;
        QTest::newRow("newer version")
            << write(m_dir, u"workspace-newer"_s, R"({"format":"hookbench-workspace","version":2})")
            << u"version"_s;
        QTest::newRow("missing") << m_dir.filePath(u"nope.json"_s) << u"nope.json"_s;
        QTest::newRow("a device that never ends")
            << u"/dev/zero"_s << u"larger than|too large|exceeds|not JSON|MiB"_s;
    }
    void workspaceFile()
    {
        QFETCH(QString, path);
        QFETCH(QString, message);
        QElapsedTimer clock;
        clock.start();
        const auto loaded = hb::storage::loadWorkspace(path);
        if (qEnvironmentVariableIsSet("HOSTILE_PROBE")) {
            qInfo().noquote() << loaded.workspace.has_value() << clock.elapsed() << "ms"
                              << loaded.error.left(400);
            return;
        }
        QVERIFY(!loaded.workspace.has_value());
        QVERIFY2(loaded.error.contains(path), qPrintable(loaded.error)); // names the file
        QVERIFY2(clock.elapsed() < 10000, "loading took too long");
        QVERIFY2(QRegularExpression(message).match(loaded.error).hasMatch(),
                 qPrintable(u"expected /%1/ in: %2"_s.arg(message, loaded.error)));
    }
};

QTEST_GUILESS_MAIN(TestHostileFiles)
#include "tst_hostile_files.moc"
