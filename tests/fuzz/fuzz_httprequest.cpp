// The embedded HTTP server's request parser, driven as a client would: the input is written
// to a loopback connection and whatever comes back is read. The server must answer or wait,
// never crash, and keep accepting (the next input's connection proves it).
#include "fuzzcheck.h"
#include "servers/httpserver.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz_httprequest";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = QCoreApplication::instance() ? QCoreApplication::instance()
                                                                : new QCoreApplication(argc, argv);
    static hb::servers::HttpServer *server = [] {
        auto *s = new hb::servers::HttpServer;
        hb::servers::HttpServer::Limits limits;
        limits.maxBodyBytes = 64 * 1024;
        s->setLimits(limits);
        s->setHandler([](const hb::servers::HttpRequest &request,
                         const hb::servers::Responder &respond) {
            respond(hb::servers::HttpResponse::text(200, request.method + ' ' + request.target));
        });
        FUZZ_CHECK(s->listen());
        return s;
    }();
    (void)app;

    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->port());
    FUZZ_CHECK(socket.waitForConnected(2000));
    socket.write(reinterpret_cast<const char *>(data), qint64(size));
    // The server runs on this thread: spin the event loop (never a blocking wait) so it parses
    // and answers, and drain whatever it wrote.
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 20 && socket.state() == QAbstractSocket::ConnectedState) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 2);
        (void)socket.readAll();
    }
    socket.abort();
    QCoreApplication::processEvents();
    return 0;
}
