// The mock SMART authorization server grants no more than a client's registration (issue 16.3):
// a demo service's client id cannot get system/ or user/ scopes from /authorize, a scope outside
// a registration is refused, an unregistered redirect_uri is refused without redirecting, the
// grant policy (ask the user) applies at /authorize too, and the token endpoint and the FHIR
// server do not hand their data to a foreign Origin.
#include "httpclient.h"

#include "servers/embeddedservers.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::servers;

namespace {
const QString appRedirect = u"http://127.0.0.1:9/app/callback"_s;
const QString appOrigin = u"http://127.0.0.1:9"_s;
} // namespace

class TestAuthRestrictions : public QObject
{
    Q_OBJECT

private:
    EmbeddedServers servers;

    HttpResult authorize(const QString &clientId, const QString &redirect, const QString &scope,
                         const QString &launch = {})
    {
        QUrlQuery query;
        query.addQueryItem(u"response_type"_s, u"code"_s);
        query.addQueryItem(u"client_id"_s, clientId);
        query.addQueryItem(u"redirect_uri"_s,
                           QString::fromLatin1(QUrl::toPercentEncoding(redirect)));
        query.addQueryItem(u"scope"_s, QString::fromLatin1(QUrl::toPercentEncoding(scope)));
        query.addQueryItem(u"state"_s, u"st"_s);
        if (!launch.isEmpty())
            query.addQueryItem(u"launch"_s, launch);
        return httpGet(servers.baseUrls().authorize + u'?' + query.toString(QUrl::FullyEncoded));
    }

    static QUrlQuery redirectedTo(const HttpResult &result)
    {
        return QUrlQuery(QUrl::fromEncoded(result.header("Location")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(servers.start(&error), qPrintable(error));
        AppClient app;
        app.clientId = u"registered-app"_s;
        app.scopes = {u"launch"_s, u"openid"_s, u"patient/*.read"_s};
        app.redirectUris = {appRedirect};
        servers.registerAppClient(app);
    }

    // The audit's attack: a demo service's client id asks for everything.
    void demoServiceClientCannotGetBroadScopes()
    {
        for (const QString &scope : {u"system/*.read"_s, u"user/*.cruds"_s}) {
            const HttpResult result
                = authorize(u"renal-dosing"_s, u"https://attacker.example/cb"_s, scope);
            QVERIFY2(!result.header("Location").contains("code="), result.header("Location"));
            QCOMPARE(result.status, 400);
            QCOMPARE(result.json()[u"error"_s].toString(), u"invalid_request"_s);
        }
    }

    void scopeOutsideTheRegistrationIsRefused()
    {
        const HttpResult result
            = authorize(u"registered-app"_s, appRedirect, u"launch openid user/*.cruds"_s);
        QCOMPARE(result.status, 302);
        const QUrlQuery back = redirectedTo(result);
        QVERIFY(!back.hasQueryItem(u"code"_s));
        QCOMPARE(back.queryItemValue(u"error"_s), u"invalid_scope"_s);
        QVERIFY(back.queryItemValue(u"error_description"_s, QUrl::FullyDecoded)
                    .contains(u"user/*.cruds"_s));
        // Within the registration it works.
        const QString launch = servers.createLaunch(u"pt-hana-sato"_s, {}, {});
        const QUrlQuery ok = redirectedTo(
            authorize(u"registered-app"_s, appRedirect, u"launch openid patient/*.read"_s, launch));
        QVERIFY2(ok.hasQueryItem(u"code"_s), qPrintable(ok.toString()));
    }

    void unregisteredRedirectUriIsRefused()
    {
        const HttpResult result = authorize(u"registered-app"_s, u"https://attacker.example/cb"_s,
                                            u"openid patient/*.read"_s);
        QCOMPARE(result.status, 400);
        QVERIFY(result.header("Location").isEmpty());
        QCOMPARE(result.json()[u"error"_s].toString(), u"invalid_request"_s);
        QVERIFY(result.json()[u"error_description"_s].toString().contains(u"redirect_uri"_s));
    }

    // An unregistered client gets nothing without an EHR launch, and with one only what an
    // EHR-launched app may have (patient context, no user/ or system/ scopes).
    void unregisteredClientOnlyWithAnEhrLaunch()
    {
        const HttpResult bare
            = authorize(u"stranger"_s, u"https://attacker.example/cb"_s, u"patient/*.read"_s);
        QCOMPARE(bare.status, 400);
        QVERIFY(!bare.header("Location").contains("code="));
        const QString launch = servers.createLaunch(u"pt-hana-sato"_s, {}, {});
        const QUrlQuery broad = redirectedTo(
            authorize(u"stranger"_s, appRedirect, u"launch system/*.read"_s, launch));
        QCOMPARE(broad.queryItemValue(u"error"_s), u"invalid_scope"_s);
    }

    void askUserPolicyIsHonouredAtAuthorize()
    {
        AppClient app;
        app.clientId = u"careful-app"_s;
        app.scopes = {u"launch"_s, u"patient/*.read"_s};
        app.redirectUris = {appRedirect};
        app.policy = GrantPolicy::AskUser;
        servers.registerAppClient(app);
        const QString launch = servers.createLaunch(u"pt-hana-sato"_s, {}, {});
        const QUrlQuery first = redirectedTo(
            authorize(u"careful-app"_s, appRedirect, u"launch patient/*.read"_s, launch));
        QVERIFY(!first.hasQueryItem(u"code"_s));
        QCOMPARE(first.queryItemValue(u"error"_s), u"consent_required"_s);
        const auto pending = servers.pendingConsents();
        QCOMPARE(pending.size(), 1);
        QCOMPARE(pending.first().clientId, u"careful-app"_s);
        servers.resolveConsent(pending.first().id, true);
        const QUrlQuery second = redirectedTo(
            authorize(u"careful-app"_s, appRedirect, u"launch patient/*.read"_s, launch));
        QVERIFY2(second.hasQueryItem(u"code"_s), qPrintable(second.toString()));
    }

    void foreignOriginIsNotEchoed_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::newRow("fhir read") << QByteArray("GET") << u"/fhir/metadata"_s;
        QTest::newRow("fhir search") << QByteArray("GET") << u"/fhir/Patient"_s;
        QTest::newRow("token") << QByteArray("POST") << u"/auth/token"_s;
        QTest::newRow("introspect") << QByteArray("POST") << u"/auth/introspect"_s;
        QTest::newRow("token preflight") << QByteArray("OPTIONS") << u"/auth/token"_s;
        QTest::newRow("fhir preflight") << QByteArray("OPTIONS") << u"/fhir/Patient"_s;
    }
    void foreignOriginIsNotEchoed()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        const QString url = QUrl(servers.baseUrls().fhir).resolved(QUrl(path)).toString();
        const QList<QPair<QByteArray, QByteArray>> preflight
            = {{"Access-Control-Request-Method", "POST"},
               {"Access-Control-Request-Headers", "authorization"}};
        auto send = [&](const QByteArray &origin) {
            QList<QPair<QByteArray, QByteArray>> headers {{"Origin", origin}};
            if (method == "OPTIONS")
                headers += preflight;
            if (method == "POST")
                headers.append(qMakePair(QByteArray("Content-Type"),
                                         QByteArray("application/x-www-form-urlencoded")));
            return httpRequest(method, url, method == "POST" ? "token=x" : "", headers);
        };
        const HttpResult foreign = send("https://attacker.example");
        QVERIFY2(foreign.header("Access-Control-Allow-Origin").isEmpty(),
                 foreign.header("Access-Control-Allow-Origin"));
        // Hookbench's own origin (the embedded SMART app) and a registered app's origin are
        // allowed.
        const QByteArray own = QUrl(servers.baseUrls().fhir).adjusted(QUrl::RemovePath).toEncoded();
        QCOMPARE(send(own).header("Access-Control-Allow-Origin"), own);
        QCOMPARE(send(appOrigin.toLatin1()).header("Access-Control-Allow-Origin"),
                 appOrigin.toLatin1());
    }

    // The demo CDS services stay callable from the page origin the CDS client emulates (and any
    // other): they hold no data of their own.
    void cdsServicesStayOpen()
    {
        const HttpResult result = httpRequest("GET", servers.baseUrls().cdsServices, {},
                                              {{"Origin", "https://sandbox.cds-hooks.org"}});
        QCOMPARE(result.status, 200);
        QCOMPARE(result.header("Access-Control-Allow-Origin"),
                 QByteArray("https://sandbox.cds-hooks.org"));
    }
};

QTEST_MAIN(TestAuthRestrictions)
#include "tst_authrestrictions.moc"
