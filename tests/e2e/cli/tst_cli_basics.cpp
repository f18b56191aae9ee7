// hookbench-cli's own surface: version, help, usage errors, and that it links no GUI (issue #2).
#include "../processrunner.h"

#include <QObject>

using namespace Qt::StringLiterals;

class TestCliBasics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionExitsZero()
    {
        const auto result = runBinary(u"hookbench-cli"_s, {u"--version"_s});
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.out.trimmed(), u"hookbench-cli "_s + QStringLiteral(HOOKBENCH_VERSION));
    }

    void helpListsUsageAndExitCodes()
    {
        const auto result = runBinary(u"hookbench-cli"_s, {u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.startsWith(u"Usage: hookbench-cli"_s));
        QVERIFY(result.out.contains(u"3 could not connect"_s));
    }

    void unknownCommandIsUsageError()
    {
        const auto result = runBinary(u"hookbench-cli"_s, {u"frobnicate"_s});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.out.isEmpty());
        // One line and a pointer to --help (issue #12), not the whole usage text.
        QCOMPARE(result.err,
                 u"hookbench-cli: unknown command 'frobnicate'\n"
                 u"Run 'hookbench-cli --help' for the commands.\n"_s);
    }

    void noArgumentsIsUsageError()
    {
        const auto result = runBinary(u"hookbench-cli"_s, {});
        QCOMPARE(result.exitCode, 2);
        QVERIFY(result.err.contains(u"Usage: hookbench-cli"_s));
    }

    void linksNoGuiLibrary()
    {
        QProcess readelf;
        readelf.start(u"readelf"_s, {u"-d"_s, hookbenchBinary(u"hookbench-cli"_s)});
        QVERIFY(readelf.waitForFinished());
        const QString dynamic = QString::fromUtf8(readelf.readAllStandardOutput());
        QVERIFY(dynamic.contains(u"libQt6Core"_s));
        for (const auto &gui :
             {u"libQt6Gui"_s, u"libQt6Quick"_s, u"libQt6Qml"_s, u"libQt6WebEngine"_s})
            QVERIFY2(!dynamic.contains(gui), qPrintable(gui));
    }
};

QTEST_GUILESS_MAIN(TestCliBasics)
#include "tst_cli_basics.moc"
