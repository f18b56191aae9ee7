// The user the EHR acts as comes from the FHIR source in use. A second embedded EHR plays the
// remote server with data of its own (tests/data/bridge/remote-fhir.json: a practitioner, her
// role, an organization, a patient) and not the embedded EHR's default user: the banner, the
// user and performer pickers, the custom hook's prefill and context.userId of a fired hook name
// the remote practitioner, never the embedded one (the banner used to read the embedded store).
#include "controllerfixture.h"
#include "recordingservices.h"

#include "fhir/fhirsource.h"
#include "servers/embeddedservers.h"
#include "servers/fhirproxy.h"
#include "session/workbench.h"

#include <QDate>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QUrlQuery>

#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

const QString Rosa = u"Practitioner/pr-rosa-remote"_s;
const QString RosaRole = u"PractitionerRole/role-rosa-cardio"_s;
const QString Olivia = u"Practitioner/pr-olivia-chen"_s; // the embedded EHR's default user

QStringList referencesOf(const QVariantList &rows)
{
    QStringList references;
    for (const auto &row : rows)
        references << row.toMap().value(u"reference"_s).toString();
    return references;
}

} // namespace

class TestRemoteUser : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    hb::servers::EmbeddedServers m_remote;

    // Low back pain since 10 days for the remote patient: the demo imaging service then answers
    // an MRI order with a card that links to the bundled SMART app.
    QString writeRecentBackPain() const
    {
        const QJsonObject condition {
            {u"resourceType"_s, u"Condition"_s},
            {u"id"_s, u"cond-remote-lbp"_s},
            {u"clinicalStatus"_s,
             QJsonObject {{u"coding"_s, QJsonArray {QJsonObject {{u"code"_s, u"active"_s}}}}}},
            {u"code"_s,
             QJsonObject {{u"coding"_s, QJsonArray {QJsonObject {{u"code"_s, u"279039007"_s}}}},
                          {u"text"_s, u"Low back pain"_s}}},
            {u"subject"_s, QJsonObject {{u"reference"_s, u"Patient/pt-remote-one"_s}}},
            {u"onsetDateTime"_s, QDate::currentDate().addDays(-10).toString(Qt::ISODate)}};
        const QString path = m_dir.filePath(u"back-pain.json"_s);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write(
            QJsonDocument(
                QJsonObject {{u"resourceType"_s, u"Bundle"_s},
                             {u"type"_s, u"collection"_s},
                             {u"entry"_s, QJsonArray {QJsonObject {{u"resource"_s, condition}}}}})
                .toJson());
        return path;
    }
    fixtures::RecordingServices m_services;
    ControllerFixture f;

    hb::storage::Workspace remoteWorkspace() const
    {
        auto ws = hb::storage::Workspace::defaults();
        // The recording services, and the demo ones for a card with a SMART link.
        ws.sources = {hb::storage::DiscoverySource {m_services.discoveryUrl().toString(), {}, {}},
                      hb::storage::DiscoverySource {u"embedded:demo"_s, {}, {}}};
        hb::fhir::FhirSource remote;
        remote.base = QUrl(m_remote.baseUrls().fhir);
        ws.fhir = remote.toWorkspace();
        return ws;
    }

    QString lastUserIdSentTo(const QString &serviceId) const
    {
        const auto calls = m_services.callsTo(serviceId);
        return calls.isEmpty() ? QString() : calls.last()[u"context"_s][u"userId"_s].toString();
    }

private Q_SLOTS:
    void initTestCase()
    {
        hb::servers::ServerOptions options;
        options.builtinData = false; // none of the embedded EHR's people
        options.requireTokens = false;
        options.bundleFiles = {QStringLiteral(HOOKBENCH_TEST_DATA "/bridge/remote-fhir.json"),
                               writeRecentBackPain()};
        options.shiftDates = false;
        m_remote.setOptions(options);
        QString error;
        QVERIFY2(m_remote.start(&error), qPrintable(error));
        QVERIFY(!m_remote.store().read(u"Practitioner"_s, u"pr-olivia-chen"_s));
        QVERIFY(m_services.listen());

        QVERIFY(f.start(remoteWorkspace()));
        QVERIFY2(!f.context.workbench()->fhirSource().isEmbedded(),
                 qPrintable(f.context.fhirError()));
        QVERIFY(!f.context.workbench()->servers()->store().read(u"Practitioner"_s,
                                                                u"pr-rosa-remote"_s));
    }

    // The default user is not on the remote server: the EHR acts as one it has, and says so.
    void theLaunchUserIsOneTheSourceHas()
    {
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().userId, Rosa, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(f.patient.userName(), u"Rosa Remote · "_s + Rosa, 10000);
        const QString notices = f.context.notices().join(u'\n');
        QVERIFY2(notices.contains(u"The FHIR source has no "_s + Olivia + u": acting as "_s + Rosa),
                 qPrintable(notices));
    }

    void theUserPickerListsTheSourcesPeople()
    {
        auto *pickers = f.patient.pickers();
        QSignalSpy changed(pickers, &EhrPickers::usersChanged);
        pickers->searchUsers(QString());
        QVERIFY(changed.wait(10000));
        const QStringList users = referencesOf(pickers->users());
        QVERIFY2(users.contains(Rosa) && users.contains(RosaRole), qPrintable(users.join(u' ')));
        QVERIFY(!users.contains(Olivia));

        QSignalSpy performers(pickers, &EhrPickers::performersChanged);
        pickers->searchPerformers(QString());
        QVERIFY(performers.wait(10000));
        const QStringList rows = referencesOf(pickers->performers());
        QVERIFY2(rows.contains(u"Organization/org-remote-lab"_s) && rows.contains(Rosa),
                 qPrintable(rows.join(u' ')));
    }

    // A role picked is named by the source: its practitioner and what the role is.
    void aPickedRoleIsNamedFromTheSource()
    {
        QSignalSpy banner(&f.patient, &PatientController::patientChanged);
        QVERIFY(f.patient.pickers()->useUser(RosaRole));
        QTRY_COMPARE_WITH_TIMEOUT(f.patient.userName(),
                                  u"Rosa Remote \u2014 Doctor, Cardiology · "_s + RosaRole, 10000);
        // A user the source does not have is kept as picked (typed by hand), unnamed.
        QVERIFY(f.patient.pickers()->useUser(Olivia));
        QTRY_VERIFY_WITH_TIMEOUT(banner.count() >= 4, 10000);
        QCOMPARE(f.patient.userName(), Olivia);
        QCOMPARE(f.context.state().userId, Olivia);
        QVERIFY(f.patient.pickers()->useUser(Rosa));
        QTRY_COMPARE_WITH_TIMEOUT(f.patient.userName(), u"Rosa Remote · "_s + Rosa, 10000);
    }

    // Opening a patient keeps the user; the hook it fires and the custom hook's prefill carry it.
    // The encounter picker (shown) lists the encounter the chart brought first.
    void aFiredHookCarriesTheSourcesUser()
    {
        auto *pickers = f.patient.pickers();
        pickers->loadEncounters(); // a screen shows the encounter picker
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        f.patient.selectPatient(u"pt-remote-one"_s);
        QVERIFY(finished.count() > 0 || finished.wait(20000));
        QCOMPARE(f.context.state().patientId, u"pt-remote-one"_s);
        QCOMPARE(f.context.state().userId, Rosa);
        QCOMPARE(lastUserIdSentTo(u"feedback-ok"_s), Rosa);
        QCOMPARE(f.patient.userName(), u"Rosa Remote · "_s + Rosa);

        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().encounterId, u"enc-remote-one"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(pickers->encounters().value(0).toMap().value(u"id"_s).toString(),
                                  u"enc-remote-one"_s, 10000);

        CustomHookController custom(f.context);
        custom.setHook(u"patient-view"_s);
        QVERIFY2(custom.contextText().contains(Rosa), qPrintable(custom.contextText()));
    }

    // The SMART app of a card link for a patient only the remote has is launched against the
    // source's audit proxy (iss), which forwards its reads to the remote (the flow itself:
    // tests/integration/fhir/tst_smartremote). With the proxy down, an error card says why.
    void aSmartLinkForARemoteOnlyPatientLaunchesThroughTheProxy()
    {
        QCOMPARE(f.context.state().patientId, u"pt-remote-one"_s);
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        f.orders.addOrder(u"IMG-MRI-LSPINE"_s); // order-select: the imaging service's card
        QVERIFY(finished.count() > 0 || finished.wait(20000));
        auto *cards = f.invocation.cards();
        const int row = f.rowOfCard(u"imaging-appropriateness"_s);
        QVERIFY2(row >= 0, "no imaging card");
        const QVariantList links = cards->data(cards->index(row), CardsModel::LinksRole).toList();
        QVERIFY(!links.isEmpty());
        QCOMPARE(links.first().toMap().value(u"type"_s).toString(), u"smart"_s);

        auto *bench = f.context.workbench();
        QVERIFY(bench->fhirProxy());
        QSignalSpy browser(&f.invocation, &InvocationController::browserRequested);
        f.invocation.openCardLink(row, 0);
        QCOMPARE(browser.count(), 1);
        const QUrlQuery launch(browser.first().first().toUrl());
        QCOMPARE(launch.queryItemValue(u"iss"_s, QUrl::FullyDecoded),
                 bench->fhirProxy()->baseUrl().toString());
        QVERIFY(!launch.queryItemValue(u"launch"_s).isEmpty());
        QCOMPARE(f.rowOfCard(u"hookbench"_s), -1);

        bench->fhirProxy()->close();
        f.invocation.openCardLink(row, 0);
        QCOMPARE(browser.count(), 1);
        const int error = f.rowOfCard(u"hookbench"_s);
        QVERIFY(error >= 0);
        const QString text = cards->data(cards->index(error), CardsModel::ErrorTextRole).toString();
        QVERIFY2(text.startsWith(u"Not launched: the audit proxy in front of the FHIR source "_s)
                     && text.contains(bench->fhirSource().base.toString()),
                 qPrintable(text));
        // A source that passes its real token has no proxy at all (set as the app does, so
        // every controller follows the source switch).
        auto passRealToken = [this](bool pass) {
            f.context.editWorkspace([pass](hb::storage::Workspace &ws) {
                auto remote = hb::fhir::FhirSource::fromJson(ws.fhir.json);
                remote.passRealToken = pass;
                ws.fhir = remote.toWorkspace();
            });
        };
        passRealToken(true);
        QVERIFY(!bench->fhirSource().isEmbedded() && !bench->fhirProxy());
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().userId, Rosa, 10000);
        f.invocation.openCardLink(f.rowOfCard(u"imaging-appropriateness"_s), 0); // rows moved
        QCOMPARE(browser.count(), 1);
        const QString why
            = cards->data(cards->index(f.rowOfCard(u"hookbench"_s)), CardsModel::ErrorTextRole)
                  .toString();
        QVERIFY2(why.contains(u"passes its real token to services"_s), qPrintable(why));
        passRealToken(false); // a new proxy for the tests that follow
        QVERIFY(bench->fhirProxy() && bench->fhirProxy()->isListening());
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().userId, Rosa, 10000);
    }

    // The app's launch sequence fires patient-view for the source's first patient only once
    // the source's user is known: its context.userId is the remote practitioner.
    void theLaunchFiresWithTheSourcesUser()
    {
        // A second set of controllers (built as Gui builds them), launched as the app launches.
        ControllerFixture launched;
        auto ws = remoteWorkspace();
        ws.embedded = {0, 0};
        QVERIFY(hb::storage::saveWorkspace(launched.workspacePath(), ws));
        const auto before = m_services.callsTo(u"feedback-ok"_s).size();
        AppController app {launched.context, launched.services, launched.invocation,
                           launched.patient, launched.orders,   launched.consent};
        AppController::LaunchScenario launch;
        launch.workspacePath = launched.workspacePath();
        app.start(launch);
        QTRY_VERIFY_WITH_TIMEOUT(app.isReady(), 20000);
        QCOMPARE(launched.context.state().patientId, u"pt-remote-one"_s);
        const auto calls = m_services.callsTo(u"feedback-ok"_s);
        QCOMPARE(calls.size(), before + 1);
        QCOMPARE(calls.last()[u"context"_s][u"userId"_s].toString(), Rosa);
        QCOMPARE(launched.patient.userName(), u"Rosa Remote · "_s + Rosa);
        QTRY_COMPARE_WITH_TIMEOUT(launched.invocation.pendingCalls(), 0, 10000);
    }

    // Back on the embedded server its default user (who it has) is the user again.
    void backOnTheEmbeddedServerItsUserReturns()
    {
        QCOMPARE(f.settings.setFhirSource(QString(), u"none"_s, QString(), QString()), QString());
        QVERIFY(f.context.workbench()->fhirSource().isEmbedded());
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().userId, Olivia, 10000);
        QCOMPARE(f.patient.userName(), u"Olivia Chen · "_s + Olivia);
        // The remote patient's chart is not left on screen: the embedded server's first
        // patient is open, read from it.
        const QString first = f.patient.firstPatientId();
        QVERIFY(!first.isEmpty() && first != u"pt-remote-one"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().patientId, first, 10000);
        QCOMPARE(f.context.chart().summary.id, first);
        QVERIFY(f.context.workbench()->servers()->store().read(u"Patient"_s, first));
    }

    // And to the remote server again: its patient (the embedded one is not there), its chart
    // read over FHIR, its practitioner as the user.
    void aSwitchToTheRemoteOpensItsPatientAndUser()
    {
        QSignalSpy chart(&f.context, &AppContext::chartChanged);
        QCOMPARE(
            f.settings.setFhirSource(m_remote.baseUrls().fhir, u"none"_s, QString(), QString()),
            QString());
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().patientId, u"pt-remote-one"_s, 10000);
        QVERIFY(chart.count() > 0 || chart.wait(10000));
        QCOMPARE(f.context.chart().summary.name, u"Ines Faraway"_s);
        QVERIFY2(f.context.chartError().isEmpty(), qPrintable(f.context.chartError()));
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().userId, Rosa, 10000);
        QCOMPARE(f.patient.userName(), u"Rosa Remote · "_s + Rosa);
    }

    // A source that has the default user (not first in its list) gets them back, not its first
    // practitioner, as the embedded server does.
    void aSourceWithTheDefaultUserGetsThem()
    {
        const QJsonArray people {
            QJsonObject {{u"resourceType"_s, u"Practitioner"_s},
                         {u"id"_s, u"pr-aaron-first"_s},
                         {u"name"_s,
                          QJsonArray {QJsonObject {{u"family"_s, u"First"_s},
                                                   {u"given"_s, QJsonArray {u"Aaron"_s}}}}}},
            QJsonObject {{u"resourceType"_s, u"Practitioner"_s},
                         {u"id"_s, u"pr-olivia-chen"_s},
                         {u"name"_s,
                          QJsonArray {QJsonObject {{u"family"_s, u"Chen"_s},
                                                   {u"given"_s, QJsonArray {u"Olivia"_s}}}}}}};
        QJsonArray entries;
        for (const auto &person : people)
            entries.append(QJsonObject {{u"resource"_s, person}});
        const QString path = m_dir.filePath(u"people.json"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject {{u"resourceType"_s, u"Bundle"_s},
                                              {u"type"_s, u"collection"_s},
                                              {u"entry"_s, entries}})
                       .toJson());
        file.close();
        hb::servers::EmbeddedServers third;
        hb::servers::ServerOptions options;
        options.builtinData = false;
        options.requireTokens = false;
        options.bundleFiles = {path};
        third.setOptions(options);
        QString error;
        QVERIFY2(third.start(&error), qPrintable(error));

        QCOMPARE(f.context.state().userId, Rosa);
        QCOMPARE(f.settings.setFhirSource(third.baseUrls().fhir, u"none"_s, QString(), QString()),
                 QString());
        QTRY_COMPARE_WITH_TIMEOUT(f.context.state().userId, Olivia, 10000);
        QCOMPARE(f.patient.userName(), u"Olivia Chen · "_s + Olivia);
        QVERIFY(f.context.notices().last().startsWith(u"The FHIR source has no "_s + Rosa
                                                      + u": acting as "_s + Olivia));
        QCOMPARE(f.settings.setFhirSource(QString(), u"none"_s, QString(), QString()), QString());
    }
};

QTEST_GUILESS_MAIN(TestRemoteUser)
#include "tst_remoteuser.moc"
