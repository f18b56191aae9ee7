// No lost work: a process saving the workspace (or its settings) is killed with SIGKILL at
// random moments, many times; the file on disk must always be exactly the old or the new
// version, never empty, torn or missing. A corrupt workspace file is then reported and the last
// good copy (.bak) is loaded.
#include "storage/workspacefile.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRandomGenerator>
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
// the next QSettings write then waits about 30 s for it to turn stale (reported to the storage
// owner, docs/robustness.md). Removes such a lock and says whether it found one.
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
        // Nothing but the file, its last good copy and QSaveFile temporaries of them: a kill in
        // the middle of a write leaves its temporary behind (the killed process cannot remove
        // it), so how many remain depends on where the kills land; at most one per kill.
        const QStringList leftovers = QDir(dir.path()).entryList(QDir::Files);
        const QString name = QFileInfo(path).fileName();
        for (const QString &file : leftovers)
            QVERIFY2(file == name || file.startsWith(name + u'.'), qPrintable(file));
        QVERIFY2(leftovers.size() <= 2 + kKills, qPrintable(leftovers.join(u", "_s)));
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
        if (stalls > 0)
            qWarning("%d of %d kills left an empty QSettings lock that stalled the next save",
                     stalls, kKills);
    }
};

QTEST_GUILESS_MAIN(TestNoLostWork)
#include "tst_nolostwork.moc"
