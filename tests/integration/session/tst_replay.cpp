// Copy as curl "with live tokens" replays a hook call: the real curl, run by the shell against the
// embedded demo service, gets the same status and the same cards; the redacted copy cannot
// authenticate. The call's exchange carries the prefetch trace and the access audit.
#include "net/har.h"
#include "session/workbench.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

namespace {

struct Replay
{
    int status = 0;
    QJsonObject body;
};

Replay runCurl(const QString &command)
{
    QTemporaryDir dir;
    const QString out = dir.filePath(u"body.json"_s);
    QProcess shell;
    shell.start(u"/bin/sh"_s, {u"-c"_s, command + u" -s -o '"_s + out + u"' -w '%{http_code}'"_s});
    if (!shell.waitForFinished(30000))
        return {};
    QFile file(out);
    Replay replay;
    replay.status = shell.readAllStandardOutput().trimmed().toInt();
    if (file.open(QIODevice::ReadOnly))
        replay.body = QJsonDocument::fromJson(file.readAll()).object();
    return replay;
}

// What a user compares: each card's summary, indicator and source (uuids are fresh per call).
QStringList cardsOf(const QJsonObject &response)
{
    QStringList out;
    for (const auto &card : response.value(u"cards"_s).toArray())
        out.append(card[u"indicator"_s].toString() + u" | "_s + card[u"summary"_s].toString()
                   + u" | "_s + card[u"source"_s][u"label"_s].toString());
    return out;
}

} // namespace

class TestReplay : public QObject
{
    Q_OBJECT

    std::unique_ptr<session::Workbench> m_bench;
    core::ServiceRegistry m_registry;

private Q_SLOTS:
    void initTestCase()
    {
        if (QStandardPaths::findExecutable(u"curl"_s).isEmpty())
            QFAIL("curl is not installed (packaging/debian/build-deps.txt lists it)");
        m_bench = std::make_unique<session::Workbench>();
        QString error;
        QVERIFY2(m_bench->start(&error), qPrintable(error));
        const auto discovery = m_bench->client()->discoverAndWait(m_bench->embeddedDiscovery());
        QVERIFY2(discovery.document, qPrintable(discovery.error));
        m_registry.addAll(*discovery.document);
    }

    void liveCurlReplaysTheCall_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QString>("patient");
        QTest::newRow("greeting") << u"patient-greeting"_s << u"patient-view"_s
                                  << u"pt-eli-brooks"_s;
    }

    void liveCurlReplaysTheCall()
    {
        QFETCH(QString, service);
        QFETCH(QString, hook);
        QFETCH(QString, patient);
        const auto definition = m_registry.find(service, hook);
        if (!definition)
            QSKIP("the demo services do not offer this one");
        session::EhrState state;
        state.patientId = patient;
        session::InvocationOptions options;
        options.fhirServer = m_bench->embeddedFhir();
        const auto result = m_bench->invoker()->invokeAndWait(m_bench->embeddedDiscovery(),
                                                              *definition, state, options);
        QVERIFY2(result.call.status() == 200, qPrintable(result.call.error));
        QVERIFY(result.call.cdsResponse);
        const net::Exchange call = result.call.exchanges.last();
        QCOMPARE(call.kind, u"hook"_s);
        const auto logged = m_bench->log()->exchange(call.id);
        QVERIFY(logged);
        QCOMPARE(logged->prefetchTrace.size(), definition->prefetch.size());
        QVERIFY(!logged->prefetchTrace.isEmpty());
        QCOMPARE(logged->prefetchTrace.at(0)[u"outcome"_s].toString(), u"resource"_s);
        QVERIFY(!logged->prefetchTrace.at(0)[u"query"_s].toString().isEmpty());

        const QJsonObject original = QJsonDocument::fromJson(call.responseBody).object();
        const Replay replay = runCurl(net::toLiveCurl(*logged, m_bench->keys()));
        QCOMPARE(replay.status, call.status);
        QVERIFY(!cardsOf(original).isEmpty());
        QCOMPARE(cardsOf(replay.body), cardsOf(original));

        // The default copy has its secrets redacted: the service refuses it.
        const Replay redacted = runCurl(net::toCurl(*logged));
        QCOMPARE(redacted.status, 401);
    }
};

QTEST_GUILESS_MAIN(TestReplay)
#include "tst_replay.moc"
