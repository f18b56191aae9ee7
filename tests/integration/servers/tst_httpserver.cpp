// The embedded HTTP/1.1 server on raw sockets: keep-alive and pipelining, HTTP/1.0, 100-continue,
// exact header bytes, refusal of chunked bodies and non-loopback addresses, and garbage input
// that must never crash or wedge it.
#include "httpclient.h"

#include "servers/embeddedservers.h"
#include "servers/httpserver.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::servers;

class TestHttpServer : public QObject
{
    Q_OBJECT

private:
    QThread thread;
    HttpServer *server = nullptr;
    quint16 port = 0;

private Q_SLOTS:
    void initTestCase()
    {
        // The server runs in its own thread, as in EmbeddedServers, so this thread may block.
        server = new HttpServer;
        server->moveToThread(&thread);
        thread.start();
        QMetaObject::invokeMethod(
            server,
            [this] {
                server->setHandler([](const HttpRequest &request, const Responder &respond) {
                    HttpResponse response = HttpResponse::text(
                        200, request.method + ' ' + request.target + " body=" + request.body);
                    response.addHeader("X-Twice", "1");
                    response.addHeader("X-Twice", "2");
                    respond(response);
                });
                QVERIFY(server->listen());
                port = server->port();
            },
            Qt::BlockingQueuedConnection);
        QVERIFY(port != 0);
    }

    void cleanupTestCase()
    {
        QMetaObject::invokeMethod(
            server, [this] { delete server; }, Qt::BlockingQueuedConnection);
        thread.quit();
        thread.wait();
    }

    void refusesNonLoopback()
    {
        HttpServer other;
        QVERIFY(!other.listen(QHostAddress::Any, 0));
        QVERIFY(other.errorString().contains(u"loopback"_s));
    }

    void pipelinedRequestsAnswerInOrder()
    {
        const QByteArray bytes
            = rawExchange(port,
                          "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                          "POST /two HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
                          "GET /three HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        const qsizetype one = bytes.indexOf("GET /one body=");
        const qsizetype two = bytes.indexOf("POST /two body=abc");
        const qsizetype three = bytes.indexOf("GET /three body=");
        QVERIFY2(one > 0 && two > one && three > two, bytes.constData());
        QCOMPARE(bytes.count("HTTP/1.1 200 OK\r\n"), 3);
        QCOMPARE(bytes.count("\r\nX-Twice: 1\r\nX-Twice: 2\r\n"), 3); // duplicates kept, in order
    }

    void http10ClosesAfterTheResponse()
    {
        const QByteArray bytes = rawExchange(port, "GET /old HTTP/1.0\r\n\r\n");
        QVERIFY(bytes.startsWith("HTTP/1.1 200 OK\r\n"));
        QVERIFY(bytes.contains("Connection: close\r\n"));
    }

    void expectContinue()
    {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        QVERIFY(socket.waitForConnected(5000));
        socket.write("POST /c HTTP/1.1\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
        QVERIFY(socket.waitForReadyRead(5000));
        QCOMPARE(socket.readAll(), QByteArray("HTTP/1.1 100 Continue\r\n\r\n"));
        socket.write("data");
        QByteArray rest;
        while (!rest.contains("body=data") && socket.waitForReadyRead(5000))
            rest += socket.readAll();
        QVERIFY(rest.startsWith("HTTP/1.1 200 OK"));
    }

    void chunkedBodiesAreRefused()
    {
        const QByteArray bytes = rawExchange(
            port, "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
        QVERIFY2(bytes.startsWith("HTTP/1.1 411 "), bytes.constData());
    }

    void garbageNeverWedgesTheServer()
    {
        QRandomGenerator random(4242); // deterministic
        const QList<QByteArray> nasty {"\r\n\r\n",
                                       "GET\r\n\r\n",
                                       "GET / HTTP/9\r\n\r\n",
                                       "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
                                       "GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n",
                                       "GET / HTTP/1.1\r\nContent-Length: 12abc\r\n\r\n",
                                       "GET http://[::1 HTTP/1.1\r\n\r\n",
                                       "GET / HTTP/1.1\r\nOrigin: a\rSet-Cookie: x\r\n\r\n",
                                       QByteArray(3, '\0') + "\r\n\r\n"};
        for (const QByteArray &input : nasty) {
            const QByteArray bytes = rawExchange(port, input);
            QVERIFY2(bytes.startsWith("HTTP/1.1 400 "),
                     (input + " -> " + bytes.left(40)).constData());
        }
        for (int i = 0; i < 40; ++i) {
            QByteArray blob(1 + random.bounded(600), Qt::Uninitialized);
            for (char &c : blob)
                c = static_cast<char>(random.bounded(256));
            blob += "\r\n\r\n";
            const QByteArray bytes = rawExchange(port, blob);
            QVERIFY(bytes.isEmpty() || bytes.startsWith("HTTP/1.1 "));
        }
        QVERIFY(rawExchange(port, "GET /alive HTTP/1.1\r\nConnection: close\r\n\r\n")
                    .contains("GET /alive"));
    }

    void malformedAuthorizationHeaders()
    {
        EmbeddedServers servers;
        QVERIFY(servers.start());
        const QString url = servers.baseUrls().fhir + u"/Patient/pt-hana-sato"_s;
        for (const QByteArray &value :
             {QByteArray("Bearer"), QByteArray("Bearer "), QByteArray("Basic dXNlcjpwYXNz"),
              QByteArray("bearer"), QByteArray(5000, 'B'), QByteArray("Bearer \x01\x02")}) {
            const auto result = httpRequest("GET", url, {}, {{"Authorization", value}});
            QCOMPARE(result.status, 401);
            QCOMPARE(result.json()[u"resourceType"_s].toString(), u"OperationOutcome"_s);
        }
        const auto tooLong
            = httpRequest("GET", url, {}, {{"Authorization", "Bearer " + QByteArray(40000, 'x')}});
        QCOMPARE(tooLong.status, 431);
    }
};

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
