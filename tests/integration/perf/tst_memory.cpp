// Memory a Hookbench process holds per HTTP exchange, found with heaptrack while profiling the
// first card (BENCHMARKS.md): a 1 KiB answer must not keep megabytes allocated.
#include "net/exchangelog.h"
#include "net/transport.h"
#include "servers/httpserver.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TstMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // QIODevice::read(n) allocates n bytes and keeps that capacity, so reading a reply with
    // read(room) made every body, and each copy of it in the exchange log, hold 4 MiB.
    void responseBodyHoldsWhatArrived()
    {
        hb::servers::HttpServer server;
        const QByteArray body(1024, 'x');
        server.setHandler(
            [&](const hb::servers::HttpRequest &, const hb::servers::Responder &respond) {
                respond(hb::servers::HttpResponse::text(200, body));
            });
        QVERIFY(server.listen());
        hb::net::Transport transport;
        hb::net::TransportRequest request;
        request.url = server.baseUrl();
        QCOMPARE(request.maxResponseBytes, 4 * 1024 * 1024);
        const auto response = transport.sendAndWait(request);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, body);
        QVERIFY2(response.body.capacity() < 64 * 1024,
                 qPrintable(u"a 1 KiB body holds %1 bytes"_s.arg(response.body.capacity())));

        hb::net::ExchangeLog log;
        hb::net::Exchange exchange = hb::net::exchangeFor(request, u"fhir"_s);
        exchange.setResponse(response);
        const auto id = log.append(exchange);
        QVERIFY(log.exchange(id)->responseBody.capacity() < 64 * 1024);
    }
};

QTEST_GUILESS_MAIN(TstMemory)
#include "tst_memory.moc"
