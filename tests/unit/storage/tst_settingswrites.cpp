// What one storage::Settings change costs on disk: every QSettings save rewrites the whole file
// (a QSaveFile temporary renamed over it), so the changes made in one event-loop turn (a window
// closing stores geometry, splitters, screen...) must be one save, not one each; and the last
// changes must be on disk after a normal quit, even when the turn they were made in never ended.
// The saves are counted by the kernel (inotify sees each temporary renamed over the file), not by
// the code.
#include "storage/paths.h"
#include "storage/settings.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <sys/inotify.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace {

void useNames()
{
    QCoreApplication::setOrganizationName(u"Hookbench"_s);
    QCoreApplication::setApplicationName(u"hookbench"_s);
}

// Seven changes, every setter once (noteWorkspace sets two keys).
void makeChanges(const QString &home)
{
    hb::storage::Settings settings;
    settings.setGeometry(QRect(10, 20, 1300, 800));
    settings.setSplitterSizes(u"main"_s, {700, 400});
    settings.setLastScreen(u"services"_s);
    settings.setTheme(u"dark"_s);
    settings.setFontScale(1.25);
    settings.noteWorkspace(QDir(home).filePath(u"ws.json"_s));
}

// The file holds every value makeChanges() set (read by a fresh QSettings on the file itself).
void verifyAllOnDisk(const QString &file, const QString &home)
{
    QVERIFY2(QFile::exists(file), qPrintable(file));
    QSettings disk(file, QSettings::IniFormat);
    QCOMPARE(disk.status(), QSettings::NoError);
    QCOMPARE(disk.value(u"window/geometry"_s).toRect(), QRect(10, 20, 1300, 800));
    QCOMPARE(disk.value(u"splitters/main"_s).toList().size(), 2);
    QCOMPARE(disk.value(u"window/lastScreen"_s).toString(), u"services"_s);
    QCOMPARE(disk.value(u"ui/theme"_s).toString(), u"dark"_s);
    QCOMPARE(disk.value(u"ui/fontScale"_s).toDouble(), 1.25);
    const QString ws = QDir(home).filePath(u"ws.json"_s);
    QCOMPARE(disk.value(u"workspaces/recent"_s).toStringList(), QStringList {ws});
    QCOMPARE(disk.value(u"workspaces/last"_s).toString(), ws);
}

// Lets the current event-loop turn end: a zero-timer queued now runs after those queued before.
void finishTurn()
{
    QEventLoop loop;
    QTimer::singleShot(0, &loop, &QEventLoop::quit);
    loop.exec();
}

#ifdef Q_OS_LINUX
// Counts the saves of one file: each QSaveFile commit renames a temporary `<file>.XXXXXX` over it.
// The renames away from the temporaries are counted (IN_MOVED_FROM, each under its own name):
// the kernel merges consecutive IN_MOVED_TO events on the same name into one.
class SaveCounter
{
public:
    explicit SaveCounter(const QString &file)
        : m_temporary(u"\\A"_s + QRegularExpression::escape(QFileInfo(file).fileName())
                      + u"\\.[A-Za-z]{6}\\z"_s)
    {
        m_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
        if (m_fd >= 0)
            m_watch = inotify_add_watch(m_fd, QFile::encodeName(QFileInfo(file).absolutePath()),
                                        IN_MOVED_FROM);
    }
    ~SaveCounter()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    bool ok() const { return m_fd >= 0 && m_watch >= 0; }

    /// The saves since the last call.
    int take()
    {
        int saves = 0;
        alignas(inotify_event) char buffer[16 * 1024];
        for (;;) {
            const ssize_t n = ::read(m_fd, buffer, sizeof buffer);
            if (n <= 0)
                return saves;
            for (ssize_t at = 0; at < n;) {
                const auto *event = reinterpret_cast<const inotify_event *>(buffer + at);
                if (event->len > 0
                    && m_temporary.match(QString::fromLocal8Bit(event->name)).hasMatch())
                    ++saves;
                at += ssize_t(sizeof(inotify_event)) + event->len;
            }
        }
    }

private:
    QRegularExpression m_temporary;
    int m_fd = -1;
    int m_watch = -1;
};
#endif

// The child process: makes the changes and quits as the app does (`quit`: inside the event
// loop, quit() in the same turn; `return`: main() returns without ever running the loop).
int childMain(int argc, char **argv, const QByteArray &mode)
{
    QCoreApplication app(argc, argv);
    useNames();
    hb::storage::routeSettingsToHome();
    const QString home = qEnvironmentVariable("HOOKBENCH_HOME");
    if (mode == "return") {
        makeChanges(home);
        return 0;
    }
    QTimer::singleShot(0, &app, [&] {
        makeChanges(home);
        QCoreApplication::quit();
    });
    return QCoreApplication::exec();
}

} // namespace

class TestSettingsWrites : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void changesOfOneTurnAreOneSave()
    {
#ifndef Q_OS_LINUX
        QSKIP("the saves are counted with inotify (Linux)");
#else
        QTemporaryDir home;
        qputenv("HOOKBENCH_HOME", home.path().toUtf8());
        useNames();
        hb::storage::routeSettingsToHome();
        const QString file = QSettings().fileName();
        QVERIFY2(file.startsWith(home.path()), qPrintable(file));
        // The folder and the file exist before the count starts (the watch is on the folder).
        hb::storage::Settings().setTheme(u"light"_s);
        hb::storage::Settings().sync();
        SaveCounter saves(file);
        QVERIFY(saves.ok());

        makeChanges(home.path());
        // Read back in the same turn, before any save: the pending values, not the file's.
        const hb::storage::Settings reread;
        QCOMPARE(reread.theme(), u"dark"_s);
        QCOMPARE(reread.fontScale(), 1.25);
        QCOMPARE(reread.lastScreen(), u"services"_s);
        finishTurn();
        QCOMPARE(saves.take(), 1); // one save for the seven values, not seven saves
        verifyAllOnDisk(file, home.path());

        // The next turn's change is a save of its own; a turn without changes writes nothing.
        hb::storage::Settings().setLastScreen(u"chart"_s);
        finishTurn();
        finishTurn();
        QCOMPARE(saves.take(), 1);
        QCOMPARE(QSettings(file, QSettings::IniFormat).value(u"window/lastScreen"_s).toString(),
                 u"chart"_s);
        // sync() writes at once what is pending, and only that.
        hb::storage::Settings().setLastScreen(u"orders"_s);
        hb::storage::Settings().sync();
        QCOMPARE(saves.take(), 1);
        QCOMPARE(QSettings(file, QSettings::IniFormat).value(u"window/lastScreen"_s).toString(),
                 u"orders"_s);
        finishTurn();
        QCOMPARE(saves.take(), 0);
#endif
    }

    void lastChangesSurviveQuit_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("quit() in the turn of the changes") << u"quit"_s;
        QTest::newRow("main() returns without an event loop") << u"return"_s;
    }
    void lastChangesSurviveQuit()
    {
        QFETCH(QString, mode);
        QTemporaryDir home;
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, home.path());
        env.insert(u"HB_SETTINGS_CHILD"_s, mode);
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForFinished(30000)); // a hang guard only
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QVERIFY2(child.exitCode() == 0, child.readAllStandardError().constData());
        verifyAllOnDisk(QDir(home.path()).filePath(u"settings/Hookbench/hookbench.ini"_s),
                        home.path());
    }
};

int main(int argc, char **argv)
{
    if (const QByteArray mode = qgetenv("HB_SETTINGS_CHILD"); !mode.isEmpty())
        return childMain(argc, argv, mode);
    QCoreApplication app(argc, argv);
    TestSettingsWrites test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_settingswrites.moc"
