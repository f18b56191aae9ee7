// The CDS client against a loopback service: discovery, hook call and feedback each carry a fresh
// client JWT whose aud is the exact URL (C10), go out with the Sandbox's preflight when CORS
// emulation is on, land in the exchange log, and come back parsed and validated.
#include "../../clientkeys.h"
#include "net/cdsclient.h"
#include "rawserver.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

const QByteArray kDiscovery
    = R"({"services":[{"hook":"patient-view","id":"greeting","title":"Greeting",
"description":"Says hello","prefetch":{"patient":"Patient/{{context.patientId}}"}}]})";
const QByteArray kCards
    = R"({"cards":[{"uuid":"6c1e2b1a-7f0e-4c3a-9a55-5c2a3d2c1b10","summary":"Hello",
"indicator":"info","source":{"label":"Test"}}]})";
const QList<QByteArray> kCors {"Access-Control-Allow-Origin: https://sandbox.cds-hooks.org",
                               "Access-Control-Allow-Headers: Authorization, Content-Type",
                               "Access-Control-Allow-Methods: GET, POST, OPTIONS", "Vary: Origin"};

QByteArray audOf(const QByteArray &authorization)
{
    const auto jwt = decodeJwt(authorization);
    return jwt ? jwt->claims.value(u"aud"_s).toString().toUtf8() : QByteArray();
}

} // namespace

class TestCdsClient : public QObject
{
    Q_OBJECT

private:
    ClientKeys m_keys;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_keys.generate(&error), qPrintable(error));
    }

    void discoveryHookAndFeedback()
    {
        RawServer service([](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(204, kCors);
            if (r.target == "/cds-services")
                return rawResponse(
                    200, kCors + QList<QByteArray> {"Content-Type: application/json"}, kDiscovery);
            if (r.target == "/cds-services/greeting")
                return rawResponse(
                    200, kCors + QList<QByteArray> {"Content-Type: application/json"}, kCards);
            return rawResponse(200, kCors, "{}");
        });
        hb::security::ClientJwtSigner signer(m_keys.store(), {});
        Transport transport;
        ExchangeLog log;
        CdsClient client(&transport, &log, &signer);

        const DiscoveryResult discovery = client.discoverAndWait(service.url(u"/"_s));
        QVERIFY2(discovery.document.has_value(), qPrintable(discovery.error));
        QCOMPARE(discovery.document->services.size(), 1);
        QCOMPARE(discovery.document->services.constFirst().id, u"greeting"_s);
        QVERIFY(!hb::core::hasErrors(discovery.findings));
        QCOMPARE(toString(discovery.cors->verdict),
                 u"pass-with-warning"_s); // loopback: LNA prompt only

        hb::core::HookRequest request;
        request.hook = u"patient-view"_s;
        request.hookInstance = hb::core::HookRequest::newHookInstance();
        request.context = {{u"userId"_s, u"Practitioner/1"_s}, {u"patientId"_s, u"1"_s}};
        const QUrl discoveryUrl = discovery.url;
        const HookCallResult call = client.callHookAndWait(discoveryUrl, u"greeting"_s, request);
        QVERIFY2(call.cdsResponse.has_value(), qPrintable(call.error));
        QCOMPARE(call.cdsResponse->cards.constFirst().summary, u"Hello"_s);
        QCOMPARE(call.status(), 200);

        hb::core::Feedback feedback;
        feedback.card = call.cdsResponse->cards.constFirst().uuid;
        feedback.outcome = hb::core::FeedbackOutcome::Overridden;
        feedback.outcomeTimestamp = QDateTime::currentDateTimeUtc();
        const CdsCallResult sent
            = client.sendFeedbackAndWait(discoveryUrl, u"greeting"_s, {feedback});
        QCOMPARE(sent.status(), 200);

        // On the wire: preflight + call for each of the three URLs (CORS1: one per URL).
        QCOMPARE(service.requests.size(), 6);
        QStringList seen;
        for (const auto &r : service.requests)
            seen.append(QString::fromLatin1(r.method + ' ' + r.target));
        QCOMPARE(
            seen,
            (QStringList {u"OPTIONS /cds-services"_s, u"GET /cds-services"_s,
                          u"OPTIONS /cds-services/greeting"_s, u"POST /cds-services/greeting"_s,
                          u"OPTIONS /cds-services/greeting/feedback"_s,
                          u"POST /cds-services/greeting/feedback"_s}));
        QCOMPARE(service.requests.at(0).header("access-control-request-headers"),
                 QByteArray("authorization"));
        QCOMPARE(service.requests.at(2).header("access-control-request-headers"),
                 QByteArray("authorization,content-type"));
        // Each call: its own token, aud = the exact URL called.
        QCOMPARE(audOf(service.requests.at(1).header("authorization")),
                 service.url(u"/cds-services"_s).toEncoded());
        QCOMPARE(audOf(service.requests.at(3).header("authorization")),
                 service.url(u"/cds-services/greeting"_s).toEncoded());
        QCOMPARE(audOf(service.requests.at(5).header("authorization")),
                 service.url(u"/cds-services/greeting/feedback"_s).toEncoded());
        QVERIFY(service.requests.at(1).header("authorization")
                != service.requests.at(3).header("authorization"));
        // The service received the hook request the core built, as JSON.
        const QJsonObject body = QJsonDocument::fromJson(service.requests.at(3).body).object();
        QCOMPARE(body.value(u"hookInstance"_s).toString(), request.hookInstance);
        QCOMPARE(service.requests.at(3).header("content-type"), QByteArray("application/json"));
        const QJsonObject feedbackBody
            = QJsonDocument::fromJson(service.requests.at(5).body).object();
        QCOMPARE(feedbackBody[u"feedback"_s][0][u"outcome"_s].toString(), u"overridden"_s);

        // Everything logged, with the JWT decoded on the calls.
        QCOMPARE(log.size(), 6);
        const auto exchanges = log.exchanges();
        QCOMPARE(exchanges.at(1).kind, u"discovery"_s);
        QCOMPARE(exchanges.at(3).kind, u"hook"_s);
        QCOMPARE(exchanges.at(5).kind, u"feedback"_s);
        QVERIFY(exchanges.at(3).jwt.has_value());
        QCOMPARE(exchanges.at(3).jwt->fault, u"none"_s);
        QVERIFY(exchanges.at(3).cors.has_value());
    }

    void invalidResponseGivesFindings()
    {
        RawServer service([](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(204, kCors);
            return rawResponse(200, kCors, R"({"cards":[{"indicator":"loud"}]})");
        });
        Transport transport;
        ExchangeLog log;
        CdsClient client(&transport, &log, nullptr);
        hb::core::HookRequest request;
        request.hook = u"patient-view"_s;
        request.hookInstance = hb::core::HookRequest::newHookInstance();
        const auto call = client.callHookAndWait(service.url(u"/cds-services"_s), u"x"_s, request);
        QVERIFY(hb::core::hasErrors(call.findings));
        // Findings are attached to the logged exchange too.
        QVERIFY(!log.exchanges().constLast().findings.isEmpty());
        // No signer: no Authorization header, so only content-type is preflighted.
        QVERIFY(!service.requests.at(1).hasHeader("authorization"));
        QCOMPARE(service.requests.at(0).header("access-control-request-headers"),
                 QByteArray("content-type"));
    }

    void corsFailureBlocksTheCallAndCorsOffSkipsPreflight()
    {
        RawServer service([](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(404, {});
            return rawResponse(200, {"Content-Type: application/json"}, kDiscovery);
        });
        hb::security::ClientJwtSigner signer(m_keys.store(), {});
        Transport transport;
        CdsClient client(&transport, nullptr, &signer);
        const auto blocked = client.discoverAndWait(service.url(u"/cds-services"_s));
        QVERIFY(blocked.blocked());
        QVERIFY(!blocked.response.has_value());
        QCOMPARE(toString(blocked.cors->stage), u"preflight"_s);
        QVERIFY(blocked.error.contains(u"No 'Access-Control-Allow-Origin' header"_s));
        QCOMPARE(service.requests.size(), 1);

        CdsClientOptions off;
        off.corsEmulation = false;
        client.setOptions(off);
        const auto direct = client.discoverAndWait(service.url(u"/cds-services"_s));
        QVERIFY(direct.document.has_value());
        QVERIFY(!direct.cors.has_value());
        QCOMPARE(service.requests.size(), 2);
        QCOMPARE(service.requests.at(1).method, QByteArray("GET"));
    }

    void jwtFaultIsSentAndLabelled()
    {
        RawServer service([](const RawRequest &) { return rawResponse(401, {}); });
        hb::security::ClientJwtSigner signer(m_keys.store(), {});
        Transport transport;
        ExchangeLog log;
        CdsClientOptions options;
        options.corsEmulation = false;
        options.jwtFault = hb::security::JwtFault::WrongAudience;
        CdsClient client(&transport, &log, &signer, options);
        const auto result = client.discoverAndWait(service.url(u"/cds-services"_s));
        QCOMPARE(result.status(), 401);
        QVERIFY(audOf(service.requests.at(0).header("authorization"))
                != service.url(u"/cds-services"_s).toEncoded());
        QCOMPARE(log.exchanges().constFirst().jwt->fault, u"wrong-aud"_s);
        QVERIFY(hb::core::hasErrors(result.findings));
    }

    // The invoker signs a call's JWT while its prefetch is in flight (presign) and hands it to
    // callHook: that token goes out, but only for the URL it names (aud, C10) and only when no
    // fault was asked for; otherwise the call signs its own.
    void presignedTokenGoesOutOnlyForItsUrl()
    {
        RawServer service([](const RawRequest &) {
            return rawResponse(200, {"Content-Type: application/json"}, kCards);
        });
        hb::security::ClientJwtSigner signer(m_keys.store(), {});
        Transport transport;
        ExchangeLog log;
        CdsClientOptions options;
        options.corsEmulation = false;
        CdsClient client(&transport, &log, &signer, options);
        const QUrl discovery = service.url(u"/cds-services"_s);
        hb::core::HookRequest request;
        request.hook = u"patient-view"_s;
        request.hookInstance = hb::core::HookRequest::newHookInstance();
        request.context = {{u"userId"_s, u"Practitioner/1"_s}, {u"patientId"_s, u"1"_s}};
        const auto call = [&](std::optional<hb::security::ClientJwtSigner::Signed> presigned) {
            QEventLoop loop;
            HookCallResult out;
            client.callHook(
                discovery, u"greeting"_s, request,
                [&](const HookCallResult &result) {
                    out = result;
                    loop.quit();
                },
                {}, std::move(presigned));
            QTimer::singleShot(20000, &loop, &QEventLoop::quit); // hang guard
            loop.exec();
            return out;
        };

        const auto early = client.presign(discovery, u"greeting"_s);
        QVERIFY(early && early->ok());
        QCOMPARE(call(early).status(), 200);
        QCOMPARE(service.requests.at(0).header("authorization"), "Bearer " + early->token);

        const auto elsewhere = client.presign(discovery, u"other"_s);
        QVERIFY(elsewhere && elsewhere->ok());
        QCOMPARE(call(elsewhere).status(), 200);
        const QByteArray sent = service.requests.at(1).header("authorization");
        QVERIFY(sent != "Bearer " + elsewhere->token);
        QCOMPARE(audOf(sent), service.url(u"/cds-services/greeting"_s).toEncoded());

        options.jwtFault = hb::security::JwtFault::WrongAudience;
        client.setOptions(options);
        QVERIFY(!client.presign(discovery, u"greeting"_s));
    }

    // Each failure kind lands in the logged exchange with its own kind and sentence (issue 6).
    void failuresAreRecordedInTheExchange_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("sentence");
        QTest::newRow("timeout") << u"timeout"_s << u"(total timeout)"_s;
        QTest::newRow("refused") << u"connection-refused"_s << u"Connection refused"_s;
        QTest::newRow("tls") << u"tls"_s << u"TLS handshake"_s;
        QTest::newRow("redirect loop") << u"redirect-loop"_s << u"Redirect loop"_s;
        QTest::newRow("oversized") << u"too-large"_s << u"byte limit"_s;
    }

    void failuresAreRecordedInTheExchange()
    {
        QFETCH(QString, kind);
        QFETCH(QString, sentence);
        RawServer server([&kind](const RawRequest &r) {
            if (kind == u"timeout")
                return QByteArray(); // never answers
            if (kind == u"redirect-loop")
                return rawResponse(
                    302,
                    {"Location: "
                     + QByteArray(r.target == "/a/cds-services" ? "/b/cds-services"
                                                                : "/a/cds-services")});
            return rawResponse(200, {"Content-Type: application/json"},
                               QByteArray(64 * 1024, ' ') + kDiscovery);
        });
        QUrl url = server.url(u"/a"_s);
        if (kind == u"tls")
            server.setGreeting("not tls\r\n");
        if (kind == u"tls")
            url.setScheme(u"https"_s);
        if (kind == u"connection-refused")
            server.close();
        Transport transport;
        ExchangeLog log;
        CdsClientOptions options;
        options.corsEmulation = false;
        options.totalTimeoutMs = 500;
        options.maxResponseBytes = 1024;
        CdsClient client(&transport, &log, nullptr, options);
        const auto result = client.discoverAndWait(url);
        QVERIFY(!result.document.has_value());
        QCOMPARE(log.size(), 1);
        const Exchange e = log.exchanges().constFirst();
        QCOMPARE(e.errorKind, kind);
        QVERIFY2(e.error.contains(sentence), qPrintable(e.error));
        QCOMPARE(result.couldNotConnect(), kind == u"connection-refused" || kind == u"tls");
    }

    void discoveryUrls()
    {
        QCOMPARE(discoveryUrl(QUrl(u"http://h:1"_s)), QUrl(u"http://h:1/cds-services"_s));
        QCOMPARE(discoveryUrl(QUrl(u"http://h:1/base/"_s)),
                 QUrl(u"http://h:1/base/cds-services"_s));
        QCOMPARE(discoveryUrl(QUrl(u"http://h:1/cds-services/"_s)),
                 QUrl(u"http://h:1/cds-services"_s));
        QCOMPARE(feedbackUrl(QUrl(u"http://h:1/cds-services"_s), u"a"_s),
                 QUrl(u"http://h:1/cds-services/a/feedback"_s));
    }
};

QTEST_GUILESS_MAIN(TestCdsClient)
#include "tst_cdsclient.moc"
