// Transport over real loopback sockets: each failure kind gives its own clear error and never a
// hang (issue 6 acceptance), exact header lines, redirects with the browser's rules, TLS reports.
#include "net/transport.h"
#include "rawserver.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

TransportRequest get(const QUrl &url)
{
    TransportRequest request;
    request.url = url;
    request.connectTimeoutMs = 2000;
    request.totalTimeoutMs = 5000;
    return request;
}

/// `data` compressed as gzip (windowBits 31) or zlib-wrapped deflate (15).
QByteArray compressed(const QByteArray &data, int windowBits)
{
    z_stream stream {};
    deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(qsizetype(deflateBound(&stream, uLong(data.size()))), Qt::Uninitialized);
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.constData()));
    stream.avail_in = uInt(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = uInt(out.size());
    deflate(&stream, Z_FINISH);
    out.truncate(qsizetype(stream.total_out));
    deflateEnd(&stream);
    return out;
}

int linesNamed(const HeaderLines &headers, QByteArrayView name)
{
    return headerCount(headers, name);
}

} // namespace

class TestTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Qt 6.4's QNetworkReply merges repeated header lines ("A, A"), one reason the transport is
    // its own client (Firefox reports two ACAO lines and one with a comma differently): the
    // transport keeps them apart as received.
    void qtNetworkMergesRepeatedLines()
    {
        RawServer server([](const RawRequest &) {
            return rawResponse(200,
                               {"Access-Control-Allow-Origin: https://a.example",
                                "access-control-allow-origin:   https://a.example  ",
                                "Vary: Origin"},
                               "{}");
        });
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(server.url()));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply->rawHeader("Access-Control-Allow-Origin"),
                 QByteArray("https://a.example, https://a.example"));
        reply->deleteLater();

        Transport transport;
        const auto exact = transport.sendAndWait(get(server.url()));
        QVERIFY2(exact.ok(), qPrintable(exact.errorMessage));
        QCOMPARE(linesNamed(exact.headers, "access-control-allow-origin"), 2);
        QCOMPARE(exact.headers.at(1).name, QByteArray("access-control-allow-origin"));
        QCOMPARE(exact.headers.at(1).value, QByteArray("https://a.example"));
        QCOMPARE(exact.body, QByteArray("{}"));
        QCOMPARE(exact.status, 200);
    }

    void exactBackendSendsHeadersInOrder()
    {
        RawServer server([](const RawRequest &) { return rawResponse(204, {}); });
        Transport transport;
        TransportRequest request = get(server.url(u"/cds-services/x?a=1"_s));
        request.method = "OPTIONS";
        request.headers = {{"Accept", "*/*"},
                           {"Access-Control-Request-Method", "POST"},
                           {"Origin", "https://o.example"}};
        const auto response = transport.sendAndWait(request);
        QVERIFY2(response.ok(), qPrintable(response.errorMessage));
        QCOMPARE(response.status, 204);
        QCOMPARE(server.requests.size(), 1);
        const RawRequest &seen = server.requests.constFirst();
        QCOMPARE(seen.method, QByteArray("OPTIONS"));
        QCOMPARE(seen.target, QByteArray("/cds-services/x?a=1"));
        QCOMPARE(seen.headers.at(0).first, QByteArray("Host"));
        QCOMPARE(seen.headers.at(1), (QPair<QByteArray, QByteArray>("Accept", "*/*")));
        QCOMPARE(seen.headers.at(2).first, QByteArray("Access-Control-Request-Method"));
        QCOMPARE(seen.headers.at(3).first, QByteArray("Origin"));
        QVERIFY(!seen.hasHeader("authorization"));
        // What the exchange will show is exactly what the server received.
        QCOMPARE(response.sentHeaders.size(), seen.headers.size());
        for (qsizetype i = 0; i < seen.headers.size(); ++i) {
            QCOMPARE(response.sentHeaders.at(i).name, seen.headers.at(i).first);
            QCOMPARE(response.sentHeaders.at(i).value, seen.headers.at(i).second);
        }
        QVERIFY(response.timings.totalMs >= 0);
        QVERIFY(response.timings.firstByteMs >= 0);
    }

    void timeout()
    {
        RawServer server([](const RawRequest &) { return QByteArray(); }); // never answers
        Transport transport;
        TransportRequest request = get(server.url());
        request.totalTimeoutMs = 300;
        const auto response = transport.sendAndWait(request);
        QCOMPARE(toString(response.error), u"timeout"_s);
        QCOMPARE(response.netError, QByteArray("net::ERR_TIMED_OUT"));
        QVERIFY2(response.errorMessage.contains(u"within 300 ms (total timeout)"_s),
                 qPrintable(response.errorMessage));
    }

    void refused()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            probe.listen(QHostAddress::LocalHost, 0);
            port = probe.serverPort();
        }
        Transport transport;
        const auto response
            = transport.sendAndWait(get(QUrl(u"http://127.0.0.1:%1/cds-services"_s.arg(port))));
        QCOMPARE(toString(response.error), u"connection-refused"_s);
        QCOMPARE(response.netError, QByteArray("net::ERR_CONNECTION_REFUSED"));
        QVERIFY2(response.errorMessage.contains(u"Connection refused by 127.0.0.1:%1"_s.arg(port)),
                 qPrintable(response.errorMessage));
    }

    void tlsGarbage()
    {
        RawServer server([](const RawRequest &) { return QByteArray(); });
        server.setGreeting("HELLO THIS IS NOT TLS\r\n\r\n");
        QUrl url = server.url();
        url.setScheme(u"https"_s);
        Transport transport;
        const auto response = transport.sendAndWait(get(url));
        QCOMPARE(toString(response.error), u"tls"_s);
        QCOMPARE(response.netError, QByteArray("net::ERR_SSL_PROTOCOL_ERROR"));
        QVERIFY2(response.errorMessage.startsWith(u"TLS handshake with 127.0.0.1:"_s),
                 qPrintable(response.errorMessage));
    }

    void selfSignedReportedThenTrusted()
    {
        RawServer server([](const RawRequest &) {
            return rawResponse(200, {"Content-Type: application/json"}, "{}");
        });
        server.enableTls();
        Transport transport;
        const auto refused = transport.sendAndWait(get(server.url()));
        QCOMPARE(toString(refused.error), u"tls"_s);
        QCOMPARE(refused.netError, QByteArray("net::ERR_CERT_AUTHORITY_INVALID"));
        QVERIFY(refused.certificate.has_value());
        QVERIFY(refused.certificate->selfSigned);
        QVERIFY2(refused.errorMessage.contains(u"SHA-256 "_s + refused.certificate->sha256),
                 qPrintable(refused.errorMessage));
        QVERIFY(refused.errorMessage.contains(u"Hookbench test fixture"_s));
        // Pin a different fingerprint: still refused. Pin the right one: accepted.
        transport.trustHost(u"127.0.0.1"_s, server.serverPort(), u"00"_s);
        QCOMPARE(toString(transport.sendAndWait(get(server.url())).error), u"tls"_s);
        transport.trustHost(u"127.0.0.1"_s, server.serverPort(), refused.certificate->sha256);
        const auto trusted = transport.sendAndWait(get(server.url()));
        QVERIFY2(trusted.ok(), qPrintable(trusted.errorMessage));
        QCOMPARE(trusted.body, QByteArray("{}"));
    }

    void redirectLoop()
    {
        RawServer server([](const RawRequest &r) {
            return rawResponse(302, {"Location: " + QByteArray(r.target == "/a" ? "/b" : "/a")});
        });
        Transport transport;
        TransportRequest request = get(server.url(u"/a"_s));
        request.maxRedirects = 20;
        const auto response = transport.sendAndWait(request);
        QCOMPARE(toString(response.error), u"redirect-loop"_s);
        QVERIFY2(response.errorMessage.contains(u"Redirect loop"_s),
                 qPrintable(response.errorMessage));
        QCOMPARE(response.redirects.size(), 2);
        QCOMPARE(server.requests.size(), 2);
    }

    void tooManyRedirects()
    {
        RawServer server(
            [](const RawRequest &r) { return rawResponse(307, {"Location: " + r.target + "x"}); });
        Transport transport;
        TransportRequest request = get(server.url(u"/r"_s));
        request.maxRedirects = 3;
        const auto response = transport.sendAndWait(request);
        QCOMPARE(toString(response.error), u"too-many-redirects"_s);
        QCOMPARE(server.requests.size(), 4);
    }

    void manualRedirectIsReturned()
    {
        RawServer server(
            [](const RawRequest &) { return rawResponse(308, {"Location: /cds-services/"}); });
        Transport transport;
        const auto response = transport.sendAndWait(get(server.url(u"/cds-services"_s)));
        QVERIFY(response.ok());
        QCOMPARE(response.status, 308);
        QCOMPARE(headerGet(response.headers, "location"), QByteArray("/cds-services/"));
        QCOMPARE(server.requests.size(), 1);
    }

    void redirectRules()
    {
        RawServer target([](const RawRequest &) { return rawResponse(200, {}, "done"); });
        RawServer origin([&](const RawRequest &) {
            return rawResponse(302, {"Location: " + target.url(u"/next"_s).toEncoded()});
        });
        Transport transport;
        TransportRequest request = get(origin.url(u"/start"_s));
        request.method = "POST";
        request.body = "{}";
        request.headers
            = {{"Authorization", "Bearer secret"}, {"Content-Type", "application/json"}};
        request.maxRedirects = 20;
        const auto response = transport.sendAndWait(request);
        QVERIFY2(response.ok(), qPrintable(response.errorMessage));
        QCOMPARE(response.body, QByteArray("done"));
        QCOMPARE(target.requests.size(), 1);
        // 302 turns POST into GET without body; another origin never sees the token.
        QCOMPARE(target.requests.constFirst().method, QByteArray("GET"));
        QVERIFY(!target.requests.constFirst().hasHeader("authorization"));
        QVERIFY(origin.requests.constFirst().hasHeader("authorization"));
        QCOMPARE(response.redirects.size(), 1);
        QCOMPARE(response.redirects.constFirst().status, 302);
    }

    void oversized()
    {
        RawServer server(
            [](const RawRequest &) { return rawResponse(200, {}, QByteArray(300 * 1024, 'x')); });
        Transport transport;
        TransportRequest request = get(server.url());
        request.maxResponseBytes = 1024;
        const auto response = transport.sendAndWait(request);
        QCOMPARE(toString(response.error), u"too-large"_s);
        QVERIFY(response.truncated);
        QCOMPARE(response.body.size(), 1024);
        QVERIFY2(response.errorMessage.contains(u"1,024-byte limit"_s),
                 qPrintable(response.errorMessage));
    }

    void keepAliveReusesTheConnection()
    {
        RawServer server([](const RawRequest &) { return keepAliveResponse(200, "{}"); });
        server.setKeepAlive(true);
        Transport transport;
        const auto first = transport.sendAndWait(get(server.url(u"/one"_s)));
        const auto second = transport.sendAndWait(get(server.url(u"/two"_s)));
        QVERIFY2(first.ok() && second.ok(), qPrintable(first.errorMessage + second.errorMessage));
        QCOMPARE(server.requests.size(), 2);
        QCOMPARE(server.connections, 1);
        QVERIFY(first.timings.connectStartMs >= 0);
        QCOMPARE(second.timings.connectStartMs, -1.0); // no new connection, so no connect time
    }

    // A FHIR read offers gzip and deflate (acceptCompressed) and gets the decoded body; other
    // requests (CDS calls, CORS probes) offer nothing and see the bytes as sent.
    void compressedBodiesAreDecodedWhenAsked_data()
    {
        QTest::addColumn<QByteArray>("encoding");
        QTest::addColumn<int>("windowBits");
        QTest::newRow("gzip") << QByteArray("gzip") << 31;
        QTest::newRow("deflate") << QByteArray("deflate") << 15;
        QTest::newRow("raw deflate") << QByteArray("deflate") << -15;
    }
    void compressedBodiesAreDecodedWhenAsked()
    {
        QFETCH(QByteArray, encoding);
        QFETCH(int, windowBits);
        const QByteArray bundle = R"({"resourceType":"Bundle","entry":[)"
            + QByteArray(R"({"resource":{"resourceType":"Observation"}},)").repeated(500)
            + R"({}]})";
        RawServer server([&](const RawRequest &r) {
            if (!r.header("accept-encoding").contains(encoding))
                return rawResponse(200, {}, bundle);
            return rawResponse(200, {"Content-Encoding: " + encoding},
                               compressed(bundle, windowBits));
        });
        Transport transport;
        TransportRequest request = get(server.url(u"/fhir/Observation"_s));
        request.acceptCompressed = true;
        const auto response = transport.sendAndWait(request);
        QVERIFY2(response.ok(), qPrintable(response.errorMessage));
        QCOMPARE(server.requests.constFirst().header("accept-encoding"),
                 QByteArray("gzip, deflate"));
        QCOMPARE(headerGet(response.headers, "content-encoding"), encoding);
        QCOMPARE(response.body, bundle);

        const auto plain = transport.sendAndWait(get(server.url(u"/cds-services"_s)));
        QVERIFY(!server.requests.constLast().hasHeader("accept-encoding"));
        QCOMPARE(plain.body, bundle);
    }

    // A small compressed body that decodes to more than the cap (a "zip bomb": 64 MiB of zeros
    // in about 64 KiB) stops at the cap, like any oversized body; a corrupt one is named.
    void compressedBodiesAreCappedAndChecked()
    {
        const QByteArray bomb = compressed(QByteArray(64 * 1024 * 1024, '\0'), 31);
        QVERIFY(bomb.size() < 128 * 1024);
        RawServer server([&](const RawRequest &r) {
            if (r.target == "/corrupt")
                return rawResponse(200, {"Content-Encoding: gzip"}, "\x1f\x8b not gzip at all");
            return rawResponse(200, {"Content-Encoding: gzip"}, bomb);
        });
        Transport transport;
        TransportRequest request = get(server.url(u"/bomb"_s));
        request.acceptCompressed = true;
        request.maxResponseBytes = 1024 * 1024;
        const auto response = transport.sendAndWait(request);
        QCOMPARE(toString(response.error), u"too-large"_s);
        QVERIFY(response.truncated);
        QCOMPARE(response.body.size(), 1024 * 1024);
        QVERIFY2(response.errorMessage.contains(u"1,048,576-byte limit"_s)
                     && response.errorMessage.contains(u"decoded"_s),
                 qPrintable(response.errorMessage));

        request.url = server.url(u"/corrupt"_s);
        const auto corrupt = transport.sendAndWait(request);
        QVERIFY(!corrupt.ok());
        QVERIFY2(corrupt.errorMessage.contains(u"gzip body"_s)
                     && corrupt.errorMessage.contains(u"could not be decoded"_s),
                 qPrintable(corrupt.errorMessage));
    }

    void chunkedBodyExact()
    {
        RawServer server([](const RawRequest &) {
            return QByteArray(
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                "3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n");
        });
        Transport transport;
        const auto response = transport.sendAndWait(get(server.url()));
        QVERIFY2(response.ok(), qPrintable(response.errorMessage));
        QCOMPARE(response.body, QByteArray("abcde"));
    }
};

QTEST_GUILESS_MAIN(TestTransport)
#include "tst_transport.moc"
