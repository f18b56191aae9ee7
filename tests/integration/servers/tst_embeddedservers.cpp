// EmbeddedServers as the GUI and the CLI use it: asynchronous start, importing FHIR Bundle
// files, refusing unusable data, and fixed ports.
#include "httpclient.h"

#include "servers/embeddedservers.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using hb::servers::EmbeddedServers;

class TestEmbeddedServers : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void startAsyncReportsAndServes()
    {
        EmbeddedServers servers;
        QSignalSpy started(&servers, &EmbeddedServers::started);
        servers.startAsync();
        QVERIFY(!servers.isRunning() || started.count() == 1);
        QTRY_COMPARE(started.count(), 1);
        QCOMPARE(started.at(0).at(0).toBool(), true);
        QVERIFY(servers.isRunning());
        QCOMPARE(httpGet(servers.baseUrls().fhir + u"/metadata"_s).status, 200);
        servers.stop();
        QVERIFY(!servers.isRunning());
        QVERIFY(servers.baseUrls().fhir.isEmpty());
    }

    void importsBundleFiles()
    {
        EmbeddedServers servers;
        hb::servers::ServerOptions options;
        options.builtinData = false;
        options.bundleFiles = {QStringLiteral(HOOKBENCH_TEST_DATA "/servers/import-bundle.json")};
        servers.setOptions(options);
        QString error;
        QVERIFY2(servers.start(&error), qPrintable(error));
        const QString token = servers.issueServiceToken(u"t"_s, {u"user/*.read"_s}, {}).accessToken;
        const auto patients = httpGet(servers.baseUrls().fhir + u"/Patient"_s, token).json();
        QCOMPARE(patients[u"total"_s].toInt(), 1); // the bundled patients are not served
        QCOMPARE(patients[u"entry"_s][0][u"resource"_s][u"id"_s].toString(), u"imported-ivy"_s);
        const auto a1c
            = httpGet(servers.baseUrls().fhir
                          + u"/Observation?patient=imported-ivy&code=4548-4&date=2020-05"_s,
                      token);
        QCOMPARE(a1c.json()[u"total"_s].toInt(), 1);
    }

    void unusableBundleFailsToStart_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("needle");
        QTest::newRow("missing") << u"/servers/no-such-file.json"_s << u"cannot read"_s;
        QTest::newRow("not a bundle") << u"/servers/not-a-bundle.json"_s << u"not a FHIR Bundle"_s;
    }

    void unusableBundleFailsToStart()
    {
        QFETCH(QString, file);
        QFETCH(QString, needle);
        EmbeddedServers servers;
        hb::servers::ServerOptions options;
        options.bundleFiles = {QStringLiteral(HOOKBENCH_TEST_DATA) + file};
        servers.setOptions(options);
        QString error;
        QVERIFY(!servers.start(&error));
        QVERIFY2(error.contains(needle), qPrintable(error));
        QVERIFY(!servers.isRunning());
    }

    void portInUseIsAnError()
    {
        EmbeddedServers first;
        QVERIFY(first.start());
        EmbeddedServers second;
        hb::servers::ServerOptions options;
        options.port = static_cast<quint16>(QUrl(first.baseUrls().fhir).port());
        second.setOptions(options);
        QString error;
        QVERIFY(!second.start(&error));
        QVERIFY2(error.contains(QString::number(options.port)), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestEmbeddedServers)
#include "tst_embeddedservers.moc"
