// 50 parallel hook calls (issue 16.5) to real loopback services: the embedded demo services and
// the misbehaviour lab (whose raw-bytes rows close their connections), through the CDS client
// with CORS emulation as the GUI fires them, several rounds. A correct service must never fail
// with a transport error ("did not answer with HTTP/1.x (Connection closed)").
#include "net/cdsclient.h"
#include "servers/embeddedservers.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

class TestParallelCalls : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fiftyParallelCallsAllReachTheirService()
    {
        hb::servers::EmbeddedServers servers;
        QString error;
        QVERIFY2(servers.start(&error), qPrintable(error));
        Transport transport;
        ExchangeLog log;
        CdsClientOptions options;
        options.totalTimeoutMs = 4000; // the lab's hanging row
        CdsClient client(&transport, &log, nullptr, options);

        struct Target
        {
            QUrl discovery;
            QString id;
            QString hook;
        };
        QList<Target> targets;
        for (const QUrl &base :
             {QUrl(servers.baseUrls().cdsServices), QUrl(servers.baseUrls().lab)}) {
            const DiscoveryResult discovery = client.discoverAndWait(base);
            QVERIFY2(discovery.document.has_value(), qPrintable(discovery.error));
            for (const auto &service : discovery.document->services)
                targets.append({discovery.url, service.id, service.hook});
        }
        QVERIFY(targets.size() >= 25);

        int failures = 0;
        QStringList failed;
        for (int round = 0; round < 6; ++round) {
            int pending = 50;
            for (int i = 0; i < 50; ++i) {
                const Target &target = targets.at((round * 50 + i) % targets.size());
                hb::core::HookRequest request;
                request.hook = target.hook;
                request.hookInstance = hb::core::HookRequest::newHookInstance();
                request.context = {{u"userId"_s, u"Practitioner/pr-olivia-chen"_s},
                                   {u"patientId"_s, u"pt-hana-sato"_s}};
                client.callHook(target.discovery, target.id, request,
                                [&, target](const HookCallResult &result) {
                                    --pending;
                                    QThread::msleep(30); // the GUI lays out the cards
                                    // A lab row may fail CORS or answer 500 on purpose; what
                                    // must not happen is a request that never reached it.
                                    if (result.response && !result.response->ok()
                                        && result.response->status == 0
                                        && result.response->error != TransportError::Timeout) {
                                        ++failures;
                                        failed.append(target.id + u": "_s + result.error);
                                    }
                                });
            }
            QTRY_VERIFY_WITH_TIMEOUT(pending == 0, 60000);
        }
        QVERIFY2(failures == 0, qPrintable(failed.join(u'\n')));
        servers.stop();
    }
};

QTEST_MAIN(TestParallelCalls)
#include "tst_parallelcalls.moc"
