// A workspace drives the running Hookbench (issue #9): fixed embedded ports that survive a
// relaunch and fall back loudly when taken, sources that resolve to the embedded servers,
// re-discovery that keeps per-service settings, and settings mapped to the call options.
#include "session/workspaceoptions.h"

#include <QTcpServer>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

namespace {

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort(); // closed when the probe goes: free again (almost always)
}

core::ServiceDefinition definition(const QString &id, const QString &hook)
{
    return core::ServiceDefinition::fromJson(QJsonObject {{u"id"_s, id}, {u"hook"_s, hook}});
}

} // namespace

class TestWorkspaceSession : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fixedPortIsUsedAndEmbeddedSourcesResolveToIt()
    {
        storage::Workspace workspace = storage::Workspace::defaults();
        workspace.embedded = {freePort(), freePort()};
        const auto options = session::workbenchOptionsFrom(workspace);
        QVERIFY(options);
        session::Workbench bench(*options);
        QString error;
        QVERIFY2(bench.start(&error), qPrintable(error));
        QVERIFY(bench.notices().isEmpty());
        QCOMPARE(bench.embeddedFhir().port(), int(workspace.embedded.port));
        QCOMPARE(session::discoveryUrlOf(u"embedded:demo"_s, bench), bench.embeddedDiscovery());
        QCOMPARE(session::discoveryUrlOf(u"embedded:lab"_s, bench).port(),
                 int(workspace.embedded.labPort));
        QCOMPARE(session::discoveryUrlOf(u"embedded:lab:a,b"_s, bench).path(),
                 u"/a,b/cds-services"_s);
        QCOMPARE(session::discoveryUrlOf(u"http://127.0.0.1:9/cds-services"_s, bench),
                 QUrl(u"http://127.0.0.1:9/cds-services"_s));
    }

    void takenPortFallsBackWithANotice()
    {
        QTcpServer squatter;
        QVERIFY(squatter.listen(QHostAddress::LocalHost, 0));
        storage::Workspace workspace = storage::Workspace::defaults();
        workspace.embedded = {squatter.serverPort(), 0};
        session::Workbench bench(*session::workbenchOptionsFrom(workspace));
        QString error;
        QVERIFY2(bench.start(&error), qPrintable(error));
        QVERIFY(bench.embeddedFhir().port() > 0);
        QVERIFY(bench.embeddedFhir().port() != squatter.serverPort());
        QCOMPARE(bench.notices().size(), 1);
        QVERIFY2(bench.notices().first().contains(QString::number(squatter.serverPort()))
                     && bench.notices().first().contains(u"in use"_s),
                 qPrintable(bench.notices().first()));
    }

    void rediscoveryKeepsSettingsOfServicesStillListed()
    {
        storage::DiscoverySource source {u"http://127.0.0.1:9/cds-services"_s, {}, {}};
        core::DiscoveryDocument first;
        first.services
            = {definition(u"a"_s, u"patient-view"_s), definition(u"b"_s, u"order-select"_s)};
        session::applyDiscovery(source, first, QDateTime::currentDateTimeUtc());
        source.services[0].settings.enabled = false;
        source.services[0].settings.prefetchMode = u"none"_s;
        core::DiscoveryDocument second;
        second.services
            = {definition(u"c"_s, u"patient-view"_s), definition(u"a"_s, u"patient-view"_s)};
        session::applyDiscovery(source, second, QDateTime::currentDateTimeUtc());
        QCOMPARE(source.services.size(), 2);
        QCOMPARE(source.services[0].definition.id, u"c"_s);
        QVERIFY(source.services[0].settings.enabled);
        QCOMPARE(source.services[1].definition.id, u"a"_s);
        QVERIFY(!source.services[1].settings.enabled);
        QCOMPARE(source.services[1].settings.prefetchMode, u"none"_s);
    }

    void hookFiresOnlyEnabledServicesAcrossSources()
    {
        storage::Workspace workspace;
        storage::DiscoverySource one {u"embedded:demo"_s, {}, {}};
        one.services = {{definition(u"a"_s, u"patient-view"_s), {}},
                        {definition(u"b"_s, u"patient-view"_s), {}},
                        {definition(u"c"_s, u"order-select"_s), {}}};
        one.services[1].settings.enabled = false;
        storage::DiscoverySource two {u"http://127.0.0.1:9/cds-services"_s, {}, {}};
        two.services = {{definition(u"mine"_s, u"patient-view"_s), {}}};
        workspace.sources = {one, two};
        const auto refs = session::enabledServicesFor(workspace, u"patient-view"_s);
        QCOMPARE(refs.size(), 2);
        QCOMPARE(refs[0].service.definition.id, u"a"_s);
        QCOMPARE(refs[1].service.definition.id, u"mine"_s);
        QCOMPARE(refs[1].sourceUrl, two.url);
    }

    void settingsMapToCallOptions()
    {
        storage::Workspace workspace;
        workspace.cors = {u"http://localhost:8080"_s, u"off"_s};
        workspace.timeouts = {1234, 5678, 910};
        workspace.specVersion = u"1.0"_s;
        workspace.client.issuer = u"https://ehr.example"_s;
        workspace.client.algorithm = u"RS384"_s;
        const auto options = session::workbenchOptionsFrom(workspace);
        QVERIFY(options);
        QVERIFY(!options->client.corsEmulation);
        QCOMPARE(options->client.connectTimeoutMs, 1234);
        QCOMPARE(options->client.specVersion, core::SpecVersion::V1_0);
        QCOMPARE(options->jwt.issuer, u"https://ehr.example"_s);
        QCOMPARE(options->jwt.algorithm, security::KeyAlgorithm::RS384);

        storage::ServiceSettings settings;
        settings.prefetchMode = u"keys"_s;
        settings.prefetchKeys = {u"patient"_s};
        settings.accessToken = u"expired"_s;
        settings.subject = u"my-client"_s;
        const auto call = session::invocationOptionsFor(workspace, settings);
        QCOMPARE(call.prefetch.mode, core::PrefetchMode::Chosen);
        QCOMPARE(call.prefetch.chosenKeys, QStringList {u"patient"_s});
        QCOMPARE(call.accessToken, session::AccessTokenMode::Expired);
        QCOMPARE(call.prefetchTimeoutMs, 910);
        QCOMPARE(call.subject, u"my-client"_s);

        // A JWT fault name this build does not know is an error that names the member.
        storage::DiscoverySource source {
            u"embedded:demo"_s, {}, {{definition(u"a"_s, u"patient-view"_s), {}}}};
        source.services[0].settings.jwtFault = u"bogus"_s;
        workspace.sources = {source};
        QString error;
        QVERIFY(!session::workbenchOptionsFrom(workspace, &error));
        QVERIFY2(error.startsWith(u"/sources/0/services/0/jwtFault"_s), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceSession)
#include "tst_workspacesession.moc"
