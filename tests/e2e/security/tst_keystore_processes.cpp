// The key store across processes and on a full disk (issue 16.6), with the real hookbench-cli:
// parallel `keys generate` must leave every key in the index, parallel `jwks` in an empty home
// must agree on one key (the one kept), and a write that fails (no space left) must fail the
// command loudly with the OS reason and leave the old index intact.
#include "securitycli.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {

QList<ProcessResult> runParallel(const QProcessEnvironment &env, const QStringList &args, int n)
{
    QList<QProcess *> processes;
    for (int i = 0; i < n; ++i) {
        auto *process = new QProcess;
        process->setProcessEnvironment(env);
        process->start(hookbenchBinary(u"hookbench-cli"_s), args);
        processes.append(process);
    }
    QList<ProcessResult> results;
    for (QProcess *process : std::as_const(processes)) {
        ProcessResult result;
        if (process->waitForFinished(60000) && process->exitStatus() == QProcess::NormalExit)
            result.exitCode = process->exitCode();
        result.out = QString::fromUtf8(process->readAllStandardOutput());
        result.err = QString::fromUtf8(process->readAllStandardError());
        results.append(result);
        delete process;
    }
    return results;
}

QJsonObject readIndex(const QString &keysDir)
{
    QFile file(QDir(keysDir).filePath(u"index.json"_s));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

QStringList pemFiles(const QString &keysDir)
{
    return QDir(keysDir).entryList({u"*.pem"_s}, QDir::Files, QDir::Name);
}

} // namespace

class TestKeyStoreProcesses : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parallelGeneratesKeepEveryKey()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, home.path());
        const auto results = runParallel(env, {u"keys"_s, u"generate"_s}, 10);
        QSet<QString> printed;
        for (const auto &result : results) {
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            printed.insert(result.out.trimmed());
        }
        QCOMPARE(printed.size(), 10);
        const QString keys = home.filePath(u"keys"_s);
        const QJsonArray index = readIndex(keys).value(u"keys"_s).toArray();
        QSet<QString> indexed;
        for (const auto &entry : index)
            indexed.insert(entry.toObject().value(u"kid"_s).toString());
        QCOMPARE(index.size(), 10);
        QCOMPARE(indexed, printed);
        QStringList files = pemFiles(keys);
        QCOMPARE(files.size(), 10);
        for (const QString &kid : printed)
            QVERIFY2(files.contains(kid + u".pem"_s), qPrintable(kid));
        QVERIFY(printed.contains(readIndex(keys).value(u"active"_s).toString()));
    }

    void parallelJwksInAnEmptyHomeAgree()
    {
        QTemporaryDir home;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, home.path());
        const auto results = runParallel(env, {u"jwks"_s, u"--compact"_s}, 6);
        QSet<QString> kids;
        for (const auto &result : results) {
            QVERIFY2(result.exitCode == 0, qPrintable(result.err));
            const QJsonArray keys
                = QJsonDocument::fromJson(result.out.toUtf8()).object()[u"keys"_s].toArray();
            QCOMPARE(keys.size(), 1);
            kids.insert(keys.first()[u"kid"_s].toString());
        }
        QCOMPARE(kids.size(), 1); // everyone published the same key...
        const QString keysDir = home.filePath(u"keys"_s);
        QCOMPARE(readIndex(keysDir).value(u"active"_s).toString(), *kids.begin()); // ...kept
        QCOMPARE(pemFiles(keysDir), QStringList {*kids.begin() + u".pem"_s});
    }

    // A tiny tmpfs in a private mount (and user) namespace: one key fits, then the disk is
    // filled to the last page, and `keys generate` must exit non-zero with the OS reason while
    // the index still lists the first key.
    void fullDiskFailsLoudlyAndKeepsTheIndex()
    {
        const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
        if (unshare.isEmpty())
            QSKIP("unshare(1) is not installed: cannot make a private tmpfs");
        QTemporaryDir mountPoint;
        const QString cli = hookbenchBinary(u"hookbench-cli"_s);
        const QString script = uR"sh(set -u
m="$1"; cli="$2"
mount -t tmpfs -o size=64k tmpfs "$m" || exit 77
export HOOKBENCH_HOME="$m/home"
"$cli" keys generate >/dev/null 2>"$m/first.err" || { cat "$m/first.err" >&2; exit 78; }
cp "$m/home/keys/index.json" "$m/index.before"
# Fill every free byte, then give back exactly $free bytes: 8 kB lets the lock and the key
# file be written but not the index, 4 kB (the audit's case) the lock only, 0 nothing.
dd if=/dev/zero of="$m/fill" bs=4096 2>/dev/null
for free in 8192 4096 0; do
  dd if=/dev/zero of="$m/pad$free" bs=1 2>/dev/null
  truncate -s -$free "$m/fill"
  err=$("$cli" keys generate 2>&1 >/dev/null)
  echo "free=$free exit=$?"
  echo "free=$free stderr=$(echo "$err" | tr '\n' ' ')"
  cmp -s "$m/index.before" "$m/home/keys/index.json" && echo "free=$free index=kept" || echo "free=$free index=changed"
  echo "free=$free pems=$(ls "$m/home/keys" | grep -c 'pem$')"
done
)sh"_s;
        QProcess process;
        process.start(unshare,
                      {u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s, script,
                       u"sh"_s, mountPoint.path(), cli});
        QVERIFY(process.waitForFinished(60000));
        const QString out = QString::fromUtf8(process.readAllStandardOutput());
        const QString err = QString::fromUtf8(process.readAllStandardError());
        if (process.exitCode() == 77 || process.exitCode() == 1)
            QSKIP(qPrintable(u"no private tmpfs here (unshare/mount refused): "_s + err));
        QVERIFY2(process.exitCode() == 0, qPrintable(err + out));
        qInfo("%s", qPrintable(out));
        for (const QString &free : {u"8192"_s, u"4096"_s, u"0"_s}) {
            const QString row = u"free="_s + free + u' ';
            QVERIFY2(out.contains(row + u"exit=1\n"_s), qPrintable(out));
            QVERIFY2(out.contains(QRegularExpression(row + u"stderr=.*No space left on device"_s)),
                     qPrintable(out));
            QVERIFY2(out.contains(row + u"index=kept"_s), qPrintable(out));
            QVERIFY2(out.contains(row + u"pems=1\n"_s), qPrintable(out)); // nothing orphaned
        }
    }

    // A read-only key folder: `fire`, `bench` and `run` say which folder and why, and exit 2
    // (their environment is unusable), not 3 ("could not connect", which would send the user
    // after the service). All three start through scenario::startForCall.
    void readOnlyKeyFolderIsNamed_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("arguments"); // shell words after the command
        const QString call = u"--discovery http://127.0.0.1:9/cds-services --service x"_s;
        QTest::newRow("fire") << u"fire"_s << call;
        QTest::newRow("bench") << u"bench"_s << call;
        QTest::newRow("run") << u"run"_s << u"\"$1/scenario.json\""_s;
    }
    void readOnlyKeyFolderIsNamed()
    {
        QFETCH(QString, command);
        QFETCH(QString, arguments);
        const QString unshare = QStandardPaths::findExecutable(u"unshare"_s);
        if (unshare.isEmpty())
            QSKIP("unshare(1) is not installed: cannot make a read-only mount");
        QTemporaryDir home;
        QFile scenario(home.filePath(u"scenario.json"_s));
        QVERIFY(scenario.open(QIODevice::WriteOnly));
        scenario.write(R"({"name":"ro","steps":[{"discovery":"http:\/\/127.0.0.1:9","service":"x",)"
                       R"("fhir":"none","expect":{"status":200}}]})");
        scenario.close();
        const QString script
            = uR"sh(mkdir -p "$1/keys" && mount -t tmpfs -o ro tmpfs "$1/keys" || exit 77
HOOKBENCH_HOME="$1" "$2" "$3" )sh"_s
            + arguments + u"\n"_s;
        QProcess process;
        process.start(unshare,
                      {u"--user"_s, u"--map-root-user"_s, u"--mount"_s, u"sh"_s, u"-c"_s, script,
                       u"sh"_s, home.path(), hookbenchBinary(u"hookbench-cli"_s), command});
        QVERIFY(process.waitForFinished(60000));
        const QString err = QString::fromUtf8(process.readAllStandardError());
        if (process.exitCode() == 77)
            QSKIP(qPrintable(u"no private mount here: "_s + err));
        QVERIFY2(err.contains(home.filePath(u"keys"_s)), qPrintable(err));
        QVERIFY2(err.contains(u"Read-only file system"_s), qPrintable(err));
        QCOMPARE(process.exitCode(), 2);
    }
};

QTEST_MAIN(TestKeyStoreProcesses)
#include "tst_keystore_processes.moc"
