// The services registry without a window (issue #9): several sources side by side, one source
// re-discovered without touching the others, a failed discovery that keeps the previous list and
// says why, per-service settings saved in the workspace, and the grant policy surviving a
// re-discovery.
#include "controllerfixture.h"

#include "net/exchangeview.h"
#include "servers/labapi.h"

#include <QFile>

using namespace Qt::StringLiterals;

class TestServicesController : public QObject
{
    Q_OBJECT

private:
    ControllerFixture f;

    static hb::storage::Workspace twoSources()
    {
        auto ws = hb::storage::Workspace::defaults();
        ws.sources << hb::storage::DiscoverySource {u"embedded:lab:not-json,slow"_s, {}, {}};
        return ws;
    }

    hb::storage::Workspace saved() const
    {
        const auto loaded = hb::storage::loadWorkspace(f.workspacePath());
        return loaded.workspace.value_or(hb::storage::Workspace {});
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(f.start(twoSources())); }

    void bothSourcesAreListedWithTheirServices()
    {
        auto *model = f.services.services();
        QAbstractItemModelTester tester(model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(f.services.sources()->rowCount(), 2);
        QVERIFY(f.rowOfService(u"patient-greeting"_s, u"patient-view"_s) >= 0);
        const int lab = f.rowOfService(u"not-json"_s, u"patient-view"_s);
        QVERIFY(lab >= 0);
        QCOMPARE(model->data(model->index(lab), ServicesModel::SourceUrlRole).toString(),
                 u"embedded:lab:not-json,slow"_s);
        QCOMPARE(model->rowCount(), 12); // 10 demo + 2 lab
        // And the workspace file says the same.
        const auto ws = saved();
        QCOMPARE(ws.sources.size(), 2);
        QCOMPARE(ws.sources[1].services.size(), 2);
        QVERIFY(ws.sources[1].discoveredAt.isValid());
    }

    void addingASourceKeepsTheOthers()
    {
        QSignalSpy done(&f.services, &ServicesController::discoveryFinished);
        f.services.addSource(u"lab:cors-acao-null"_s);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(1).toBool(), true);
        QCOMPARE(f.services.sources()->rowCount(), 3);
        QCOMPARE(f.services.services()->rowCount(), 13);
        QVERIFY(f.services.message().startsWith(u"Discovered 1 service(s)"_s));
        f.services.removeSource(u"embedded:lab:cors-acao-null"_s);
        QCOMPARE(f.services.services()->rowCount(), 12);
        QCOMPARE(saved().sources.size(), 2);
    }

    void aFailedNewSourceIsNotAddedAndSaysWhy()
    {
        QSignalSpy done(&f.services, &ServicesController::discoveryFinished);
        f.services.addSource(u"http://127.0.0.1:1/"_s);
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(1).toBool(), false);
        QVERIFY2(f.services.message().startsWith(
                     u"Discovery at http://127.0.0.1:1/cds-services failed"_s),
                 qPrintable(f.services.message()));
        QCOMPARE(f.services.sources()->rowCount(), 2);
        QCOMPARE(f.services.services()->rowCount(), 12);
        f.services.addSource(u"ftp://example"_s);
        QVERIFY(f.services.message().contains(u"is not an http(s) URL"_s));
    }

    // An id the lab does not have is said before anything is sent (the lab would answer the
    // preflight 404, which a browser reports as a CORS failure); a wrong URL that does go out
    // keeps Chromium's text and adds that the preflight got 404, so the URL is probably wrong.
    void aWrongLabIdOrUrlSaysSo()
    {
        QSignalSpy done(&f.services, &ServicesController::discoveryFinished);
        const auto sent = f.context.workbench()->log()->exchanges().size();
        f.services.addSource(u"lab:many-cards"_s);
        QVERIFY(done.count() > 0 || done.wait(10000));
        QCOMPARE(done.first().at(1).toBool(), false);
        const QString early = f.services.message();
        QCOMPARE(early,
                 u"Discovery at embedded:lab:many-cards failed: no lab service 'many-cards' "
                 u"(similar: hostile-10000-cards; the source embedded:lab lists all %1)"_s.arg(
                     hb::servers::labServices().size()));
        f.services.addSource(u"lab:cors-defualt,slow"_s); // nothing like it: a few examples
        QVERIFY2(f.services.message().contains(
                     u"no lab service 'cors-defualt' (similar: cors-default, "_s),
                 qPrintable(f.services.message()));
        f.services.addSource(u"lab:zzz"_s);
        QVERIFY2(f.services.message().contains(u"no lab service 'zzz' (the lab has e.g. "_s),
                 qPrintable(f.services.message()));
        QCOMPARE(f.context.workbench()->log()->exchanges().size(), sent);
        QCOMPARE(f.services.sources()->rowCount(), 2);

        QUrl wrong = f.context.workbench()->embeddedLabDiscovery();
        wrong.setPath(u"/many-cards/cds-services"_s);
        done.clear();
        f.services.addSource(wrong.toString());
        QVERIFY(done.count() > 0 || done.wait(10000));
        const QString why = f.services.message();
        QVERIFY2(why.contains(u"Response to preflight request doesn't pass access control check: "
                              u"No 'Access-Control-Allow-Origin' header"_s),
                 qPrintable(why));
        QVERIFY2(why.contains(u"answered 404 Not Found (\u201cNo lab service 'many-cards'\u201d), "
                              u"so the URL is probably wrong"_s),
                 qPrintable(why));
        QCOMPARE(f.services.sources()->rowCount(), 2);
        // The log inspector's CORS section of that preflight says the same.
        const auto preflights = f.exchanges(u"preflight"_s);
        QVERIFY(!preflights.isEmpty());
        QCOMPARE(preflights.last().status, 404);
        const QJsonObject cors = hb::net::inspectorView(preflights.last())[u"cors"_s].toObject();
        QVERIFY2(cors[u"hint"_s].toString().contains(u"so the URL is probably wrong"_s),
                 qPrintable(cors[u"hint"_s].toString()));
    }

    void aFailedRediscoveryKeepsThePreviousServices()
    {
        // A source that answered before and is down now (its services are in the workspace).
        QSignalSpy done(&f.services, &ServicesController::discoveryFinished);
        f.context.editWorkspace([](hb::storage::Workspace &ws) {
            hb::storage::DiscoverySource down {u"http://127.0.0.1:1/cds-services"_s, {}, {}};
            down.services << hb::storage::WorkspaceService {
                hb::core::ServiceDefinition::fromJson(
                    QJsonObject {{u"id"_s, u"mine"_s}, {u"hook"_s, u"patient-view"_s}}),
                {}};
            ws.sources << down;
        });
        QCOMPARE(f.services.services()->rowCount(), 13);
        f.services.rediscover(u"http://127.0.0.1:1/cds-services"_s);
        QVERIFY(done.wait(10000));
        QCOMPARE(f.services.services()->rowCount(), 13); // still listed
        QVERIFY(f.rowOfService(u"mine"_s, u"patient-view"_s) >= 0);
        QVERIFY(f.services.message().endsWith(u"its previous services are kept."_s));
        const QModelIndex source = f.services.sources()->index(2);
        QVERIFY(f.services.sources()
                    ->data(source, SourcesModel::ErrorRole)
                    .toString()
                    .contains(u"127.0.0.1:1"_s));
        f.services.removeSource(u"http://127.0.0.1:1/cds-services"_s);
    }

    void rediscoveringOneSourceKeepsItsSettingsAndTheOthers()
    {
        const int row = f.rowOfService(u"not-json"_s, u"patient-view"_s);
        f.services.setEnabled(row, false);
        f.services.setPrefetchMode(row, u"none"_s);
        f.services.setScopes(row, u"patient/Patient.read, patient/Observation.read"_s);
        f.services.setJwtFault(row, u"expired"_s);
        f.services.setJwtFault(row, u"bogus"_s); // refused
        QSignalSpy done(&f.services, &ServicesController::discoveryFinished);
        f.services.rediscover(u"embedded:lab:not-json,slow"_s);
        QVERIFY(done.wait(10000));
        auto *model = f.services.services();
        const QModelIndex index = model->index(f.rowOfService(u"not-json"_s, u"patient-view"_s));
        QCOMPARE(model->data(index, ServicesModel::EnabledRole).toBool(), false);
        QCOMPARE(model->data(index, ServicesModel::PrefetchModeRole).toString(), u"none"_s);
        QCOMPARE(model->data(index, ServicesModel::JwtFaultRole).toString(), u"expired"_s);
        QCOMPARE(model->data(index, ServicesModel::ScopesRole).toStringList(),
                 (QStringList {u"patient/Patient.read"_s, u"patient/Observation.read"_s}));
        QCOMPARE(model->rowCount(), 12);
        const auto ws = saved();
        const auto &settings = ws.sources[1].services[0].settings;
        QCOMPARE(settings.enabled, false);
        QCOMPARE(settings.jwtFault, u"expired"_s);
        f.services.setScopes(f.rowOfService(u"not-json"_s, u"patient-view"_s), QString());
        QCOMPARE(model->data(index, ServicesModel::ScopesDerivedRole).toBool(), true);
    }

    // Defect (#9): the ask-user grant policy stopped applying after a re-discovery.
    void askUserPolicySurvivesARediscovery()
    {
        QVERIFY(f.settings.setGrantPolicy(u"ask-user"_s));
        QVERIFY(!f.settings.setGrantPolicy(u"sometimes"_s));
        QSignalSpy done(&f.services, &ServicesController::discoveryFinished);
        f.services.rediscover(u"embedded:demo"_s);
        QVERIFY(done.wait(10000));
        f.patient.openChart(u"pt-amelia-hart"_s);
        QSignalSpy consent(&f.consent, &ConsentController::changed);
        f.invocation.fireService(u"embedded:demo"_s, u"patient-greeting"_s, u"patient-view"_s);
        QVERIFY(consent.wait(10000));
        QCOMPARE(f.consent.service(), u"patient-greeting"_s);
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        f.consent.answer(false);
        QVERIFY(finished.wait(10000));
        QVERIFY(f.settings.setGrantPolicy(u"pre-authorized"_s));
        QCOMPARE(saved().grantPolicy, u"pre-authorized"_s);
    }

    void removingAServiceRemovesOnlyIt()
    {
        const int row = f.rowOfService(u"slow"_s, u"patient-view"_s);
        QVERIFY(row >= 0);
        f.services.removeService(row);
        QCOMPARE(f.rowOfService(u"slow"_s, u"patient-view"_s), -1);
        QVERIFY(f.rowOfService(u"not-json"_s, u"patient-view"_s) >= 0);
        QCOMPARE(saved().sources[1].services.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServicesController)
#include "tst_servicescontroller.moc"
