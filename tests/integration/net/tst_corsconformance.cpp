// Conformance (issue 6 acceptance): every row of the CORS conformance matrix (docs/rules.md,
// CORS-M1-CORS-M42) that loopback can reproduce is served byte-exact by a raw socket fixture; the
// probe sends Chromium's preflight and the actual request, and the verdict and Chromium's console
// text must match the matrix. The service is on 127.0.0.1, so every pass carries the
// local-network-access warning (row 38): Chrome 142+ prompts before a public origin may reach
// loopback.
#include "net/corsprobe.h"
#include "rawserver.h"

#include <QHostInfo>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

const QByteArray O = "https://sandbox.cds-hooks.org";
const QString P = u"Response to preflight request doesn't pass access control check: "_s;
const QString XHR_CRED
    = u" The credentials mode of requests initiated by the XMLHttpRequest is controlled by "
      u"the withCredentials attribute."_s;
const QString NO_ACAO
    = u"No 'Access-Control-Allow-Origin' header is present on the requested resource."_s;
const QString AUTH_MISSING
    = u"Request header field authorization is not allowed by Access-Control-Allow-Headers in preflight response."_s;
const QString LNA = u"local-network-access"_s;

struct Row
{
    QString name;
    int preflightStatus = 204;
    QList<QByteArray> preflight;
    int actualStatus = 200;
    QList<QByteArray> actual;
    QByteArray method = "POST";
    CredentialsMode credentials = CredentialsMode::SameOrigin;
    CorsMode mode = CorsMode::Browser;
    CorsVerdict verdict = CorsVerdict::PassWithWarning;
    CorsStage stage = CorsStage::None;
    QString chromium;
    QString firefox;
    QStringList warnings {LNA};
};

QList<QByteArray> defaultPreflight(QList<QByteArray> replace = {}, bool keepDefaults = true)
{
    QList<QByteArray> lines;
    if (keepDefaults)
        lines = {"Access-Control-Allow-Origin: " + O,
                 "Access-Control-Allow-Headers: Authorization, Content-Type",
                 "Access-Control-Allow-Methods: POST, OPTIONS"};
    for (const QByteArray &line : replace) {
        const QByteArray name = line.left(line.indexOf(':')).toLower();
        lines.removeIf(
            [&](const QByteArray &l) { return l.left(l.indexOf(':')).toLower() == name; });
    }
    return lines + replace;
}

Row ok(QString name, int preflightStatus = 204)
{
    Row row;
    row.name = std::move(name);
    row.preflightStatus = preflightStatus;
    return row;
}

Row fail(QString name, CorsStage stage, QString chromium, QString firefox)
{
    Row row;
    row.name = std::move(name);
    row.verdict = CorsVerdict::Fail;
    row.stage = stage;
    row.chromium = std::move(chromium);
    row.firefox = std::move(firefox);
    row.warnings = {LNA}; // the prompt would come first, whatever CORS says
    return row;
}

QList<Row> rows()
{
    const QList<QByteArray> acao {"Access-Control-Allow-Origin: " + O};
    QList<Row> all;
    auto add = [&](Row row, QList<QByteArray> preflight, std::function<void(Row &)> more = {}) {
        row.preflight = preflight;
        if (row.actual.isEmpty())
            row.actual = QList<QByteArray> {"Content-Type: application/json"} + acao;
        if (more)
            more(row);
        all.append(row);
    };
    add(ok(u"01 default"_s), defaultPreflight());
    add(ok(u"02 preflight 200"_s, 200), defaultPreflight());
    add(ok(u"03 ACAO *"_s), defaultPreflight({"Access-Control-Allow-Origin: *"}),
        [](Row &r) { r.actual = {"Access-Control-Allow-Origin: *"}; });
    add(ok(u"04 ACAO * + ACAC, omit"_s),
        defaultPreflight(
            {"Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials: true"}),
        [](Row &r) { r.actual = {"Access-Control-Allow-Origin: *"}; });
    add(fail(u"05 ACAO * + include"_s, CorsStage::Preflight,
             P
                 + u"The value of the 'Access-Control-Allow-Origin' header in the response must "
                   u"not be the wildcard "
                   u"'*' when the request's credentials mode is 'include'."_s
                 + XHR_CRED,
             u"CORSNotSupportingCredentials"_s),
        defaultPreflight(
            {"Access-Control-Allow-Origin: *", "Access-Control-Allow-Credentials: true"}),
        [](Row &r) { r.credentials = CredentialsMode::Include; });
    add(fail(u"06 include, no ACAC"_s, CorsStage::Preflight,
             P
                 + u"The value of the 'Access-Control-Allow-Credentials' header in the response is "
                   u"'' which must be "
                   u"'true' when the request's credentials mode is 'include'."_s
                 + XHR_CRED,
             u"CORSMissingAllowCredentials"_s),
        defaultPreflight(), [](Row &r) { r.credentials = CredentialsMode::Include; });
    add(fail(u"07 include, ACAC True"_s, CorsStage::Preflight,
             P
                 + u"The value of the 'Access-Control-Allow-Credentials' header in the response is "
                   u"'True' which must "
                   u"be 'true' when the request's credentials mode is 'include'."_s
                 + XHR_CRED,
             u"CORSMissingAllowCredentials"_s),
        defaultPreflight({"Access-Control-Allow-Credentials: True"}),
        [](Row &r) { r.credentials = CredentialsMode::Include; });
    add(ok(u"08 include, ACAC on both"_s),
        defaultPreflight({"Access-Control-Allow-Credentials: true"}), [&](Row &r) {
            r.credentials = CredentialsMode::Include;
            r.actual = acao + QList<QByteArray> {"Access-Control-Allow-Credentials: true"};
        });
    const QString notEqual
        = u"The 'Access-Control-Allow-Origin' header has a value '%1' that is not equal to the "
          u"supplied origin."_s;
    const QString multiple
        = u"The 'Access-Control-Allow-Origin' header contains multiple values '%1', but only one "
          u"is allowed."_s;
    add(fail(u"09 trailing slash"_s, CorsStage::Preflight,
             P + notEqual.arg(u"https://sandbox.cds-hooks.org/"_s),
             u"CORSAllowOriginNotMatchingOrigin"_s),
        defaultPreflight({"Access-Control-Allow-Origin: https://sandbox.cds-hooks.org/"}));
    add(fail(u"10 http scheme"_s, CorsStage::Preflight,
             P + notEqual.arg(u"http://sandbox.cds-hooks.org"_s),
             u"CORSAllowOriginNotMatchingOrigin"_s),
        defaultPreflight({"Access-Control-Allow-Origin: http://sandbox.cds-hooks.org"}));
    add(fail(u"11 comma list"_s, CorsStage::Preflight,
             P + multiple.arg(u"https://a.example, https://sandbox.cds-hooks.org"_s),
             u"CORSAllowOriginNotMatchingOrigin"_s),
        defaultPreflight(
            {"Access-Control-Allow-Origin: https://a.example, https://sandbox.cds-hooks.org"}));
    add(fail(u"12 space list"_s, CorsStage::Preflight,
             P + multiple.arg(u"https://a.example https://sandbox.cds-hooks.org"_s),
             u"CORSAllowOriginNotMatchingOrigin"_s),
        defaultPreflight(
            {"Access-Control-Allow-Origin: https://a.example https://sandbox.cds-hooks.org"}));
    add(fail(u"13 ACAO twice (app + proxy)"_s, CorsStage::Preflight,
             P + multiple.arg(u"https://sandbox.cds-hooks.org, https://sandbox.cds-hooks.org"_s),
             u"CORSMultipleAllowOriginNotAllowed"_s),
        defaultPreflight() + QList<QByteArray> {"access-control-allow-origin: " + O});
    add(fail(u"14 ACAO null"_s, CorsStage::Preflight, P + notEqual.arg(u"null"_s),
             u"CORSAllowOriginNotMatchingOrigin"_s),
        defaultPreflight({"Access-Control-Allow-Origin: null"}));
    add(fail(u"15 OPTIONS 200 without CORS headers"_s, CorsStage::Preflight, P + NO_ACAO,
             u"CORSMissingAllowOrigin"_s),
        {}, [](Row &r) { r.preflightStatus = 200; });
    add(fail(u"16 no OPTIONS route (404)"_s, CorsStage::Preflight, P + NO_ACAO,
             u"CORSMissingAllowOrigin"_s),
        {"Content-Type: text/html"}, [](Row &r) { r.preflightStatus = 404; });
    add(fail(u"17 404 with CORS headers"_s, CorsStage::Preflight,
             P + u"It does not have HTTP ok status."_s, u"CORSPreflightDidNotSucceed"_s),
        defaultPreflight(), [](Row &r) { r.preflightStatus = 404; });
    add(fail(u"18 401 from auth middleware"_s, CorsStage::Preflight,
             P + u"It does not have HTTP ok status."_s, u"CORSPreflightDidNotSucceed"_s),
        defaultPreflight({"WWW-Authenticate: Bearer"}), [](Row &r) { r.preflightStatus = 401; });
    add(fail(u"19 preflight 308"_s, CorsStage::Preflight,
             P + u"Redirect is not allowed for a preflight request."_s,
             u"CORSExternalRedirectNotAllowed"_s),
        defaultPreflight({"Location: /cds-services/patient-greeting/"}),
        [](Row &r) { r.preflightStatus = 308; });
    add(ok(u"20 ACAH * (browser)"_s), defaultPreflight({"Access-Control-Allow-Headers: *"}),
        [](Row &r) {
            r.warnings = {LNA, u"authorization-wildcard"_s};
        });
    add(fail(u"20 ACAH * (strict)"_s, CorsStage::Preflight, AUTH_MISSING,
             u"CORSMissingAllowHeaderFromPreflight"_s),
        defaultPreflight({"Access-Control-Allow-Headers: *"}), [](Row &r) {
            r.mode = CorsMode::Strict;
            r.warnings = {LNA};
        });
    add(ok(u"21 ACAH *, Authorization"_s),
        defaultPreflight({"Access-Control-Allow-Headers: *, Authorization"}));
    add(fail(u"22 ACAH * with include"_s, CorsStage::Preflight, AUTH_MISSING,
             u"CORSMissingAllowHeaderFromPreflight"_s),
        defaultPreflight(
            {"Access-Control-Allow-Headers: *", "Access-Control-Allow-Credentials: true"}),
        [](Row &r) { r.credentials = CredentialsMode::Include; });
    add(fail(u"23 ACAH Content-Type only"_s, CorsStage::Preflight, AUTH_MISSING,
             u"CORSMissingAllowHeaderFromPreflight"_s),
        defaultPreflight({"Access-Control-Allow-Headers: Content-Type"}));
    add(fail(u"24 ACAH Authorization only"_s, CorsStage::Preflight,
             u"Request header field content-type is not allowed by Access-Control-Allow-Headers in "
             u"preflight "
             u"response."_s,
             u"CORSMissingAllowHeaderFromPreflight"_s),
        defaultPreflight({"Access-Control-Allow-Headers: Authorization"}));
    add(fail(u"25 no ACAH"_s, CorsStage::Preflight, AUTH_MISSING,
             u"CORSMissingAllowHeaderFromPreflight"_s),
        {"Access-Control-Allow-Origin: " + O, "Access-Control-Allow-Methods: POST"});
    add(ok(u"26 ACAH upper case"_s),
        defaultPreflight({"Access-Control-Allow-Headers: AUTHORIZATION, CONTENT-TYPE"}));
    add(fail(
            u"27 ACAH space separated"_s, CorsStage::Preflight,
            u"Cannot parse Access-Control-Allow-Headers response header field in preflight response."_s,
            u"CORSInvalidAllowHeader"_s),
        defaultPreflight({"Access-Control-Allow-Headers: authorization content-type"}));
    add(ok(u"28 no ACAM"_s),
        {"Access-Control-Allow-Origin: " + O,
         "Access-Control-Allow-Headers: Authorization, Content-Type"});
    add(ok(u"29 ACAM post"_s), defaultPreflight({"Access-Control-Allow-Methods: post"}));
    add(ok(u"30 ACAM GET only"_s), defaultPreflight({"Access-Control-Allow-Methods: GET"}));
    add(fail(u"31 PUT with ACAM put"_s, CorsStage::Preflight,
             u"Method PUT is not allowed by Access-Control-Allow-Methods in preflight response."_s,
             u"CORSMethodNotFound"_s),
        defaultPreflight({"Access-Control-Allow-Methods: put"}), [](Row &r) { r.method = "PUT"; });
    add(ok(u"32 PUT with ACAM *"_s), defaultPreflight({"Access-Control-Allow-Methods: *"}),
        [](Row &r) { r.method = "PUT"; });
    add(fail(u"32 PUT with ACAM * and include"_s, CorsStage::Preflight,
             u"Method PUT is not allowed by Access-Control-Allow-Methods in preflight response."_s,
             u"CORSMethodNotFound"_s),
        defaultPreflight(
            {"Access-Control-Allow-Methods: *", "Access-Control-Allow-Credentials: true"}),
        [](Row &r) {
            r.method = "PUT";
            r.credentials = CredentialsMode::Include;
        });
    add(fail(u"33 actual 200 without ACAO"_s, CorsStage::Actual, NO_ACAO,
             u"CORSMissingAllowOrigin"_s),
        defaultPreflight(), [](Row &r) {
            r.actual = {"Content-Type: application/json"};
            r.warnings = {LNA};
        });
    add(fail(u"34 actual 500 without ACAO"_s, CorsStage::Actual, NO_ACAO,
             u"CORSMissingAllowOrigin"_s),
        defaultPreflight(), [](Row &r) {
            r.actualStatus = 500;
            r.actual = {"Content-Type: text/plain"};
            r.warnings = {LNA};
        });
    add(ok(u"35 actual 500 with ACAO"_s), defaultPreflight(), [](Row &r) { r.actualStatus = 500; });
    add(ok(u"37 Max-Age 86400"_s), defaultPreflight({"Access-Control-Max-Age: 86400"}), [](Row &r) {
        r.warnings = {LNA, u"max-age"_s};
    });
    return all;
}

QStringList warningIds(const CorsEvaluation &e)
{
    QStringList ids;
    for (const auto &w : e.warnings)
        ids.append(w.id);
    return ids;
}

CorsProbeRequest probeRequest(const QUrl &url, const QByteArray &method = "POST")
{
    CorsProbeRequest probe;
    probe.cors.url = url;
    probe.cors.method = method;
    probe.cors.headers = {{"Accept", "application/json"},
                          {"Authorization", "Bearer eyJhbGciOiJFUzM4NCJ9.e30.c2ln"},
                          {"Content-Type", "application/json"}};
    probe.body = R"({"hook":"patient-view"})";
    probe.connectTimeoutMs = 3000;
    probe.totalTimeoutMs = 5000;
    return probe;
}

} // namespace

class TestCorsConformance : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matrix_data()
    {
        QTest::addColumn<int>("index");
        const auto all = rows();
        for (int i = 0; i < all.size(); ++i)
            QTest::newRow(qPrintable(all.at(i).name)) << i;
    }

    void matrix()
    {
        QFETCH(int, index);
        const Row row = rows().at(index);
        RawServer server([&row](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(row.preflightStatus, row.preflight);
            return rawResponse(row.actualStatus, row.actual, R"({"cards":[]})");
        });
        Transport transport;
        ExchangeLog log;
        CorsProbe probe(&transport, &log);
        CorsProbeRequest request
            = probeRequest(server.url(u"/cds-services/patient-greeting"_s), row.method);
        request.cors.credentials = row.credentials;
        request.options.mode = row.mode;
        const CorsProbeResult result = probe.runAndWait(request);
        const CorsEvaluation &e = result.evaluation;
        QCOMPARE(toString(e.verdict), toString(row.verdict));
        QCOMPARE(toString(e.stage), toString(row.stage));
        QCOMPARE(e.chromiumReason, row.chromium);
        QCOMPARE(e.firefoxCode, row.firefox);
        QCOMPARE(warningIds(e), row.warnings);
        if (!row.chromium.isEmpty()) {
            QCOMPARE(
                e.chromiumMessage,
                u"Access to XMLHttpRequest at '%1' from origin 'https://sandbox.cds-hooks.org' "
                u"has been blocked by CORS policy: %2"_s.arg(request.cors.url.toString(),
                                                             row.chromium));
        }
        // What went over the wire: Chromium's preflight, then the actual request only if it passed.
        QVERIFY(!server.requests.isEmpty());
        const RawRequest &preflight = server.requests.constFirst();
        QCOMPARE(preflight.method, QByteArray("OPTIONS"));
        QCOMPARE(preflight.header("access-control-request-method"), row.method);
        QCOMPARE(preflight.header("access-control-request-headers"),
                 QByteArray("authorization,content-type"));
        QCOMPARE(preflight.header("origin"), O);
        QVERIFY(!preflight.hasHeader("authorization"));
        QVERIFY(preflight.body.isEmpty());
        const bool actualSent = row.stage != CorsStage::Preflight;
        QCOMPARE(server.requests.size(), actualSent ? 2 : 1);
        if (actualSent) {
            QCOMPARE(server.requests.at(1).method, row.method);
            QCOMPARE(server.requests.at(1).header("origin"), O);
            QVERIFY(server.requests.at(1).header("authorization").startsWith("Bearer "));
        }
        QCOMPARE(log.size(), actualSent ? 2 : 1);
        QCOMPARE(log.exchanges().constFirst().kind, u"preflight"_s);
        QVERIFY(log.exchanges().constLast().cors.has_value());
    }

    void row36RedirectToAnotherOrigin()
    {
        RawServer other([](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(204,
                                   {"Access-Control-Allow-Origin: *",
                                    "Access-Control-Allow-Headers: content-type"});
            return rawResponse(200, {"Access-Control-Allow-Origin: *"}, R"({"cards":[]})");
        });
        RawServer first([&](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(204, defaultPreflight());
            return rawResponse(
                307,
                {"Access-Control-Allow-Origin: " + O,
                 "Location: " + other.url(u"/cds-services/patient-greeting"_s).toEncoded()});
        });
        Transport transport;
        CorsProbe probe(&transport);
        const auto request = probeRequest(first.url(u"/cds-services/patient-greeting"_s));
        const auto result = probe.runAndWait(request);
        QCOMPARE(toString(result.evaluation.verdict), u"pass-with-warning"_s);
        // The hop to another origin: new preflight with Origin null and without Authorization.
        QCOMPARE(other.requests.size(), 2);
        QCOMPARE(other.requests.at(0).method, QByteArray("OPTIONS"));
        QCOMPARE(other.requests.at(0).header("origin"), QByteArray("null"));
        QCOMPARE(other.requests.at(0).header("access-control-request-headers"),
                 QByteArray("content-type"));
        QCOMPARE(other.requests.at(1).method, QByteArray("POST")); // 307 keeps method and body
        QCOMPARE(other.requests.at(1).body, request.body);
        QVERIFY(!other.requests.at(1).hasHeader("authorization"));
        QCOMPARE(result.exchanges.size(), 4);
    }

    void row36EchoedOriginFailsAfterTaint()
    {
        RawServer other([](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(204,
                                   {"Access-Control-Allow-Origin: null",
                                    "Access-Control-Allow-Headers: content-type"});
            return rawResponse(200, {"Access-Control-Allow-Origin: " + O});
        });
        RawServer first([&](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(204, defaultPreflight());
            return rawResponse(307,
                               {"Access-Control-Allow-Origin: " + O,
                                "Location: " + other.url(u"/x"_s).toEncoded()});
        });
        Transport transport;
        CorsProbe probe(&transport);
        const auto request = probeRequest(first.url(u"/cds-services/patient-greeting"_s));
        const auto result = probe.runAndWait(request);
        QCOMPARE(toString(result.evaluation.verdict), u"fail"_s);
        QCOMPARE(result.evaluation.chromiumMessage,
                 u"Access to XMLHttpRequest at '%1' (redirected from '%2') from origin "
                 u"'https://sandbox.cds-hooks.org' "
                 u"has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a "
                 u"value "
                 u"'https://sandbox.cds-hooks.org' that is not equal to the supplied origin."_s.arg(
                     other.url(u"/x"_s).toString(), request.cors.url.toString()));
    }

    // The address space comes from the resolved address, not the name (CORS10).
    void resolvedNameCountsAsLoopback()
    {
        const QString name = QHostInfo::localHostName();
        const QHostInfo info = QHostInfo::fromName(name);
        if (info.addresses().isEmpty() || !info.addresses().constFirst().isLoopback())
            QSKIP("this machine's host name does not resolve to a loopback address");
        RawServer server([](const RawRequest &r) {
            return r.method == "OPTIONS" ? rawResponse(204, defaultPreflight())
                                         : rawResponse(200, {"Access-Control-Allow-Origin: " + O});
        });
        server.enableTls();
        QUrl url = server.url(u"/cds-services/x"_s);
        url.setHost(name);
        Transport transport;
        transport.trustHost(name, server.serverPort()); // the fixture certificate names 127.0.0.1
        CorsProbe probe(&transport);
        const auto result = probe.runAndWait(probeRequest(url));
        QCOMPARE(toString(result.evaluation.targetSpace), u"loopback"_s);
        QCOMPARE(warningIds(result.evaluation), QStringList {LNA});
        QCOMPARE(server.requests.size(), 2);

        // An insecure public page may not reach it at all: nothing is sent.
        url.setScheme(u"http"_s);
        auto insecure = probeRequest(url);
        insecure.cors.origin = u"http://sandbox.example.org"_s;
        const auto blocked = probe.runAndWait(insecure);
        QCOMPARE(toString(blocked.evaluation.stage), u"local-network"_s);
        QCOMPARE(server.requests.size(), 2);
    }

    void row39MixedContentNeverSends()
    {
        Transport transport;
        CorsProbe probe(&transport);
        // .invalid never resolves, and mixed content is blocked before any lookup anyway.
        const auto result
            = probe.runAndWait(probeRequest(QUrl(u"http://devbox.invalid:3000/cds-services/x"_s)));
        QCOMPARE(toString(result.evaluation.stage), u"mixed-content"_s);
        QVERIFY(result.evaluation.chromiumMessage.startsWith(
            u"Mixed Content: The page at 'https://sandbox.cds-hooks.org/'"_s));
        QVERIFY(result.exchanges.isEmpty());
    }

    void row41SelfSignedCertificate()
    {
        RawServer server([](const RawRequest &) { return rawResponse(204, defaultPreflight()); });
        server.enableTls();
        Transport transport;
        CorsProbe probe(&transport);
        const auto result = probe.runAndWait(probeRequest(server.url(u"/cds-services/x"_s)));
        QCOMPARE(toString(result.evaluation.stage), u"network"_s);
        QCOMPARE(result.evaluation.chromiumReason, u"net::ERR_CERT_AUTHORITY_INVALID"_s);
        QCOMPARE(result.evaluation.firefoxCode, u"CORSDidNotSucceed"_s);
        QVERIFY(result.exchanges.constFirst().error.contains(u"SHA-256"_s));
    }

    void row42ServiceDown()
    {
        quint16 port = 0;
        {
            QTcpServer probeServer;
            probeServer.listen(QHostAddress::LocalHost, 0);
            port = probeServer.serverPort();
        }
        Transport transport;
        CorsProbe probe(&transport);
        const auto result = probe.runAndWait(
            probeRequest(QUrl(u"http://127.0.0.1:%1/cds-services/x"_s.arg(port))));
        QCOMPARE(toString(result.evaluation.verdict), u"fail"_s);
        QCOMPARE(
            result.evaluation.chromiumMessage,
            u"POST http://127.0.0.1:%1/cds-services/x net::ERR_CONNECTION_REFUSED"_s.arg(port));
        QVERIFY(!result.connected);
    }

    void tooManyRedirects()
    {
        RawServer server([](const RawRequest &r) {
            if (r.method == "OPTIONS")
                return rawResponse(204, defaultPreflight());
            return rawResponse(
                302, {"Access-Control-Allow-Origin: " + O, "Location: " + r.target + "x"});
        });
        Transport transport;
        CorsProbe probe(&transport);
        auto request = probeRequest(server.url(u"/r"_s), "GET");
        request.cors.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer x.y.z"}};
        const auto result = probe.runAndWait(request);
        QCOMPARE(result.evaluation.chromiumReason, u"net::ERR_TOO_MANY_REDIRECTS"_s);
        QCOMPARE(toString(result.evaluation.stage), u"redirect"_s);
    }
};

QTEST_GUILESS_MAIN(TestCorsConformance)
#include "tst_corsconformance.moc"
