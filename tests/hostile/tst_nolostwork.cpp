// No lost work: a process saving the workspace (or its settings) is killed with SIGKILL at
// random moments, many times; the file on disk must always be exactly the old or the new
// version, never empty, torn or missing. A corrupt workspace file is then reported and the last
// good copy (.bak) is loaded.
#include "storage/workspacefile.h"

#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

namespace {

constexpr int kKills = 120;

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

// QSettings' lock file: a kill between creating it and writing its PID leaves it empty, and
// without hb::storage's clean-up the next QSettings write waits about 30 s for it to turn
// stale. The test unblocks such a stall (so one failure does not cost 30 s a kill) and then
// fails. Removes such a lock and says whether it found one.
bool removeEmptySettingsLock(const QString &home)
{
    bool found = false;
    QDirIterator it(home, {u"*.lock"_s}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString lock = it.next();
        if (QFileInfo(lock).size() == 0)
            found = QFile::remove(lock) || found;
    }
    return found;
}

// Starts the saver, lets it run a random 0-25 ms past "ready", kills it with SIGKILL. Returns
// false when the saver stalled on an empty settings lock left by an earlier kill.
bool killMidSave(const QStringList &args, const QString &home)
{
    QProcess saver;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOOKBENCH_HOME"_s, home);
    saver.setProcessEnvironment(env);
    saver.start(QStringLiteral(HOOKBENCH_BIN_DIR "/../tests/killsaver"), args);
    if (!saver.waitForStarted(5000))
        qFatal("cannot start killsaver: %s", qPrintable(saver.errorString()));
    const bool ready = saver.waitForReadyRead(5000);
    if (ready)
        QTest::qSleep(int(QRandomGenerator::global()->bounded(25)));
    ::kill(pid_t(saver.processId()), SIGKILL);
    saver.waitForFinished(5000);
    if (!ready && !removeEmptySettingsLock(home))
        qFatal("killsaver neither got ready nor waited on a stale lock: %s",
               saver.readAllStandardError().constData());
    return ready;
}

// One clean save through the same code, run to the end.
void saveOnce(const QStringList &args, const QString &home)
{
    QProcess saver;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOOKBENCH_HOME"_s, home);
    saver.setProcessEnvironment(env);
    saver.start(QStringLiteral(HOOKBENCH_BIN_DIR "/../tests/killsaver"),
                args + QStringList {u"once"_s});
    QVERIFY(saver.waitForFinished(30000));
    QVERIFY2(saver.exitStatus() == QProcess::NormalExit && saver.exitCode() == 0,
             saver.readAllStandardError().constData());
}

// QSaveFile's temporaries of `file`: `<name>.` and six letters (QTemporaryFileName).
QStringList saveTemporaries(const QString &file)
{
    const QFileInfo info(file);
    const QRegularExpression pattern(u"\\A"_s + QRegularExpression::escape(info.fileName())
                                     + u"\\.[A-Za-z]{6}\\z"_s);
    QStringList found;
    for (const QString &name : info.absoluteDir().entryList(QDir::Files | QDir::Hidden)) {
        if (pattern.match(name).hasMatch())
            found << name;
    }
    return found;
}

// Leaves what a kill mid-write leaves, for certain: a temporary from a minute ago. Returns its
// path.
QString plantStaleTemporary(const QString &file)
{
    const QString path = file + u".QkIlLd"_s;
    QFile stale(path);
    // Flushed before the time is set, or the buffered write would set it to now.
    if (!stale.open(QIODevice::WriteOnly) || stale.write("{\"half\": ") < 0 || !stale.flush())
        qFatal("cannot write %s", qPrintable(path));
    stale.setFileTime(QDateTime::currentDateTime().addSecs(-60), QFileDevice::FileModificationTime);
    return path;
}

// Files next to `file` that look like temporaries but are not, or are newer than the save (a
// save still running elsewhere): the clean-up must keep every one.
QStringList plantLookalikes(const QString &file)
{
    const QString dir = QFileInfo(file).absolutePath();
    const QStringList paths {file + u".notes"_s, file + u".Abc123"_s, file + u".AbCdEfG"_s,
                             dir + u"/other.json.AbCdEf"_s, file + u".NeWeRr"_s};
    for (const QString &path : paths) {
        QFile lookalike(path);
        if (!lookalike.open(QIODevice::WriteOnly) || lookalike.write("keep") < 0
            || !lookalike.flush())
            qFatal("cannot write %s", qPrintable(path));
        lookalike.setFileTime(path.endsWith(u"NeWeRr"_s)
                                  ? QDateTime::currentDateTime().addSecs(3600)
                                  : QDateTime::currentDateTime().addSecs(-60),
                              QFileDevice::FileModificationTime);
    }
    return paths;
}
} // namespace

class TestNoLostWork : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void workspaceIsAlwaysOldOrNew()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"workspace.json"_s);
        QSet<QByteArray> versions; // the distinct whole files seen after the kills
        for (int i = 0; i < kKills; ++i) {
            QVERIFY2(killMidSave({u"workspace"_s, path}, dir.path()),
                     "the workspace saver stalled");
            const QByteArray bytes = readAll(path);
            QVERIFY2(!bytes.isEmpty(), "the workspace file is empty or missing after a kill");
            QString error;
            const auto parsed = hb::storage::parseWorkspace(bytes, &error);
            QVERIFY2(parsed.has_value(),
                     qPrintable(u"kill %1 left a corrupt file: %2"_s.arg(i).arg(error)));
            QCOMPARE(hb::storage::serializeWorkspace(*parsed), bytes); // a whole version
            versions.insert(bytes);
            // The last good copy is always valid too.
            const QByteArray backup = readAll(hb::storage::workspaceBackupPath(path));
            if (!backup.isEmpty())
                QVERIFY(hb::storage::parseWorkspace(backup).has_value());
        }
        QVERIFY(versions.size() <= 2);
        // A kill mid-write leaves its QSaveFile temporary behind (the killed process cannot
        // remove it); the next save removes those. After a final clean save nothing remains
        // but the file and its last good copy, and the look-alikes are kept.
        const QString stale = plantStaleTemporary(path);
        const QString staleBackup = plantStaleTemporary(hb::storage::workspaceBackupPath(path));
        const QStringList lookalikes = plantLookalikes(path);
        saveOnce({u"workspace"_s, path}, dir.path());
        QVERIFY2(!QFileInfo::exists(stale), "a stale temporary survived the save");
        QVERIFY2(!QFileInfo::exists(staleBackup), "a stale temporary of .bak survived the save");
        QCOMPARE(saveTemporaries(path), QStringList {u"workspace.json.NeWeRr"_s});
        QCOMPARE(saveTemporaries(hb::storage::workspaceBackupPath(path)), QStringList {});
        for (const QString &lookalike : lookalikes)
            QVERIFY2(QFileInfo::exists(lookalike), qPrintable(lookalike + u" was removed"_s));
        for (const QString &lookalike : lookalikes)
            QFile::remove(lookalike);
        QStringList leftovers = QDir(dir.path()).entryList(QDir::Files);
        leftovers.sort();
        QCOMPARE(leftovers, (QStringList {u"workspace.json"_s, u"workspace.json.bak"_s}));
    }

    void corruptWorkspaceIsReportedAndLastGoodCopyLoaded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"workspace.json"_s);
        hb::storage::Workspace good = hb::storage::Workspace::defaults();
        good.timeouts.totalMs = 12345;
        QVERIFY(hb::storage::saveWorkspace(path, good));
        hb::storage::Workspace newer = good;
        newer.timeouts.totalMs = 23456;
        QVERIFY(hb::storage::saveWorkspace(path, newer)); // the good one is now the .bak
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("{\"formatVersion\": 1, \"sources\": [");
        }
        const auto loaded = hb::storage::loadWorkspace(path);
        QVERIFY(loaded.workspace.has_value());
        QVERIFY(loaded.fromBackup);
        QVERIFY2(!loaded.error.isEmpty(), "a corrupt workspace must be reported");
        QVERIFY2(loaded.error.contains(QFileInfo(path).fileName()), qPrintable(loaded.error));
        QCOMPARE(loaded.workspace->timeouts.totalMs, 12345);
        // Saving again must not copy the corrupt file over the good backup.
        QVERIFY(hb::storage::saveWorkspace(path, *loaded.workspace));
        QVERIFY(hb::storage::parseWorkspace(readAll(hb::storage::workspaceBackupPath(path)))
                    .has_value());
    }

    void settingsAreAlwaysOldOrNew()
    {
        QTemporaryDir dir;
        QSet<QString> themes; // which of the two versions each kill left
        int stalls = 0;
        QString file;
        for (int i = 0; i < kKills; ++i) {
            if (!killMidSave({u"settings"_s}, dir.path()))
                ++stalls;
            if (file.isEmpty()) {
                QStringList found;
                QDirIterator it(dir.filePath(u"settings"_s), {u"*.ini"_s}, QDir::Files,
                                QDirIterator::Subdirectories);
                while (it.hasNext())
                    found << it.next();
                QVERIFY2(!found.isEmpty(), "no settings file was written");
                file = found.constFirst();
            }
            // One save (one setter) writes either the short or the long list, never a mix.
            const QByteArray bytes = readAll(file);
            QSettings settings(file, QSettings::IniFormat);
            QCOMPARE(settings.status(), QSettings::NoError);
            const bool longList = bytes.contains("main=1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12\n");
            const bool shortList = bytes.contains("main=7, 8\n");
            QVERIFY2(longList != shortList, bytes.constData());
            themes.insert(longList ? u"long"_s : u"short"_s);
        }
        QVERIFY(!themes.isEmpty());
        // As for the workspace: after a final clean save no temporary of the settings file
        // remains, however many the kills left.
        // And an empty lock (a kill between QLockFile's create and its write) does not stall
        // the next save: planted for certain, and none of the kills' may have stalled either.
        const QString stale = plantStaleTemporary(file);
        const QString lock = file + u".lock"_s;
        {
            QFile empty(lock);
            QVERIFY(empty.open(QIODevice::WriteOnly));
            QVERIFY(empty.setFileTime(QDateTime::currentDateTime().addSecs(-5),
                                      QFileDevice::FileModificationTime));
        }
        QElapsedTimer clock;
        clock.start();
        saveOnce({u"settings"_s}, dir.path());
        qInfo("the save after an empty lock took %lld ms", clock.elapsed());
        QVERIFY2(clock.elapsed() < 20000, "the save waited on the empty lock"); // Qt waits 30 s
        QVERIFY2(!QFileInfo::exists(stale), "a stale settings temporary survived the save");
        QCOMPARE(saveTemporaries(file), QStringList {});
        QVERIFY2(stalls == 0,
                 qPrintable(u"%1 of %2 kills left an empty QSettings lock that stalled the next "
                            "save"_s.arg(stalls)
                                .arg(kKills)));
    }
};

QTEST_GUILESS_MAIN(TestNoLostWork)
#include "tst_nolostwork.moc"
