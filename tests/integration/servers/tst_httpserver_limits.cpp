// Attacks on the embedded HTTP server's resources (issue 16.1): a client that pipelines requests
// and never reads must not grow the server's memory, slowloris connections that drip bytes must
// be closed on a deadline that does not restart per byte, and the connection cap must keep room
// for new clients. The server runs in its own thread, as in EmbeddedServers; the attacking
// clients are plain POSIX sockets so that nothing in this process buffers what they receive.
//
// "Other clients are answered within 100 ms" is about the server, not the machine: on a loaded
// machine (load average 20 on 2 cores) a probe's wall time also holds the time the kernel kept
// this process's threads waiting for a CPU, which says nothing about the server. Each probe
// therefore subtracts the run-queue wait the kernel accounted to the exchange's two threads (the
// probing one, on a plain blocking socket, and the servers') during it
// (/proc/self/task/*/schedstat). A server that is busy (building answers) or blocked still
// counts in full: its thread is running or asleep then, not waiting for a CPU
// (aStalledServerIsCaught checks that).
#include "httpclient.h"

#include "../../sanitizerbounds.h"

#include "platform/processinfo.h"
#include "servers/embeddedservers.h"
#include "servers/httpserver.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

using namespace Qt::StringLiterals;
using namespace hb::servers;

namespace {

/// Resident memory of this process (server thread included), in bytes.
qint64 residentBytes()
{
    const qint64 kib = hb::platform::residentKiB();
    return kib < 0 ? -1 : kib * 1024;
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

/// The threads an exchange runs on: this (the probing) thread and the servers' thread (named
/// "hookbench-servers" by EmbeddedServers and by this test; Linux keeps 15 characters).
bool isExchangeThread(const QString &tid, const QByteArray &name)
{
    return tid.toLongLong() == ::gettid() || name.startsWith("hookbench-serv");
}

/// Nanoseconds the exchange's threads have spent runnable but waiting for a CPU (the second
/// field of /proc/self/task/TID/schedstat); -1 when the kernel does not account it. Other
/// threads (Qt's, a sanitizer's) are left out: their waits overlap the exchange's running time.
qint64 runQueueWaitNs()
{
    qint64 total = 0;
    bool accounted = false;
    const QDir tasks(u"/proc/self/task"_s);
    for (const QString &tid : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile comm(tasks.filePath(tid + u"/comm"_s));
        QFile stat(tasks.filePath(tid + u"/schedstat"_s));
        if (!comm.open(QIODevice::ReadOnly) || !stat.open(QIODevice::ReadOnly))
            continue; // the thread has just ended
        if (!isExchangeThread(tid, comm.readAll().trimmed()))
            continue;
        const QList<QByteArray> fields = stat.readAll().simplified().split(' ');
        if (fields.size() >= 2) {
            total += fields.at(1).toLongLong();
            accounted = true;
        }
    }
    return accounted ? total : -1;
}

/// A GET on a fresh connection with a plain blocking socket, so the client side is this one
/// thread (asleep while it waits); returns the status, 0 on a failure.
int rawGet(quint16 port, const QByteArray &target)
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    const timeval guard {10, 0}; // a hang guard, not a bound
    ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &guard, sizeof guard);
    sockaddr_in address {};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    QByteArray answer;
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0) {
        const QByteArray request = "GET " + target
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/fhir+json\r\n"
              "Connection: close\r\n\r\n";
        if (::send(fd, request.constData(), size_t(request.size()), MSG_NOSIGNAL)
            == ssize_t(request.size())) {
            char buffer[16384];
            for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;)
                answer.append(buffer, n);
        }
    }
    ::close(fd);
    // "HTTP/1.1 200 OK": the answer was read to the server's close, so it is whole.
    return answer.startsWith("HTTP/1.1 ") ? answer.mid(9, 3).toInt() : 0;
}

/// One probe: its status, its wall time, and its wall time less the time the machine kept the
/// exchange's threads waiting for a CPU meanwhile (what the server is accountable for).
struct Probe
{
    int status = 0;
    double wallMs = 0;
    double serverMs = 0;
};

Probe probeGet(quint16 port, const QByteArray &target)
{
    const qint64 waitBefore = runQueueWaitNs();
    QElapsedTimer clock;
    clock.start();
    Probe probe;
    probe.status = rawGet(port, target);
    const qint64 wall = clock.nsecsElapsed();
    const qint64 waitAfter = runQueueWaitNs();
    const qint64 waited
        = waitBefore >= 0 && waitAfter >= 0 ? std::max<qint64>(0, waitAfter - waitBefore) : 0;
    probe.wallMs = double(wall) / 1e6;
    probe.serverMs = double(std::max<qint64>(0, wall - waited)) / 1e6;
    return probe;
}

/// The slowest of a run of probes, both ways.
struct Slowest
{
    double wallMs = 0;
    double serverMs = 0;
    void note(const Probe &probe)
    {
        wallMs = std::max(wallMs, probe.wallMs);
        serverMs = std::max(serverMs, probe.serverMs);
    }
};

/// Burns `ms` of this thread's CPU time (a server busy building answers, whatever the load).
void burnCpu(int ms)
{
    timespec start {};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
    for (timespec now = start;; ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)) {
        if ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000 >= ms)
            return;
    }
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
                        if (request.path == u"/busy") // a server thread stalled by work
                            burnCpu(200);
                        if (request.path == u"/blocked") // a server thread stalled by a wait
                            QThread::msleep(200);
                        respond(HttpResponse::text(200, "small"));
                    });
                QVERIFY(server->listen());
                port = server->port();
            },
            Qt::BlockingQueuedConnection);
    }

private Q_SLOTS:
    void initTestCase()
    {
        thread.setObjectName(u"hookbench-servers"_s); // an exchange thread (runQueueWaitNs)
        thread.start();
    }

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
        Slowest slowest;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 3000) {
            const Probe probe = probeGet(port, "/small");
            QCOMPARE(probe.status, 200);
            slowest.note(probe);
            peak = std::max(peak, residentBytes() - before);
            QTest::qWait(50);
        }
        ::close(fd);
        qInfo("memory growth %lld MB, slowest other client %.1f ms (%.1f ms wall)",
              peak / (1024 * 1024), slowest.serverMs, slowest.wallMs);
        HB_SKIP_BOUND_UNDER_SANITIZER("under 100 MB growth, other clients within 100 ms");
        QVERIFY2(peak < 100 * 1024 * 1024,
                 qPrintable(u"server grew by %1 MB"_s.arg(peak / (1024 * 1024))));
        QVERIFY2(slowest.serverMs < 100,
                 qPrintable(u"another client waited %1 ms"_s.arg(slowest.serverMs)));
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
        Slowest slowest;
        QElapsedTimer clock;
        clock.start();
        while (clock.elapsed() < 3000) {
            const Probe other = probeGet(quint16(fhir.port()), "/fhir/Practitioner/pr-olivia-chen");
            QVERIFY2(other.status == 200,
                     qPrintable(u"another client got status %1 after %2 ms"_s.arg(other.status)
                                    .arg(other.wallMs)));
            slowest.note(other);
            peak = std::max(peak, residentBytes() - before);
            QTest::qWait(50);
        }
        ::close(fd);
        qInfo("%d pipelined searches of %lld bytes: growth %lld MB, slowest other client %.1f ms "
              "(%.1f ms wall)",
              count, qint64(probe.body.size()), peak / (1024 * 1024), slowest.serverMs,
              slowest.wallMs);
        servers.stop();
        HB_SKIP_BOUND_UNDER_SANITIZER("under 100 MB growth, other clients within 100 ms");
        QVERIFY2(peak < 100 * 1024 * 1024,
                 qPrintable(u"server grew by %1 MB"_s.arg(peak / (1024 * 1024))));
        QVERIFY2(slowest.serverMs < 100,
                 qPrintable(u"another client waited %1 ms"_s.arg(slowest.serverMs)));
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
        Slowest slowest;
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
            const Probe probe = probeGet(port, "/small");
            QCOMPARE(probe.status, 200);
            slowest.note(probe);
            QTest::qWait(50);
        }
        for (int fd : std::as_const(drippers))
            ::close(fd);
        qInfo("open dripping connections: at most %d, %d after 2 s; slowest new client %.1f ms "
              "(%.1f ms wall)",
              maxOpen, openAfterDeadline, slowest.serverMs, slowest.wallMs);
        QVERIFY2(maxOpen <= 64, qPrintable(u"%1 connections open over a cap of 64"_s.arg(maxOpen)));
        QVERIFY2(openAfterDeadline == 0,
                 qPrintable(u"%1 dripping connections outlived the 1 s request deadline"_s.arg(
                     openAfterDeadline)));
        HB_SKIP_BOUND_UNDER_SANITIZER("new clients within 100 ms");
        QVERIFY2(slowest.serverMs < 100,
                 qPrintable(u"a new client waited %1 ms"_s.arg(slowest.serverMs)));
    }

    // The load correction must not hide a stalled server: 200 ms of work or of waiting in the
    // server's thread still count, however loaded the machine, far over the 100 ms bound (the
    // two threads' waits overlap a little at the edges of the exchange: 150, not 200).
    void aStalledServerIsCaught()
    {
        startServer({}, 16);
        for (const QByteArray &path : {QByteArray("/busy"), QByteArray("/blocked")}) {
            const Probe probe = probeGet(port, path);
            QCOMPARE(probe.status, 200);
            qInfo("%s: %.1f ms (%.1f ms wall)", path.constData(), probe.serverMs, probe.wallMs);
            QVERIFY2(probe.serverMs >= 150,
                     qPrintable(u"a 200 ms stall measured as %1 ms"_s.arg(probe.serverMs)));
        }
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
