// Settings, workspace files and the patient context without a window: what the settings change
// reaches the next call and the workspace file; File > Save As / Open / New; a corrupt file
// opens its last good copy and says so; an unknown patient is an error card, never silence.
#include "controllerfixture.h"
#include "storage/settings.h"
#include "uisettings.h"

#include <QFile>

using namespace Qt::StringLiterals;

class TestSettingsController : public QObject
{
    Q_OBJECT

private:
    ControllerFixture f;

private Q_SLOTS:
    void initTestCase() { QVERIFY(f.start(hb::storage::Workspace::defaults())); }

    void emptyOriginTurnsCorsEmulationOffForTheNextCall()
    {
        f.settings.setOrigin(QString());
        QCOMPARE(f.settings.origin(), QString());
        QCOMPARE(f.settings.corsMode(), u"off"_s);
        QVERIFY(!f.context.workbench()->client()->options().corsEmulation);
        f.patient.openChart(u"pt-amelia-hart"_s);
        QVERIFY(f.fireAndWait(u"patient-view"_s));
        QVERIFY(!f.exchanges(u"hook"_s).last().cors.has_value());
        QVERIFY(f.exchanges(u"preflight"_s).isEmpty()
                || f.exchanges(u"preflight"_s).last().id < f.exchanges(u"hook"_s).last().id);

        f.settings.setOrigin(u"http://localhost:8080"_s);
        QCOMPARE(f.settings.corsMode(), u"browser"_s);
        QVERIFY(f.fireAndWait(u"patient-view"_s));
        QByteArray sentOrigin;
        const hb::net::Exchange call = f.exchanges(u"hook"_s).last();
        for (const auto &line : call.requestHeaders) {
            if (line.name.compare("origin", Qt::CaseInsensitive) == 0)
                sentOrigin = line.value;
        }
        QCOMPARE(sentOrigin, QByteArray("http://localhost:8080"));
        const auto ws = hb::storage::loadWorkspace(f.workspacePath()).workspace;
        QCOMPARE(ws->cors.origin, u"http://localhost:8080"_s);
    }

    void settingForEveryServiceReachesEachService()
    {
        QVERIFY(f.settings.setForAllServices(u"prefetch"_s, u"none"_s));
        QVERIFY(!f.settings.setForAllServices(u"prefetch"_s, u"some"_s));
        QCOMPARE(f.settings.allServices().value(u"prefetch"_s).toString(), u"none"_s);
        QVERIFY(f.fireAndWait(u"patient-view"_s));
        QVERIFY2(f.invocation.lastFire().contains(u"0 of 2 prefetch keys"_s),
                 qPrintable(f.invocation.lastFire()));
        QVERIFY(f.settings.setForAllServices(u"prefetch"_s, u"all"_s));
    }

    void saveAsOpenAndNewMoveBetweenFiles()
    {
        const QString other = f.dir.filePath(u"other.json"_s);
        QVERIFY(f.workspace.saveAs(QUrl::fromLocalFile(other)));
        QCOMPARE(f.workspace.path(), other);
        QCOMPARE(f.workspace.recent().value(0), other);

        const QString fresh = f.dir.filePath(u"fresh.json"_s);
        QVERIFY(f.workspace.newWorkspace(QUrl::fromLocalFile(fresh)));
        QCOMPARE(f.settings.origin(), u"https://sandbox.cds-hooks.org"_s); // defaults again

        QVERIFY(f.workspace.open(QUrl::fromLocalFile(other)));
        QCOMPARE(f.settings.origin(), u"http://localhost:8080"_s);
        QCOMPARE(f.context.workbench()->client()->options().origin, u"http://localhost:8080"_s);
    }

    void corruptFileOpensItsLastGoodCopyAndSaysSo()
    {
        const QString path = f.workspace.path();
        f.settings.setIssuer(u"https://ehr.example"_s); // a second save: the backup exists
        QVERIFY(QFile::exists(path + u".bak"_s));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("{ \"format\": \"hookbench-workspace\", ");
        }
        QVERIFY(f.workspace.open(QUrl::fromLocalFile(path)));
        QVERIFY2(f.workspace.message().contains(u"last good copy"_s),
                 qPrintable(f.workspace.message()));
        QVERIFY(f.workspace.open(QUrl::fromLocalFile(path))); // saved again: readable now

        QVERIFY(!f.workspace.open(QUrl::fromLocalFile(f.dir.filePath(u"missing.json"_s))));
        QVERIFY(f.workspace.message().contains(u"cannot read"_s));
    }

    void unknownPatientIsAnErrorCard()
    {
        f.patient.openChart(u"nobody"_s);
        QCOMPARE(f.invocation.cards()->rowCount(), 1);
        auto *cards = f.invocation.cards();
        QCOMPARE(cards->data(cards->index(0), CardsModel::IndicatorRole).toString(), u"error"_s);
        QVERIFY(cards->data(cards->index(0), CardsModel::ErrorTextRole)
                    .toString()
                    .contains(u"nobody"_s));
    }

    void appearanceSettingsPersist()
    {
        // One owner: what QML's UiSettings sets is what the settings store keeps (#9: the
        // theme and font scale used to be kept twice, under two sets of keys).
        qunsetenv("HOOKBENCH_THEME");
        UiSettings::instance()->setThemeMode(u"dark"_s);
        UiSettings::instance()->setFontScale(1.5);
        f.settings.saveSplitterSizes(u"main"_s, {600, 250});
        const hb::storage::Settings stored;
        QCOMPARE(stored.theme(), u"dark"_s);
        QCOMPARE(stored.fontScale(), 1.5);
        UiSettings::instance()->setFontScale(9.0); // a projector's Ctrl+plus, far too often
        QCOMPARE(stored.fontScale(), hb::storage::Settings::MaxFontScale);
        QCOMPARE(UiSettings::instance()->fontScale(), hb::storage::Settings::MaxFontScale);
        const SettingsController again(f.context);
        QCOMPARE(again.splitterSizes(u"main"_s), (QList<int> {600, 250}));
    }
};

QTEST_GUILESS_MAIN(TestSettingsController)
#include "tst_settingscontroller.moc"
