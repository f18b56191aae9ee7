// Attacks on the embedded HTTP server's resources (issue 16.1): a client that pipelines requests
// and never reads must not grow the server's memory, slowloris connections that drip bytes must
// be closed on a deadline that does not restart per byte, and the connection cap must keep room
// for new clients. The server runs in its own thread, as in EmbeddedServers; the attacking
// clients are plain POSIX sockets so that nothing in this process buffers what they receive.
#include "httpclient.h"

#include "servers/embeddedservers.h"
#include "servers/httpserver.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace hb::servers;

namespace {

/// Resident memory of this process (server thread included), in bytes.
qint64 residentBytes()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong() * 1024;
    }
    return -1;
}

/// A raw blocking client socket with a tiny receive buffer that never reads.
int connectRaw(quint16 port)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const int small = 4096;
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        ::close(fd);
        return -1;
    }
    return fd;
}

bool sendAll(int fd, const QByteArray &bytes)
{
    qsizetype sent = 0;
    while (sent < bytes.size()) {
        const ssize_t n = ::send(fd, bytes.constData() + sent, size_t(bytes.size() - sent),
                                 MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n <= 0)
            return false;
        sent += n;
    }
    return true;
}

/// True once the server has closed `fd` (end of stream or a reset); reads and drops whatever
/// the server sent before (e.g. a 408).
bool closedByPeer(int fd)
{
    char buffer[4096];
    while (true) {
        const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
        if (n > 0)
            continue;
        return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK);
    }
}

/// Milliseconds for one fresh-connection GET answered with 200.
double timedGet(const QString &url, int *status)
{
    QElapsedTimer clock;
    clock.start();
    *status = httpGet(url).status;
    return double(clock.nsecsElapsed()) / 1e6;
}

} // namespace

class TestHttpServerLimits : public QObject
{
    Q_OBJECT

private:
    QThread thread;
    HttpServer *server = nullptr;
    quint16 port = 0;

    void startServer(const HttpServer::Limits &limits, qsizetype bodyBytes)
    {
        server = new HttpServer;
        server->moveToThread(&thread);
        QMetaObject::invokeMethod(
            server,
            [this, limits, bodyBytes] {
                server->setLimits(limits);
                server->setHandler(
                    [bodyBytes](const HttpRequest &request, const Responder &respond) {
                        if (request.path == u"/big")
                            return respond(HttpResponse::text(200, QByteArray(bodyBytes, 'x')));
                        respond(HttpResponse::text(200, "small"));
                    });
                QVERIFY(server->listen());
                port = server->port();
            },
            Qt::BlockingQueuedConnection);
    }

private Q_SLOTS:
    void initTestCase() { thread.start(); }

    void cleanup()
    {
        if (server)
            QMetaObject::invokeMethod(
                server, [this] { delete server; }, Qt::BlockingQueuedConnection);
        server = nullptr;
    }

    void cleanupTestCase()
    {
        thread.quit();
        thread.wait();
    }

    // A client that pipelines 300 requests for 1 MiB each and never reads: before the fix the
    // server built all 300 answers (300 MB) in its socket's write buffer.
    void pipeliningClientThatNeverReadsIsBounded()
    {
        startServer({}, 1024 * 1024);
        const qint64 before = residentBytes();
        QVERIFY(before > 0);
        const int fd = connectRaw(port);
        QVERIFY(fd >= 0);
        QByteArray pipeline;
        for (int i = 0; i < 300; ++i)
            pipeline += "GET /big HTTP/1.1\r\nHost: x\r\n\r\n";
        QVERIFY(sendAll(fd, pipeline));

        qint64 peak = 0;
        double slowest = 0;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 3000) {
            int status = 0;
            slowest
                = std::max(slowest, timedGet(u"http://127.0.0.1:%1/small"_s.arg(port), &status));
            QCOMPARE(status, 200);
            peak = std::max(peak, residentBytes() - before);
            QTest::qWait(50);
        }
        ::close(fd);
        qInfo("memory growth %lld MB, slowest other client %.1f ms", peak / (1024 * 1024), slowest);
        QVERIFY2(peak < 100 * 1024 * 1024,
                 qPrintable(u"server grew by %1 MB"_s.arg(peak / (1024 * 1024))));
        QVERIFY2(slowest < 100, qPrintable(u"another client waited %1 ms"_s.arg(slowest)));
    }

    // The same against the embedded FHIR server, as the audit did it: Observation?_count=500.
    void pipelinedFhirSearchesAreBounded()
    {
        EmbeddedServers servers;
        ServerOptions options;
        options.requireTokens = false;
        servers.setOptions(options);
        QString error;
        QVERIFY2(servers.start(&error), qPrintable(error));
        const QUrl fhir(servers.baseUrls().fhir);
        const HttpResult probe = httpGet(fhir.toString() + u"/Observation?_count=500"_s);
        QCOMPARE(probe.status, 200);
        // Enough requests for several hundred MB of answers.
        const int count = int(400 * 1024 * 1024 / std::max<qsizetype>(probe.body.size(), 1)) + 1;
        const qint64 before = residentBytes();
        const int fd = connectRaw(quint16(fhir.port()));
        QVERIFY(fd >= 0);
        QByteArray pipeline;
        for (int i = 0; i < count; ++i)
            pipeline += "GET /fhir/Observation?_count=500 HTTP/1.1\r\nHost: x\r\n\r\n";
        QVERIFY(sendAll(fd, pipeline));
        qint64 peak = 0;
        double slowest = 0;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 3000) {
            int status = 0;
            slowest = std::max(
                slowest, timedGet(fhir.toString() + u"/Practitioner/pr-olivia-chen"_s, &status));
            QVERIFY2(
                status == 200,
                qPrintable(u"another client got status %1 after %2 ms"_s.arg(status).arg(slowest)));
            peak = std::max(peak, residentBytes() - before);
            QTest::qWait(50);
        }
        ::close(fd);
        qInfo("%d pipelined searches of %lld bytes: growth %lld MB, slowest other client %.1f ms",
              count, qint64(probe.body.size()), peak / (1024 * 1024), slowest);
        QVERIFY2(peak < 100 * 1024 * 1024,
                 qPrintable(u"server grew by %1 MB"_s.arg(peak / (1024 * 1024))));
        QVERIFY2(slowest < 100, qPrintable(u"another client waited %1 ms"_s.arg(slowest)));
        servers.stop();
    }

    // 200 connections that each drip one byte of a request head every 50 ms: the head deadline
    // closes them although bytes keep coming, the cap keeps at most 64 open, and a new client is
    // answered quickly meanwhile.
    void slowlorisIsCutOffAndNewClientsAreServed()
    {
        HttpServer::Limits limits;
        limits.maxConnections = 64;
        limits.requestTimeoutMs = 1000;
        startServer(limits, 16);
        QList<int> drippers;
        for (int i = 0; i < 200; ++i) {
            const int fd = connectRaw(port);
            QVERIFY(fd >= 0);
            drippers.append(fd);
        }
        const QByteArray head
            = "GET /small HTTP/1.1\r\nHost: x\r\nX-Slow: " + QByteArray(400, 'a') + "\r\n\r\n";
        double slowest = 0;
        int maxOpen = 0;
        int openAfterDeadline = -1;
        QElapsedTimer clock;
        clock.start();
        for (int tick = 0; clock.elapsed() < 2500; ++tick) {
            int open = 0;
            for (int fd : std::as_const(drippers)) {
                if (closedByPeer(fd))
                    continue;
                ++open;
                sendAll(fd, head.mid(tick % head.size(), 1));
            }
            if (clock.elapsed() > 300) // accepts settled
                maxOpen = std::max(maxOpen, open);
            if (clock.elapsed() > 2000 && openAfterDeadline < 0)
                openAfterDeadline = open;
            int status = 0;
            slowest
                = std::max(slowest, timedGet(u"http://127.0.0.1:%1/small"_s.arg(port), &status));
            QCOMPARE(status, 200);
            QTest::qWait(50);
        }
        for (int fd : std::as_const(drippers))
            ::close(fd);
        qInfo("open dripping connections: at most %d, %d after 2 s; slowest new client %.1f ms",
              maxOpen, openAfterDeadline, slowest);
        QVERIFY2(maxOpen <= 64, qPrintable(u"%1 connections open over a cap of 64"_s.arg(maxOpen)));
        QVERIFY2(openAfterDeadline == 0,
                 qPrintable(u"%1 dripping connections outlived the 1 s request deadline"_s.arg(
                     openAfterDeadline)));
        QVERIFY2(slowest < 100, qPrintable(u"a new client waited %1 ms"_s.arg(slowest)));
    }

    // A keep-alive connection with nothing pending is closed after the idle timeout.
    void idleKeepAliveIsClosed()
    {
        HttpServer::Limits limits;
        limits.idleTimeoutMs = 300;
        limits.requestTimeoutMs = 300;
        startServer(limits, 16);
        const int fd = connectRaw(port);
        QVERIFY(sendAll(fd, "GET /small HTTP/1.1\r\nHost: x\r\n\r\n"));
        QTest::qWait(100);
        char buffer[512];
        QVERIFY(::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT) > 0); // answered, still open
        QVERIFY(!closedByPeer(fd));
        QTRY_VERIFY_WITH_TIMEOUT(closedByPeer(fd), 2000);
        ::close(fd);
    }
};

QTEST_MAIN(TestHttpServerLimits)
#include "tst_httpserver_limits.moc"
