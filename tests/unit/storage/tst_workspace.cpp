// The workspace file (issue #9): round trip to the same bytes, strict reading of hand-edited
// files, the last good copy kept when a file is corrupt.
#include "storage/paths.h"
#include "storage/settings.h"
#include "storage/workspacefile.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using hb::storage::Workspace;

namespace {

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

void writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(bytes);
}

hb::storage::WorkspaceService service(const QString &id, const QString &hook)
{
    const QJsonObject raw {
        {u"id"_s, id},
        {u"hook"_s, hook},
        {u"title"_s, u"Title of "_s + id},
        {u"description"_s, u"A service"_s},
        {u"prefetch"_s, QJsonObject {{u"patient"_s, u"Patient/{{context.patientId}}"_s}}},
        {u"x-vendor"_s, QJsonArray {1, 2.5, u"kept as received"_s}}};
    return {hb::core::ServiceDefinition::fromJson(raw), {}};
}

/// A workspace with something other than the default in every section.
Workspace richWorkspace()
{
    Workspace workspace = Workspace::defaults();
    workspace.sources[0].services << service(u"demo-a"_s, u"patient-view"_s);
    workspace.sources[0].discoveredAt = QDateTime(QDate(2026, 12, 3), QTime(8, 0, 1, 250), Qt::UTC);
    hb::storage::DiscoverySource mine {u"http://127.0.0.1:3000/cds-services"_s, {}, {}};
    auto custom = service(u"mine"_s, u"order-select"_s);
    custom.settings.enabled = false;
    custom.settings.prefetchMode = u"keys"_s;
    custom.settings.prefetchKeys = {u"patient"_s};
    custom.settings.accessToken = u"expired"_s;
    custom.settings.scopes = QStringList {u"patient/Patient.read"_s};
    custom.settings.subject = u"my-client"_s;
    custom.settings.jwtFault = u"expired"_s;
    mine.services << custom;
    workspace.sources << mine;
    workspace.fhir.json = QJsonObject {{u"kind"_s, u"embedded"_s}, {u"futureMember"_s, 7}};
    workspace.client = {u"https://ehr.example"_s, u"kid-1"_s, u"RS384"_s, 120, u"tenant-9"_s};
    workspace.cors = {u"http://localhost:8080"_s, u"strict"_s};
    workspace.grantPolicy = u"ask-user"_s;
    workspace.timeouts = {1000, 2000, 3000};
    workspace.specVersion = u"1.0"_s;
    workspace.embedded = {48000, 48001};
    workspace.ehr.medicationPrescribe = true;
    return workspace;
}

} // namespace

class TestWorkspace : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripGivesTheSameBytes()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"sub/ws.json"_s);
        QString error;
        QVERIFY2(hb::storage::saveWorkspace(path, richWorkspace(), &error), qPrintable(error));
        const QByteArray first = readAll(path);
        const auto loaded = hb::storage::loadWorkspace(path);
        QVERIFY2(loaded.workspace, qPrintable(loaded.error));
        QVERIFY(loaded.error.isEmpty());
        QVERIFY(hb::storage::saveWorkspace(path, *loaded.workspace, &error));
        QCOMPARE(readAll(path), first);
        // And what was read is what was written, section by section.
        const Workspace &ws = *loaded.workspace;
        QCOMPARE(ws.sources.size(), 2);
        QCOMPARE(ws.sources[1].url, u"http://127.0.0.1:3000/cds-services"_s);
        const auto &settings = ws.sources[1].services[0].settings;
        QCOMPARE(settings, richWorkspace().sources[1].services[0].settings);
        QCOMPARE(ws.sources[0].discoveredAt, richWorkspace().sources[0].discoveredAt);
        QCOMPARE(ws.sources[0].services[0].definition.raw.value(u"x-vendor"_s).toArray().size(), 3);
        QCOMPARE(ws.fhir.json.value(u"futureMember"_s).toInt(), 7); // G-fhir's members survive
        QCOMPARE(ws.client.algorithm, u"RS384"_s);
        QCOMPARE(ws.cors.mode, u"strict"_s);
        QCOMPARE(ws.grantPolicy, u"ask-user"_s);
        QCOMPARE(ws.timeouts.prefetchMs, 3000);
        QCOMPARE(ws.embedded.labPort, quint16(48001));
        QVERIFY(ws.ehr.medicationPrescribe);
        // Readable: indented, one member per line.
        QVERIFY(first.contains("\n    \"grantPolicy\": \"ask-user\",\n"));
    }

    void defaultsAreTheDemoSourceOnFixedPorts()
    {
        const Workspace ws = Workspace::defaults();
        QCOMPARE(ws.sources.size(), 1);
        QVERIFY(ws.sources[0].isEmbedded());
        QCOMPARE(ws.embedded.port, hb::storage::EmbeddedPorts::DefaultPort);
        QVERIFY(ws.embedded.port != 0);
        QVERIFY(!ws.ehr.medicationPrescribe); // a deprecated hook is opt-in
        QString error;
        const auto parsed
            = hb::storage::parseWorkspace(hb::storage::serializeWorkspace(ws), &error);
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(hb::storage::serializeWorkspace(*parsed), hb::storage::serializeWorkspace(ws));
    }

    void badValuesAreNamedByPointer_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("expected");
        QTest::newRow("grant policy")
            << u"/grantPolicy"_s << QJsonValue(u"ask"_s) << u"/grantPolicy: 'ask' is not one of"_s;
        QTest::newRow("cors mode") << u"/cors/mode"_s << QJsonValue(u"firefox"_s)
                                   << u"/cors/mode: 'firefox' is not one of"_s;
        QTest::newRow("port") << u"/embedded/port"_s << QJsonValue(70000)
                              << u"/embedded/port: must be a whole number from 0 to 65535"_s;
        QTest::newRow("prefetch") << u"/sources/1/services/0/prefetch/mode"_s
                                  << QJsonValue(u"some"_s)
                                  << u"/sources/1/services/0/prefetch/mode: 'some'"_s;
        QTest::newRow("medication-prescribe")
            << u"/ehr/medicationPrescribe"_s << QJsonValue(1)
            << u"/ehr/medicationPrescribe: must be true or false"_s;
        QTest::newRow("enabled") << u"/sources/1/services/0/enabled"_s << QJsonValue(u"yes"_s)
                                 << u"/sources/1/services/0/enabled: must be true or false"_s;
        QTest::newRow("version") << u"/version"_s << QJsonValue(2)
                                 << u"/version: 2 is newer than this Hookbench understands"_s;
        QTest::newRow("not a workspace")
            << u"/format"_s << QJsonValue(u"x"_s) << u"this is not a Hookbench workspace"_s;
    }

    void badValuesAreNamedByPointer()
    {
        QFETCH(QString, pointer);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QJsonObject json = richWorkspace().toJson();
        // Set the member at `pointer` (objects and arrays along the way).
        const QStringList path = pointer.mid(1).split(u'/');
        std::function<QJsonValue(QJsonValue, int)> set
            = [&](QJsonValue node, int depth) -> QJsonValue {
            if (depth == path.size())
                return value;
            bool isIndex = false;
            const int index = path[depth].toInt(&isIndex);
            if (isIndex) {
                QJsonArray array = node.toArray();
                array[index] = set(array.at(index), depth + 1);
                return array;
            }
            QJsonObject object = node.toObject();
            object[path[depth]] = set(object.value(path[depth]), depth + 1);
            return object;
        };
        json = set(json, 0).toObject();
        QString error;
        QVERIFY(!Workspace::fromJson(json, &error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void corruptFileIsReportedAndTheLastGoodCopyLoaded()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"ws.json"_s);
        Workspace first = richWorkspace();
        Workspace second = richWorkspace();
        second.grantPolicy = u"pre-authorized"_s;
        QVERIFY(hb::storage::saveWorkspace(path, first));
        QVERIFY(!QFile::exists(hb::storage::workspaceBackupPath(path))); // nothing to keep yet
        QVERIFY(hb::storage::saveWorkspace(path, second));
        QCOMPARE(readAll(hb::storage::workspaceBackupPath(path)),
                 hb::storage::serializeWorkspace(first));

        // Half a file, as a full disk or an editor crash leaves it.
        const QByteArray good = readAll(path);
        writeAll(path, good.left(good.size() / 2));
        const auto loaded = hb::storage::loadWorkspace(path);
        QVERIFY(loaded.workspace);
        QVERIFY(loaded.fromBackup);
        QVERIFY2(loaded.error.contains(path) && loaded.error.contains(u"not valid JSON"_s)
                     && loaded.error.contains(u"last good copy"_s),
                 qPrintable(loaded.error));
        QCOMPARE(loaded.workspace->grantPolicy, u"ask-user"_s); // the backup's content

        // Saving over the corrupt file never copies it onto the good backup.
        QVERIFY(hb::storage::saveWorkspace(path, second));
        QCOMPARE(readAll(hb::storage::workspaceBackupPath(path)),
                 hb::storage::serializeWorkspace(first));
        QCOMPARE(readAll(path), hb::storage::serializeWorkspace(second));
    }

    void corruptFileWithoutBackupIsAnError()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"ws.json"_s);
        writeAll(path, "{\"format\": \"hookbench-workspace\", \"version\": 1, \"sources\": 3}");
        const auto loaded = hb::storage::loadWorkspace(path);
        QVERIFY(!loaded.workspace);
        QVERIFY2(loaded.error.contains(u"/sources: must be an array"_s)
                     && loaded.error.contains(u"no good copy"_s),
                 qPrintable(loaded.error));
    }

    void missingFileIsAnError()
    {
        QTemporaryDir tmp;
        const auto loaded = hb::storage::loadWorkspace(tmp.filePath(u"none.json"_s));
        QVERIFY(!loaded.workspace);
        QVERIFY(!loaded.fromBackup);
        QVERIFY2(loaded.error.contains(u"cannot read"_s), qPrintable(loaded.error));
    }

    void saveFailureIsReported()
    {
        QTemporaryDir tmp;
        // A folder where the file should be: no rename can replace it (true even for root).
        const QString path = tmp.filePath(u"taken"_s);
        QVERIFY(QDir().mkpath(path + u"/inside"_s));
        QString error;
        QVERIFY(!hb::storage::saveWorkspace(path, Workspace::defaults(), &error));
        QVERIFY2(error.contains(u"cannot write"_s) && error.contains(path), qPrintable(error));
        // A parent that is a file: the folder cannot be made.
        writeAll(tmp.filePath(u"file"_s), "x");
        QVERIFY(!hb::storage::saveWorkspace(tmp.filePath(u"file/ws.json"_s), Workspace::defaults(),
                                            &error));
        QVERIFY2(error.contains(u"cannot create the folder"_s), qPrintable(error));
    }

    void settingsPersistInHome()
    {
        QTemporaryDir tmp;
        qputenv("HOOKBENCH_HOME", tmp.path().toUtf8());
        QCoreApplication::setOrganizationName(u"Hookbench"_s);
        QCoreApplication::setApplicationName(u"hookbench"_s);
        hb::storage::routeSettingsToHome();
        {
            hb::storage::Settings settings;
            settings.setGeometry(QRect(10, 20, 1300, 800));
            settings.setSplitterSizes(u"main"_s, {700, 400});
            settings.setLastScreen(u"services"_s);
            settings.setTheme(u"dark"_s);
            settings.setFontScale(1.25);
            for (int i = 0; i < 10; ++i)
                settings.noteWorkspace(tmp.filePath(u"ws%1.json"_s.arg(i)));
            settings.noteWorkspace(tmp.filePath(u"ws3.json"_s));
            settings.sync();
            QVERIFY(QSettings().fileName().startsWith(tmp.path()));
        }
        const hb::storage::Settings reread;
        QCOMPARE(reread.geometry(), QRect(10, 20, 1300, 800));
        QCOMPARE(reread.splitterSizes(u"main"_s), (QList<int> {700, 400}));
        QCOMPARE(reread.lastScreen(), u"services"_s);
        QCOMPARE(reread.theme(), u"dark"_s);
        QCOMPARE(reread.fontScale(), 1.25);
        hb::storage::Settings().setTheme(u"purple"_s); // not a theme: follow the desktop
        QCOMPARE(reread.theme(), u"system"_s);
        const QStringList recent = reread.recentWorkspaces();
        QCOMPARE(recent.size(), hb::storage::Settings::MaxRecentWorkspaces);
        QCOMPARE(recent.first(), tmp.filePath(u"ws3.json"_s));
        QCOMPARE(recent.count(tmp.filePath(u"ws3.json"_s)), 1);
        QCOMPARE(reread.lastWorkspace(), tmp.filePath(u"ws3.json"_s));
    }
};

QTEST_GUILESS_MAIN(TestWorkspace)
#include "tst_workspace.moc"
