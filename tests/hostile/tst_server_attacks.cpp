// The embedded servers under attack, over raw loopback sockets: slowloris, oversized headers,
// request smuggling (Content-Length with Transfer-Encoding), path traversal, a patient-scoped
// token reading another patient, expired and malformed tokens. Each is refused with the right
// status, a normal client is answered meanwhile, and the process's descriptors stay bounded.
#include "servers/embeddedservers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

#include <memory>
#include <vector>

using namespace Qt::StringLiterals;
using hb::servers::EmbeddedServers;

namespace {

int openDescriptors()
{
    return int(QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

struct RawAnswer
{
    int status = 0; ///< 0: closed without a status line
    QByteArray bytes;
};

// Writes `request` as is and reads until the server closes or `waitMs` passes.
RawAnswer exchange(quint16 port, const QByteArray &request, int waitMs = 3000)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(3000))
        return {};
    socket.write(request);
    QElapsedTimer clock;
    clock.start();
    RawAnswer answer;
    while (clock.elapsed() < waitMs && socket.state() == QAbstractSocket::ConnectedState) {
        if (socket.waitForReadyRead(50))
            answer.bytes += socket.readAll();
        // One complete response is enough (keep-alive servers do not close).
        const qsizetype end = answer.bytes.indexOf("\r\n\r\n");
        if (end > 0) {
            const QByteArray head = answer.bytes.left(end).toLower();
            const qsizetype cl = head.indexOf("content-length:");
            const qsizetype length = cl < 0
                ? 0
                : head.mid(cl + 15, head.indexOf('\r', cl) - cl - 15).trimmed().toLongLong();
            if (answer.bytes.size() >= end + 4 + length)
                break;
        }
    }
    answer.bytes += socket.readAll();
    if (answer.bytes.startsWith("HTTP/1.1 "))
        answer.status = answer.bytes.mid(9, 3).toInt();
    return answer;
}

QByteArray get(const QByteArray &target, const QByteArray &token = {})
{
    QByteArray r
        = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/fhir+json\r\n";
    if (!token.isEmpty())
        r += "Authorization: " + token + "\r\n";
    return r + "\r\n";
}

} // namespace

class TestServerAttacks : public QObject
{
    Q_OBJECT

    EmbeddedServers m_servers;
    quint16 m_port = 0;
    QByteArray m_fhirPath; // "/fhir" or whatever the base's path is
    int m_baselineFds = 0;

    // A normal client is answered promptly whatever the attack is doing.
    void assertStillServing()
    {
        QElapsedTimer clock;
        clock.start();
        const RawAnswer answer = exchange(m_port, get(m_fhirPath + "/metadata"));
        QCOMPARE(answer.status, 200);
        QVERIFY2(clock.elapsed() < 1000, qPrintable(u"answered in %1 ms"_s.arg(clock.elapsed())));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_servers.start(&error), qPrintable(error));
        const QUrl fhir(m_servers.baseUrls().fhir);
        m_port = quint16(fhir.port());
        m_fhirPath = fhir.path().toUtf8();
        assertStillServing();
        m_baselineFds = openDescriptors();
    }

    void slowlorisDoesNotStarveOthers()
    {
        // 200 connections that send a few header bytes and then nothing.
        std::vector<std::unique_ptr<QTcpSocket>> lingering;
        for (int i = 0; i < 200; ++i) {
            auto socket = std::make_unique<QTcpSocket>();
            socket->connectToHost(QHostAddress::LocalHost, m_port);
            QVERIFY(socket->waitForConnected(3000));
            socket->write("GET " + m_fhirPath
                          + "/metadata HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
            socket->flush();
            lingering.push_back(std::move(socket));
        }
        for (int i = 0; i < 5; ++i)
            assertStillServing();
        lingering.clear();
    }

    void refusedWithTheRightStatus_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<int>("status");
        const QByteArray fhir = m_fhirPath;
        QTest::newRow("oversized headers")
            << QByteArray("GET " + fhir + "/metadata HTTP/1.1\r\nHost: x\r\nX-Big: "
                          + QByteArray(40 * 1024, 'a') + "\r\n\r\n")
            << 431;
        QTest::newRow("oversized target") << QByteArray(
            "GET " + fhir + "/Patient?name=" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n")
                                          << 414;
        QTest::newRow("smuggling: Content-Length with Transfer-Encoding") << QByteArray(
            "POST " + fhir
            + "/Patient HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n"
              "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /admin HTTP/1.1\r\n\r\n")
                                                                          << 411;
        QTest::newRow("smuggling: two Content-Lengths")
            << QByteArray("POST " + fhir
                          + "/Patient HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n"
                            "Content-Length: 20\r\n\r\nx")
            << 400;
        QTest::newRow("malformed request line") << QByteArray("GARBAGE\r\n\r\n") << 400;
        QTest::newRow("traversal in the app folder")
            << QByteArray(get("/apps/../../../../etc/passwd")) << 404;
        QTest::newRow("encoded traversal")
            << QByteArray(get("/apps/%2e%2e/%2e%2e/%2e%2e/etc/passwd")) << 404;
        QTest::newRow("traversal through FHIR")
            << QByteArray(get(fhir + "/..%2f..%2f..%2fetc%2fpasswd")) << 404;
        QTest::newRow("no token") << QByteArray(get(fhir + "/Patient")) << 401;
        QTest::newRow("malformed token: empty bearer")
            << QByteArray(get(fhir + "/Patient", "Bearer ")) << 401;
        QTest::newRow("malformed token: two words")
            << QByteArray(get(fhir + "/Patient", "Bearer a b")) << 401;
        QTest::newRow("malformed token: basic auth")
            << QByteArray(get(fhir + "/Patient", "Basic dXNlcjpwYXNz")) << 401;
        QTest::newRow("malformed token: 16 KiB")
            << QByteArray(get(fhir + "/Patient", "Bearer " + QByteArray(16 * 1024, 'x'))) << 401;
        QTest::newRow("malformed token: a JWT-looking forgery")
            << QByteArray(get(fhir + "/Patient", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."))
            << 401;
    }
    void refusedWithTheRightStatus()
    {
        QFETCH(QByteArray, request);
        QFETCH(int, status);
        const RawAnswer answer = exchange(m_port, request);
        QVERIFY2(answer.status == status, answer.bytes.left(600).constData());
        QVERIFY2(!answer.bytes.contains("root:"), "a traversal read a system file");
        assertStillServing();
    }

    void tokensAreHeldToTheirPatientAndLifetime()
    {
        const auto scoped = m_servers.issueServiceToken(u"attack-scoped"_s, {u"patient/*.read"_s},
                                                        u"pt-carmen-ortiz"_s);
        const QByteArray bearer = "Bearer " + scoped.accessToken.toLatin1();
        QCOMPARE(exchange(m_port, get(m_fhirPath + "/Patient/pt-carmen-ortiz", bearer)).status,
                 200);
        QCOMPARE(exchange(m_port, get(m_fhirPath + "/Patient/pt-hana-sato", bearer)).status, 403);
        QCOMPARE(
            exchange(m_port, get(m_fhirPath + "/Observation?patient=pt-hana-sato", bearer)).status,
            403);
        QCOMPARE(
            exchange(m_port, get(m_fhirPath + "/Observation?subject=Patient/pt-hana-sato", bearer))
                .status,
            403);
        const auto expired = m_servers.issueServiceToken(u"attack-expired"_s, {u"patient/*.read"_s},
                                                         u"pt-carmen-ortiz"_s, -5);
        const RawAnswer late = exchange(m_port,
                                        get(m_fhirPath + "/Patient/pt-carmen-ortiz",
                                            "Bearer " + expired.accessToken.toLatin1()));
        QCOMPARE(late.status, 401);
        QVERIFY2(late.bytes.contains("expired"), late.bytes.constData());
        assertStillServing();
    }

    void descriptorsStayBounded()
    {
        // Every attack connection above was closed by the server or by us; give the server
        // thread a moment to reap them, then compare with the count before the attacks.
        QTRY_VERIFY2_WITH_TIMEOUT(
            openDescriptors() <= m_baselineFds + 8,
            qPrintable(u"%1 descriptors open, %2 before the attacks"_s.arg(openDescriptors())
                           .arg(m_baselineFds)),
            10000);
    }
};

QTEST_GUILESS_MAIN(TestServerAttacks)
#include "tst_server_attacks.moc"
