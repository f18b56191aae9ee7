// The mock SMART authorization server over loopback HTTP: configuration, the EHR launch with
// PKCE, the token response carrying patient/encounter/appContext, introspection, and the
// bundled demo app's safety properties.
#include "httpclient.h"

#include "servers/embeddedservers.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using hb::servers::EmbeddedServers;

namespace {
const QString redirect = u"http://127.0.0.1:9/callback"_s;
const QByteArray verifier = "a-long-enough-pkce-code-verifier-0123456789abcdef";

QByteArray challenge()
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray form(const QList<QPair<QString, QString>> &items)
{
    QUrlQuery query;
    for (const auto &[k, v] : items)
        query.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
    return query.toString(QUrl::FullyEncoded).toUtf8();
}
} // namespace

class TestSmartLaunch : public QObject
{
    Q_OBJECT

private:
    EmbeddedServers servers;

    QUrlQuery authorize(const QString &launch, const QString &aud, const QString &scope)
    {
        QUrl url(servers.baseUrls().authorize);
        QUrlQuery query;
        for (const auto &[k, v] : QList<QPair<QString, QString>> {
                 {u"response_type"_s, u"code"_s},
                 {u"client_id"_s, u"demo-app"_s},
                 {u"redirect_uri"_s, redirect},
                 {u"scope"_s, scope},
                 {u"state"_s, u"st-42"_s},
                 {u"aud"_s, aud},
                 {u"launch"_s, launch},
                 {u"code_challenge"_s, QString::fromLatin1(challenge())},
                 {u"code_challenge_method"_s, u"S256"_s}})
            query.addQueryItem(k, QString::fromUtf8(QUrl::toPercentEncoding(v)));
        url.setQuery(query);
        const auto result = httpGet(url.toString());
        [&] { QCOMPARE(result.status, 302); }();
        const QUrl location = QUrl::fromEncoded(result.header("Location"));
        [&] { QVERIFY(location.toString().startsWith(redirect)); }();
        return QUrlQuery(location);
    }

    HttpResult token(const QString &code, const QByteArray &codeVerifier = verifier)
    {
        return httpRequest("POST", servers.baseUrls().token,
                           form({{u"grant_type"_s, u"authorization_code"_s},
                                 {u"code"_s, code},
                                 {u"redirect_uri"_s, redirect},
                                 {u"client_id"_s, u"demo-app"_s},
                                 {u"code_verifier"_s, QString::fromLatin1(codeVerifier)}}),
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(servers.start()); }

    void smartConfiguration()
    {
        const auto result = httpGet(servers.baseUrls().smartConfiguration);
        QCOMPARE(result.status, 200);
        const auto config = result.json();
        QCOMPARE(config[u"authorization_endpoint"_s].toString(), servers.baseUrls().authorize);
        QCOMPARE(config[u"token_endpoint"_s].toString(), servers.baseUrls().token);
        QCOMPARE(config[u"introspection_endpoint"_s].toString(), servers.baseUrls().introspect);
        QVERIFY(config[u"capabilities"_s].toArray().contains(u"launch-ehr"_s));
        QVERIFY(config[u"code_challenge_methods_supported"_s].toArray().contains(u"S256"_s));
    }

    void ehrLaunchTokenExchange()
    {
        const QString appContext = u"{\"order\":\"ServiceRequest/img1\",\"rating\":\"x\"}"_s;
        const QString launch = servers.createLaunch(u"pt-george-lindqvist"_s,
                                                    u"enc-george-lindqvist-1"_s, appContext);
        const QUrlQuery back
            = authorize(launch, servers.baseUrls().fhir, u"launch openid patient/*.read"_s);
        QCOMPARE(back.queryItemValue(u"state"_s), u"st-42"_s);
        const QString code = back.queryItemValue(u"code"_s, QUrl::FullyDecoded);
        QVERIFY(!code.isEmpty());

        const auto result = token(code);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Cache-Control"), QByteArray("no-store"));
        const auto json = result.json();
        QCOMPARE(json[u"token_type"_s].toString(), u"Bearer"_s);
        QCOMPARE(json[u"patient"_s].toString(), u"pt-george-lindqvist"_s);
        QCOMPARE(json[u"encounter"_s].toString(), u"enc-george-lindqvist-1"_s);
        QCOMPARE(json[u"appContext"_s].toString(), appContext); // exactly as the card supplied it
        QCOMPARE(json[u"scope"_s].toString(), u"launch openid patient/*.read"_s);

        // The app's token reads its patient and nothing else; the audit names the app.
        const QString access = json[u"access_token"_s].toString();
        QCOMPARE(
            httpGet(servers.baseUrls().fhir + u"/Patient/pt-george-lindqvist"_s, access).status,
            200);
        QCOMPARE(httpGet(servers.baseUrls().fhir + u"/Patient/pt-hana-sato"_s, access).status, 403);
        QTRY_COMPARE(servers.audit().size(), 2);
        QCOMPARE(servers.audit().first().subject, u"demo-app"_s);
        QCOMPARE(servers.audit().first().scope, u"patient/*.read"_s);

        // Codes are single use.
        const auto again = token(code);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.json()[u"error"_s].toString(), u"invalid_grant"_s);

        // Introspection.
        const auto active
            = httpRequest("POST", servers.baseUrls().introspect, form({{u"token"_s, access}}),
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(active.json()[u"active"_s].toBool(), true);
        QCOMPARE(active.json()[u"patient"_s].toString(), u"pt-george-lindqvist"_s);
        const auto inactive
            = httpRequest("POST", servers.baseUrls().introspect, form({{u"token"_s, u"junk"_s}}),
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(inactive.json()[u"active"_s].toBool(), false);
    }

    void browserFormEncodingIsUnderstood()
    {
        // URLSearchParams (the demo app, most SMART libraries) encodes spaces as '+'.
        const QString launch = servers.createLaunch(u"pt-hana-sato"_s, {}, {});
        const QString url = servers.baseUrls().authorize
            + u"?response_type=code&client_id=demo-app&redirect_uri="_s
            + QString::fromLatin1(QUrl::toPercentEncoding(redirect))
            + u"&scope=launch+openid+patient%2F*.read&state=s%2Bt&launch="_s + launch;
        const auto result = httpGet(url);
        QCOMPARE(result.status, 302);
        const QUrlQuery back(QUrl::fromEncoded(result.header("Location")));
        QCOMPARE(back.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"s+t"_s);
        const auto exchange = httpRequest(
            "POST", servers.baseUrls().token,
            "grant_type=authorization_code&client_id=demo-app&redirect_uri="
                + QUrl::toPercentEncoding(redirect) + "&code="
                + QUrl::toPercentEncoding(back.queryItemValue(u"code"_s, QUrl::FullyDecoded)),
            {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(exchange.status, 200);
        QCOMPARE(exchange.json()[u"scope"_s].toString(), u"launch openid patient/*.read"_s);
        QCOMPARE(httpGet(servers.baseUrls().fhir + u"/Patient/pt-hana-sato"_s,
                         exchange.json()[u"access_token"_s].toString())
                     .status,
                 200);
    }

    void pkceMismatchIsRefused()
    {
        const QString launch = servers.createLaunch(u"pt-hana-sato"_s, {}, {});
        const QString code = authorize(launch, servers.baseUrls().fhir, u"launch patient/*.read"_s)
                                 .queryItemValue(u"code"_s, QUrl::FullyDecoded);
        const auto result = token(code, "wrong-verifier");
        QCOMPARE(result.status, 400);
        QCOMPARE(result.json()[u"error"_s].toString(), u"invalid_grant"_s);
    }

    void authorizeErrorsGoBackToTheApp()
    {
        // An unregistered app without a valid EHR launch is not vouched for: the server answers
        // itself instead of redirecting (tst_authrestrictions has the rest).
        const auto unknown = httpGet(servers.baseUrls().authorize
                                     + u"?response_type=code&client_id=demo-app&scope=launch"
                                       u"&launch=no-such-launch&redirect_uri="_s
                                     + QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        QCOMPARE(unknown.status, 400);
        QCOMPARE(unknown.json()[u"error"_s].toString(), u"invalid_request"_s);
        const QString launch = servers.createLaunch(u"pt-hana-sato"_s, {}, {});
        const auto wrongAud = authorize(launch, u"https://other.example/fhir"_s, u"launch"_s);
        QCOMPARE(wrongAud.queryItemValue(u"error"_s), u"invalid_request"_s);
        // Without a usable redirect_uri the server answers itself instead of redirecting.
        const auto noRedirect
            = httpGet(servers.baseUrls().authorize + u"?response_type=code&client_id=x"_s);
        QCOMPARE(noRedirect.status, 400);
        QCOMPARE(noRedirect.json()[u"error"_s].toString(), u"invalid_request"_s);
        const auto badGrant = httpRequest("POST", servers.baseUrls().token, "grant_type=password",
                                          {{"Content-Type", "application/x-www-form-urlencoded"}});
        QCOMPARE(badGrant.status, 400);
        QCOMPARE(badGrant.json()[u"error"_s].toString(), u"unsupported_grant_type"_s);
    }

    void demoAppIsServedInertly()
    {
        const auto page = httpGet(servers.baseUrls().smartApp);
        QCOMPARE(page.status, 200);
        QVERIFY(page.header("Content-Type").startsWith("text/html"));
        QVERIFY(page.header("Content-Security-Policy").contains("script-src 'self'"));
        QVERIFY(page.body.contains("<script src=\"app.js\""));
        QCOMPARE(page.body.count("<script"), 1); // no inline script
        const QString base = servers.baseUrls().smartApp.section(u'/', 0, -2);
        const auto script = httpGet(base + u"/app.js"_s);
        QCOMPARE(script.status, 200);
        QVERIFY(script.body.contains("textContent"));
        for (const char *sink :
             {"innerHTML", "outerHTML", "eval(", "document.write", "new Function"})
            QVERIFY2(!script.body.contains(sink), sink);
        QCOMPARE(httpGet(base + u"/missing.js"_s).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestSmartLaunch)
#include "tst_smartlaunch.moc"
