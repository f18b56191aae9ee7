// Transport defects an attack audit found (issue 16.2, 16.4, 16.7), each against a scripted peer
// on loopback that runs in its own thread: a GET waiting for a slow answer is governed by the
// total timeout, not cut by the connect timeout; a busy caller thread does not inflate timings or
// cause a false connect timeout; a reset or close in the middle of a body fails the exchange; a
// 100 Continue then close is not answered by sending the POST again.
#include "net/cdsclient.h"
#include "net/transport.h"
#include "threadedserver.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

QByteArray okAnswer(const QByteArray &body)
{
    return "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
}

TransportRequest request(const QUrl &url, WireBackend backend, QByteArray method = "GET")
{
    TransportRequest r;
    r.method = method;
    r.url = url;
    r.backend = backend;
    if (method == "POST") {
        r.body = R"({"hook":"patient-view"})";
        r.headers.append(HeaderLine {"Content-Type", "application/json"});
    }
    return r;
}

} // namespace

class TestTransportAudit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backends_data()
    {
        QTest::addColumn<WireBackend>("backend");
        QTest::newRow("qt") << WireBackend::QtNetwork;
        QTest::newRow("exact") << WireBackend::Exact;
    }

    // 16.4: the connect timer stops once connected; the answer after 2 s arrives within the
    // 10 s total timeout although the connect timeout is 1 s.
    void slowAnswerIsGovernedByTheTotalTimeout_data() { backends_data(); }
    void slowAnswerIsGovernedByTheTotalTimeout()
    {
        QFETCH(WireBackend, backend);
        ThreadedServer server([](const QByteArray &) {
            return ScriptedAnswer {okAnswer(R"({"services":[]})"), 2000};
        });
        Transport transport;
        TransportRequest r = request(server.url(u"/cds-services"_s), backend);
        r.connectTimeoutMs = 1000;
        r.totalTimeoutMs = 10000;
        const TransportResponse response = transport.sendAndWait(r);
        QVERIFY2(response.ok(), qPrintable(response.errorMessage));
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, QByteArray(R"({"services":[]})"));

        // And the total timeout is what cuts a wait that is too long, with its own sentence.
        r.totalTimeoutMs = 1500;
        const TransportResponse late = transport.sendAndWait(r);
        QVERIFY2(late.error == TransportError::Timeout, qPrintable(toString(late.error)));
        QVERIFY2(late.errorMessage.contains(u"1500 ms (total timeout)"_s),
                 qPrintable(late.errorMessage));
    }

    // 16.2: the calling thread (the GUI's) is blocked for 1.5 s right after sending; the peer
    // answers at once. The exchange must be timed where the I/O happens: a 1 ms answer is not
    // logged as 1.5 s, and no "could not connect within 500 ms" appears.
    void busyCallerThreadDoesNotCorruptTimings_data() { backends_data(); }
    void busyCallerThreadDoesNotCorruptTimings()
    {
        QFETCH(WireBackend, backend);
        ThreadedServer server(
            [](const QByteArray &) { return ScriptedAnswer {okAnswer(R"({"cards":[]})")}; });
        Transport transport;
        // Warm up (thread start, first connection) outside the measured call.
        QVERIFY(transport.sendAndWait(request(server.url(), backend)).ok());
        TransportRequest r = request(server.url(u"/cds-services/x"_s), backend, "POST");
        r.connectTimeoutMs = 500;
        r.totalTimeoutMs = 1000;
        std::optional<TransportResponse> result;
        transport.send(r, [&](const TransportResponse &response) { result = response; });
        QThread::msleep(1500); // the GUI thread is busy (e.g. laying out a huge card)
        QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 5000);
        QVERIFY2(result->ok(), qPrintable(result->errorMessage));
        QCOMPARE(result->status, 200);
        QVERIFY2(result->timings.totalMs >= 0 && result->timings.totalMs < 400,
                 qPrintable(u"a prompt answer was timed at %1 ms"_s.arg(result->timings.totalMs)));
        QVERIFY(result->timings.firstByteMs <= result->timings.totalMs);
    }

    // 16.7: a reset in the middle of the body is a failed exchange, never a 200 with a
    // truncated body (here the prefix is even valid JSON).
    void resetMidBodyFailsTheExchange_data() { backends_data(); }
    void resetMidBodyFailsTheExchange()
    {
        QFETCH(WireBackend, backend);
        ThreadedServer server([](const QByteArray &) {
            ScriptedAnswer answer;
            answer.bytes = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                           "Content-Length: 5000\r\n\r\n{\"cards\":[]}";
            answer.delayMs = 0;
            answer.resetAfter = true;
            return answer;
        });
        Transport transport;
        const TransportResponse response
            = transport.sendAndWait(request(server.url(u"/cds-services/x"_s), backend, "POST"));
        QVERIFY2(!response.ok(), "a truncated body was accepted as a complete answer");
        QVERIFY2(response.errorMessage.contains(u"before the response was complete"_s),
                 qPrintable(response.errorMessage));
        QVERIFY2(!response.errorMessage.contains(u"TLS"_s), qPrintable(response.errorMessage));
    }

    // The same with a clean close (FIN) before Content-Length bytes arrived.
    void closeMidBodyFailsTheExchange_data() { backends_data(); }
    void closeMidBodyFailsTheExchange()
    {
        QFETCH(WireBackend, backend);
        ThreadedServer server([](const QByteArray &) {
            return ScriptedAnswer {"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n{\"cards\":[]}"};
        });
        Transport transport;
        const TransportResponse response
            = transport.sendAndWait(request(server.url(u"/cds-services/x"_s), backend, "POST"));
        QVERIFY2(!response.ok(), "a truncated body was accepted as a complete answer");
        QVERIFY2(response.errorMessage.contains(u"before the response was complete"_s),
                 qPrintable(response.errorMessage));
    }

    // 16.7: "100 Continue" then close: the hook must reach the service once. Qt Network retried
    // the POST on a new connection, so the service saw the hook twice.
    void continueThenCloseIsNotResent_data() { backends_data(); }
    void continueThenCloseIsNotResent()
    {
        QFETCH(WireBackend, backend);
        ThreadedServer server(
            [](const QByteArray &) { return ScriptedAnswer {"HTTP/1.1 100 Continue\r\n\r\n"}; });
        Transport transport;
        const TransportResponse response
            = transport.sendAndWait(request(server.url(u"/cds-services/x"_s), backend, "POST"));
        QTest::qWait(300); // a resend would arrive now
        if (backend == WireBackend::QtNetwork)
            QEXPECT_FAIL("qt",
                         "Qt Network 6.4 resends after 100 Continue then close (issue 16.7, "
                         "open); the exact backend does not",
                         Continue);
        QCOMPARE(server.heads().size(), 1);
        QVERIFY2(!response.ok(), "an interim 100 was taken as the answer");
        QVERIFY2(!response.errorMessage.contains(u"TLS"_s), qPrintable(response.errorMessage));
    }
};

QTEST_MAIN(TestTransportAudit)
#include "tst_transport_audit.moc"
