// The exact backend keeps HTTP/1.1 connections alive the way a browser does (connectionpool.h):
// the next request to an origin goes out on an idle connection, a CORS preflight never shares
// one with the call it precedes, "Connection: close" and a server's own close are honoured, at
// most six idle connections are kept per origin, and a request that dies unanswered on a reused
// connection is resent once on a new one (Chromium's rule), never on a fresh one (issue 16.7).
#include "net/cdsclient.h"
#include "net/transport.h"
#include "rawserver.h"
#include "samplehook.h"
#include "threadedserver.h"

#include <QTest>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

const QByteArray kPreflightOk = "HTTP/1.1 204 No Content\r\nAccess-Control-Allow-Origin: "
                                "https://sandbox.cds-hooks.org\r\nAccess-Control-Allow-Methods: "
                                "POST\r\nAccess-Control-Allow-Headers: content-type\r\n"
                                "Content-Length: 0\r\n\r\n";

TransportRequest post(const QUrl &url)
{
    TransportRequest r;
    r.method = "POST";
    r.url = url;
    r.body = R"({"hook":"patient-view"})";
    r.headers.append(HeaderLine {"Content-Type", "application/json"});
    return r;
}

int countPosts(const QList<QByteArray> &heads)
{
    return int(std::count_if(heads.cbegin(), heads.cend(),
                             [](const QByteArray &h) { return h.startsWith("POST"); }));
}

} // namespace

class TestKeepAlive : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Three hook calls with CORS emulation: the preflights share one connection, the calls
    // another (Chromium's socket groups), the request says "Connection: keep-alive" as
    // Chromium's does, and a call on a kept-alive connection has no connect phase.
    void hookCallsReuseTheirConnectionApartFromPreflights()
    {
        ThreadedServer server([](const QByteArray &head) {
            ScriptedAnswer answer {head.startsWith("OPTIONS") ? kPreflightOk
                                                              : keepAliveAnswer(R"({"cards":[]})")};
            answer.closeAfter = false;
            return answer;
        });
        Transport transport;
        ExchangeLog log;
        CdsClient client(&transport, &log, nullptr);
        QList<HookCallResult> calls;
        for (int i = 0; i < 3; ++i)
            calls << client.callHookAndWait(server.url(u"/cds-services"_s), u"x"_s, sampleHook());
        for (const auto &call : calls)
            QVERIFY2(call.error.isEmpty(), qPrintable(call.error));
        QCOMPARE(countPosts(server.heads()), 3);
        QCOMPARE(server.connections(), 2);
        const Exchange hook = log.exchanges().constLast();
        QCOMPARE(hook.kind, u"hook"_s);
        QCOMPARE(headerGet(hook.requestHeaders, "connection"), QByteArray("keep-alive"));
        QCOMPARE(hook.timings.connectStartMs, -1.0);
        QVERIFY(calls.constFirst().response->timings.connectStartMs >= 0);
    }

    // A server that closes each connection after answering, without saying "Connection:
    // close" (the lab's exact-bytes rows do): the close is seen before the connection would be
    // reused, so every call gets a new one and reaches the service once.
    void aConnectionTheServerClosedIsNotReused()
    {
        ThreadedServer server(
            [](const QByteArray &) { return ScriptedAnswer {keepAliveAnswer(R"({"cards":[]})")}; });
        Transport transport;
        for (int i = 0; i < 5; ++i) {
            QTest::qWait(20); // the server's FIN arrives meanwhile
            const TransportResponse response
                = transport.sendAndWait(post(server.url(u"/cds-services/x"_s)));
            QVERIFY2(response.ok(), qPrintable(response.errorMessage));
        }
        QCOMPARE(countPosts(server.heads()), 5);
        QCOMPARE(server.connections(), 5);
    }

    // "Connection: close" from the server ends the connection even when the server leaves it
    // open: the client closes it and sends the next request on a new one.
    void connectionCloseIsHonoured()
    {
        ThreadedServer server([](const QByteArray &) {
            ScriptedAnswer answer {"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: "
                                   "close\r\n\r\n{}"};
            answer.closeAfter = false;
            return answer;
        });
        Transport transport;
        QVERIFY(transport.sendAndWait(post(server.url())).ok());
        QVERIFY(transport.sendAndWait(post(server.url())).ok());
        QCOMPARE(server.connections(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(server.closedByClient(), 2, 5000);
    }

    // The keep-alive race, as Chromium handles it: a request that dies without one byte of an
    // answer on a REUSED connection is resent once, on a new connection. (On a fresh one it
    // is not: tst_transport_audit::aHookCallReachesTheServiceOnce.)
    void aReusedConnectionThatDiesUnansweredIsResentOnce()
    {
        auto posts = std::make_shared<std::atomic<int>>(0);
        ThreadedServer server([posts](const QByteArray &) {
            const int n = ++*posts;
            ScriptedAnswer answer {n == 2 ? QByteArray() : keepAliveAnswer(R"({"cards":[]})")};
            answer.closeAfter = n == 2; // the second request: closed unanswered
            return answer;
        });
        Transport transport;
        QVERIFY(transport.sendAndWait(post(server.url())).ok());
        const TransportResponse second = transport.sendAndWait(post(server.url()));
        QVERIFY2(second.ok(), qPrintable(second.errorMessage));
        QTest::qWait(200);
        QCOMPARE(posts->load(), 3);
        QCOMPARE(server.connections(), 2);
    }

    // At most six idle connections per origin are kept (Chromium's HTTP/1.1 group limit): ten
    // parallel calls open ten, the next ten reuse six and open four.
    void idleConnectionsPerOriginAreBounded()
    {
        ThreadedServer server([](const QByteArray &) {
            ScriptedAnswer answer {keepAliveAnswer(R"({"cards":[]})"), 50};
            answer.closeAfter = false;
            return answer;
        });
        Transport transport;
        for (int round = 0; round < 2; ++round) {
            int pending = 10;
            QStringList failed;
            for (int i = 0; i < 10; ++i) {
                transport.send(post(server.url(u"/cds-services/s%1"_s.arg(i))),
                               [&](const TransportResponse &response) {
                                   --pending;
                                   if (!response.ok())
                                       failed << response.errorMessage;
                               });
            }
            QTRY_COMPARE_WITH_TIMEOUT(pending, 0, 10000);
            QVERIFY2(failed.isEmpty(), qPrintable(failed.join(u" | "_s)));
            QCOMPARE(server.connections(), round == 0 ? 10 : 14);
        }
        QTRY_COMPARE_WITH_TIMEOUT(server.closedByClient(), 8, 5000); // 4 + 4 over the limit
    }

    // Over TLS the kept-alive connection still reports the certificate it was opened with.
    void aReusedTlsConnectionReportsItsCertificate()
    {
        RawServer server([](const RawRequest &) { return keepAliveResponse(200, "{}"); });
        server.enableTls();
        server.setKeepAlive(true);
        Transport transport;
        transport.trustHost(u"127.0.0.1"_s, server.serverPort());
        const TransportResponse first = transport.sendAndWait(post(server.url()));
        const TransportResponse second = transport.sendAndWait(post(server.url()));
        QVERIFY2(first.ok() && second.ok(), qPrintable(first.errorMessage + second.errorMessage));
        QCOMPARE(server.connections, 1);
        QVERIFY(first.timings.tlsDoneMs >= 0);
        QCOMPARE(second.timings.tlsDoneMs, -1.0);
        QVERIFY(first.certificate && second.certificate);
        QCOMPARE(second.certificate->sha256, first.certificate->sha256);
    }
};

QTEST_GUILESS_MAIN(TestKeepAlive)
#include "tst_keepalive.moc"
