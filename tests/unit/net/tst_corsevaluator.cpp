// Every row of the conformance matrix (the CORS conformance matrix (docs/rules.md,
// CORS-M1-CORS-M42)) against the pure evaluator, plus the exact preflight Chromium sends (CORS2).
// The loopback conformance test replays the same rows on the wire.
#include "corsmatrix.h"
#include "net/corsevaluator.h"

#include <QTest>

#include <functional>

using namespace Qt::StringLiterals;
using namespace hb::net;

using namespace corsmatrix;

namespace {

QStringList warningIds(const CorsEvaluation &e)
{
    QStringList ids;
    for (const auto &w : e.warnings)
        ids.append(w.id);
    return ids;
}

} // namespace

class TestCorsEvaluator : public QObject
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
        Case c = defaults();
        row.change(c);
        const CorsEvaluation e = evaluateCors(c.request, c.preflight, c.actual, c.options);
        QCOMPARE(toString(e.verdict), toString(row.verdict));
        QCOMPARE(toString(e.stage), toString(row.stage));
        QCOMPARE(e.chromiumReason, row.chromium);
        QCOMPARE(e.firefoxCode, row.firefox);
        QCOMPARE(warningIds(e), row.warnings);
        if (row.verdict == CorsVerdict::Fail) {
            QVERIFY(!e.hint.isEmpty());
            if (row.stage == CorsStage::Preflight || row.stage == CorsStage::Actual) {
                QCOMPARE(
                    e.chromiumMessage,
                    u"Access to XMLHttpRequest at '%1' from origin '%2' has been blocked by CORS policy: %3"_s
                        .arg(c.request.url.toString(), O, row.chromium));
            }
        }
    }

    void hintNamesHeaderAndValue()
    {
        Case c = defaults();
        setHeader(c.preflight.headers, "Access-Control-Allow-Headers", "Content-Type");
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(
            e.hint,
            u"Send 'Access-Control-Allow-Headers: authorization, content-type' on the OPTIONS response."_s);
        setHeader(c.preflight.headers, "Access-Control-Allow-Origin", std::nullopt);
        const auto missing = evaluateCors(c.request, c.preflight, c.actual);
        QVERIFY(missing.hint.contains(
            u"'Access-Control-Allow-Origin: https://sandbox.cds-hooks.org'"_s));
        QCOMPARE(missing.firefoxMessage,
                 u"Cross-Origin Request Blocked: The Same Origin Policy disallows reading the "
                 u"remote resource at "
                 u"https://cds.example.org/cds-services/patient-greeting. (Reason: CORS header "
                 u"\u2018Access-Control-Allow-Origin\u2019 missing). Status code: 204."_s);
    }

    // A preflight answered 404 (a wrong URL, here the lab's unknown id) fails with Chromium's
    // text about the missing header, but the hint says in Hookbench's words what the status
    // means and quotes the OperationOutcome, with or without CORS headers.
    void aNon2xxPreflightHintSaysWhatTheStatusMeans()
    {
        const QByteArray outcome
            = R"({"resourceType":"OperationOutcome","issue":[{"severity":"error",)"
              R"("code":"not-found","diagnostics":"No lab service 'many-cards'"}]})";
        Case c = defaults();
        c.preflight
            = CorsResponse {404, {{"Content-Type", "application/fhir+json"}}, {}, true, outcome};
        const auto bare = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(bare.stage), toString(CorsStage::Preflight));
        QCOMPARE(bare.chromiumReason,
                 P
                     + u"No 'Access-Control-Allow-Origin' header is present on the requested "
                       u"resource."_s);
        QVERIFY2(bare.hint.startsWith(u"The preflight OPTIONS "
                                      u"https://cds.example.org/cds-services/patient-greeting "
                                      u"was answered 404 Not Found (\u201cNo lab service "
                                      u"'many-cards'\u201d), so the URL is probably wrong"_s),
                 qPrintable(bare.hint));
        QVERIFY2(
            bare.hint.contains(u"'Access-Control-Allow-Origin: https://sandbox.cds-hooks.org'"_s),
            qPrintable(bare.hint)); // the CORS fix still follows

        c = defaults();
        c.preflight.status = 404;
        c.preflight.body = outcome;
        const auto withCors = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(withCors.chromiumReason, P + u"It does not have HTTP ok status."_s);
        QVERIFY2(withCors.hint.contains(u"answered 404 Not Found (\u201cNo lab service "
                                        u"'many-cards'\u201d), so the URL is probably wrong"_s),
                 qPrintable(withCors.hint));

        c.preflight.status = 401;
        c.preflight.body = "Unauthorized\nrealm=x";
        const auto auth = evaluateCors(c.request, c.preflight, c.actual);
        QVERIFY2(auth.hint.contains(u"answered 401 Unauthorized (\u201cUnauthorized\u201d): the "
                                    u"server authenticates OPTIONS"_s),
                 qPrintable(auth.hint));

        c.preflight.status = 502;
        c.preflight.body = "<html><head><title>502 Bad Gateway</title></head></html>";
        const auto gateway = evaluateCors(c.request, c.preflight, c.actual);
        QVERIFY2(gateway.hint.contains(u"answered 502 Bad Gateway (\u201c502 Bad Gateway\u201d): "
                                       u"the server failed"_s),
                 qPrintable(gateway.hint));

        // A 2xx preflight that lacks the header: the plain CORS fix, no status story.
        c = defaults();
        setHeader(c.preflight.headers, "Access-Control-Allow-Origin", std::nullopt);
        QVERIFY(!evaluateCors(c.request, c.preflight, c.actual).hint.contains(u"answered"_s));
    }

    void acamNotTokensFailsEvenForPost()
    {
        Case c = defaults();
        setHeader(c.preflight.headers, "Access-Control-Allow-Methods", "GET POST");
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::Fail));
        QCOMPARE(
            e.chromiumReason,
            u"Cannot parse Access-Control-Allow-Methods response header field in preflight response."_s);
        QCOMPARE(e.firefoxCode, u"CORSInvalidAllowMethod"_s);
    }

    void acaoWithoutSchemeIsInvalidValue()
    {
        Case c = defaults();
        setHeader(c.preflight.headers, "Access-Control-Allow-Origin", "sandbox.cds-hooks.org");
        QCOMPARE(
            evaluateCors(c.request, c.preflight, c.actual).chromiumReason,
            P + u"The 'Access-Control-Allow-Origin' header contains the invalid value 'sandbox.cds-hooks.org'."_s);
    }

    void maxAgeCaps()
    {
        Case c = defaults();
        c.preflight.headers.append(HeaderLine {"Access-Control-Max-Age", "86400"});
        QCOMPARE(evaluateCors(c.request, c.preflight, c.actual).preflightCacheSeconds, 7200);
        setHeader(c.preflight.headers, "Access-Control-Max-Age", "-1");
        QCOMPARE(evaluateCors(c.request, c.preflight, c.actual).preflightCacheSeconds, 0);
        setHeader(c.preflight.headers, "Access-Control-Max-Age", "soon");
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(e.preflightCacheSeconds, 5);
        QCOMPARE(warningIds(e), QStringList {u"max-age"_s});
    }

    void varyOriginOnDiscoveryGet()
    {
        Case c = defaults();
        c.request.method = "GET";
        c.request.url = QUrl(u"https://cds.example.org/cds-services"_s);
        c.request.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer x"}};
        auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::PassWithWarning));
        QCOMPARE(warningIds(e), QStringList {u"vary-origin"_s});
        c.actual.headers.append(HeaderLine {"Vary", "Accept-Encoding, Origin"});
        QCOMPARE(toString(evaluateCors(c.request, c.preflight, c.actual).verdict),
                 toString(CorsVerdict::Pass));
    }

    void redirectTaintsOrigin()
    {
        Case c = defaults();
        c.actual.status = 307;
        c.actual.headers.append(
            HeaderLine {"Location", "https://other.example.net/cds-services/patient-greeting"});
        CorsHop second {QUrl(u"https://other.example.net/cds-services/patient-greeting"_s),
                        CorsResponse {204,
                                      {{"Access-Control-Allow-Origin", "*"},
                                       {"Access-Control-Allow-Headers", "content-type"}},
                                      {}},
                        CorsResponse {200, {{"Access-Control-Allow-Origin", O.toUtf8()}}, {}}};
        QList<CorsHop> hops {CorsHop {c.request.url, c.preflight, c.actual}, second};
        auto e = evaluateCors(c.request, hops);
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::Fail));
        QCOMPARE(toString(e.stage), toString(CorsStage::Actual));
        QCOMPARE(
            e.chromiumMessage,
            u"Access to XMLHttpRequest at "
            u"'https://other.example.net/cds-services/patient-greeting' (redirected "
            u"from 'https://cds.example.org/cds-services/patient-greeting') from origin "
            u"'https://sandbox.cds-hooks.org' has been blocked by CORS policy: The "
            u"'Access-Control-Allow-Origin' "
            u"header has a value 'https://sandbox.cds-hooks.org' that is not equal to the supplied origin."_s);
        hops[1].response.headers = {{"Access-Control-Allow-Origin", "*"}};
        QCOMPARE(toString(evaluateCors(c.request, hops).verdict), toString(CorsVerdict::Pass));
        hops[0].response.headers.removeFirst(); // the 307 itself needs ACAO
        hops[0].response.headers.removeFirst();
        e = evaluateCors(c.request, hops);
        QCOMPARE(toString(e.stage), toString(CorsStage::Redirect));
    }

    void insecurePublicPageCannotReachLoopback()
    {
        Case c = defaults();
        c.request.origin = u"http://sandbox.example.org"_s;
        c.request.url = QUrl(u"http://127.0.0.1:3000/cds-services"_s);
        const auto e = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(e.stage), toString(CorsStage::LocalNetwork));
        QCOMPARE(e.chromiumReason,
                 u"The request client is not a secure context and the resource is in more-private "
                 u"address space `loopback`."_s);
        c.request.origin
            = u"http://127.0.0.1:8080"_s; // Sandbox run locally: no LNA, CORS still applies
        const auto local = evaluateCors(c.request, c.preflight, c.actual);
        QCOMPARE(toString(local.stage), toString(CorsStage::Preflight));
    }

    void sameOriginSkipsCors()
    {
        Case c = defaults();
        c.request.url = QUrl(u"https://sandbox.cds-hooks.org/cds-services"_s);
        const auto e = evaluateCors(c.request, std::nullopt, CorsResponse {500, {}, {}});
        QCOMPARE(toString(e.verdict), toString(CorsVerdict::Pass));
        QVERIFY(!e.crossOrigin);
        QVERIFY(!e.preflightRequired);
    }

    void unsafeHeaders()
    {
        QCOMPARE(unsafeHeaderNames({{"Content-Type", "application/json"},
                                    {"Authorization", "x"},
                                    {"Accept", "application/json"},
                                    {"X-B", "1"},
                                    {"x-b", "2"},
                                    {"Origin", "o"}}),
                 (QList<QByteArray> {"authorization", "content-type", "x-b"}));
        QVERIFY(unsafeHeaderNames(
                    {{"Content-Type", "text/plain;charset=utf-8"}, {"Range", "bytes=0-9"}})
                    .isEmpty());
        QCOMPARE(unsafeHeaderNames({{"Accept", "text/(x)"}}), QList<QByteArray> {"accept"});
        QCOMPARE(unsafeHeaderNames({{"Accept", QByteArray(600, 'a')},
                                    {"Accept-Language", QByteArray(100, 'b')},
                                    {"Content-Language", QByteArray(100, 'c')}}),
                 QList<QByteArray> {"accept"}); // > 128 bytes
        QCOMPARE(normalizeMethod("patch"), QByteArray("patch"));
        QCOMPARE(normalizeMethod("put"), QByteArray("PUT"));
        CorsRequest simple;
        simple.url = QUrl(u"https://x.example/a"_s);
        simple.method = "GET";
        simple.headers = {{"Accept", "application/json"}};
        QVERIFY(!needsPreflight(simple));
        simple.headers.append(HeaderLine {"Authorization", "Bearer x"});
        QVERIFY(needsPreflight(simple));
    }

    void preflightAsChromiumSendsIt()
    {
        Case c = defaults();
        const WireRequest wire = preflightRequestFor(c.request);
        QCOMPARE(wire.method, QByteArray("OPTIONS"));
        QCOMPARE(wire.url, c.request.url);
        const HeaderLines expected {
            {"Accept", "*/*"},
            {"Access-Control-Request-Method", "POST"},
            {"Access-Control-Request-Headers", "authorization,content-type"},
            {"Origin", "https://sandbox.cds-hooks.org"},
            {"Referer", "https://sandbox.cds-hooks.org/"},
            {"Sec-Fetch-Mode", "cors"},
            {"Sec-Fetch-Site", "cross-site"},
            {"Sec-Fetch-Dest", "empty"},
            {"User-Agent", chromiumUserAgent()},
            {"Accept-Encoding", "gzip, deflate, br, zstd"},
            {"Accept-Language", "en-US,en;q=0.9"}};
        QCOMPARE(wire.headers, expected);
        for (const auto &line : wire.headers)
            QVERIFY(line.name.toLower() != "authorization" && line.name.toLower() != "cookie");
        // Discovery: GET with Authorization only.
        c.request.method = "get";
        c.request.headers = {{"Accept", "application/json"}, {"Authorization", "Bearer x"}};
        const WireRequest discovery = preflightRequestFor(c.request);
        QCOMPARE(headerGet(discovery.headers, "access-control-request-method"), QByteArray("GET"));
        QCOMPARE(headerGet(discovery.headers, "access-control-request-headers"),
                 QByteArray("authorization"));
        // Actual request carries the author headers plus Origin.
        const WireRequest actual = actualRequestFor(defaults().request);
        QCOMPARE(headerGet(actual.headers, "authorization"), QByteArray("Bearer eyJ.x.y"));
        QCOMPARE(headerGet(actual.headers, "origin"), QByteArray("https://sandbox.cds-hooks.org"));
    }

    void addressSpaces()
    {
        QCOMPARE(toString(classifyHost(u"127.0.0.1"_s)), toString(AddressSpace::Loopback));
        QCOMPARE(toString(classifyHost(u"::1"_s)), toString(AddressSpace::Loopback));
        QCOMPARE(toString(classifyHost(u"localhost"_s)), toString(AddressSpace::Loopback));
        QCOMPARE(toString(classifyHost(u"10.1.2.3"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"172.20.0.1"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"172.32.0.1"_s)), toString(AddressSpace::Public));
        QCOMPARE(toString(classifyHost(u"192.168.1.20"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"fd00::1"_s)), toString(AddressSpace::Local));
        QCOMPARE(toString(classifyHost(u"2001:db8::1"_s)), toString(AddressSpace::Public));
        QCOMPARE(toString(classifyHost(u"8.8.8.8"_s)), toString(AddressSpace::Public));
        QCOMPARE(serializeOrigin(QUrl(u"https://Sandbox.CDS-hooks.org:443/x?y"_s)),
                 u"https://sandbox.cds-hooks.org"_s);
        QCOMPARE(serializeOrigin(QUrl(u"http://[::1]:3000/"_s)), u"http://[::1]:3000"_s);
    }
};

QTEST_GUILESS_MAIN(TestCorsEvaluator)
#include "tst_corsevaluator.moc"
