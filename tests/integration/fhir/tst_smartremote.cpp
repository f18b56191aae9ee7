// A SMART app launched for a patient only a remote FHIR source has: `iss` is the source's audit
// proxy, which publishes the embedded authorization server; /authorize accepts the proxy's base
// as `aud` (exactly), and the app's token reads the remote patient through the proxy, which
// forwards with the source's real bearer token and never hands that token to the app. The
// remote is a second embedded EHR on loopback without the built-in data (tests/data/bridge/
// remote-fhir.json: Patient/pt-remote-one), requiring tokens of its own. The flow is the bundled
// context viewer's (resources/apps/context-viewer/app.js), over HTTP.
#include "../servers/httpclient.h"

#include "fhir/fhirsource.h"
#include "servers/fhirproxy.h"
#include "session/workbench.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using namespace hb;

namespace {

const QString RemotePatient = u"pt-remote-one"_s;
const QString AppClientId = u"hookbench-context-viewer"_s;
const QByteArray Verifier = "a-long-enough-pkce-code-verifier-for-the-remote-launch";

QString challenge()
{
    return QString::fromLatin1(
        QCryptographicHash::hash(Verifier, QCryptographicHash::Sha256)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QString encoded(const QString &value)
{
    return QString::fromUtf8(QUrl::toPercentEncoding(value));
}

} // namespace

class TestSmartRemote : public QObject
{
    Q_OBJECT

private:
    session::Workbench m_bench;
    servers::EmbeddedServers m_remote;
    QString m_remoteToken; ///< the source's real credentials
    QList<HttpResult> m_seen; ///< every answer the "app" received

    QString proxy() const { return m_bench.fhirProxy()->baseUrl().toString(); }
    QString appPage() const { return m_bench.servers()->baseUrls().smartApp; }
    QByteArray appOrigin() const
    {
        return QUrl(appPage()).adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString().toUtf8();
    }

    QByteArray proxyOrigin() const
    {
        return QUrl(proxy()).adjusted(QUrl::RemovePath).toString().toUtf8();
    }
    /// The Content-Security-Policy of the bundled app's page.
    QByteArray appPolicy() const { return httpGet(appPage()).header("Content-Security-Policy"); }

    bool useRemote()
    {
        fhir::FhirSource source;
        source.base = QUrl(m_remote.baseUrls().fhir);
        source.auth = fhir::FhirAuth::Bearer;
        source.token = m_remoteToken;
        QString error;
        const bool ok = m_bench.setFhirSource(source, &error);
        if (!ok)
            qWarning() << error;
        return ok && m_bench.fhirProxy();
    }

    HttpResult seen(HttpResult result)
    {
        m_seen.append(result);
        return result;
    }

    /// GET /authorize as the app does (launch, aud, PKCE): the redirect's query.
    QUrlQuery authorize(const QString &aud)
    {
        const QString launch = m_bench.servers()->createLaunch(RemotePatient, {}, {});
        QUrl url(m_bench.servers()->baseUrls().authorize);
        QUrlQuery query;
        for (const auto &[k, v] : QList<QPair<QString, QString>> {
                 {u"response_type"_s, u"code"_s},
                 {u"client_id"_s, AppClientId},
                 {u"redirect_uri"_s, appPage()},
                 {u"scope"_s, u"launch openid fhirUser patient/*.read"_s},
                 {u"state"_s, u"st-remote"_s},
                 {u"aud"_s, aud},
                 {u"launch"_s, launch},
                 {u"code_challenge"_s, challenge()},
                 {u"code_challenge_method"_s, u"S256"_s}})
            query.addQueryItem(k, encoded(v));
        url.setQuery(query);
        const HttpResult result = seen(httpGet(url.toString()));
        if (result.status != 302)
            return {};
        const QUrl location = QUrl::fromEncoded(result.header("Location"));
        if (!location.toString().startsWith(appPage()))
            return {};
        return QUrlQuery(location);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_bench.start(&error), qPrintable(error));
        servers::ServerOptions options;
        options.builtinData = false;
        options.shiftDates = false;
        options.bundleFiles = {QStringLiteral(HOOKBENCH_TEST_DATA "/bridge/remote-fhir.json")};
        m_remote.setOptions(options);
        QVERIFY2(m_remote.start(&error), qPrintable(error));
        m_remote.registerServiceClient({u"remote-user"_s, {u"user/*.read"_s}});
        const auto grant
            = m_remote.issueServiceToken(u"remote-user"_s, {u"user/*.read"_s}, {}, 3600);
        QCOMPARE(grant.status, servers::TokenGrant::Status::Granted);
        m_remoteToken = grant.accessToken;
        QVERIFY(!m_bench.servers()->store().read(u"Patient"_s, RemotePatient));
        QVERIFY(useRemote());
    }

    // What the app discovers at iss is the embedded authorization server, on the app's origin.
    void theProxyPublishesTheEmbeddedAuthorizationServer()
    {
        const auto &embedded = m_bench.servers()->baseUrls();
        const auto config = seen(httpRequest("GET", proxy() + u"/.well-known/smart-configuration"_s,
                                             {}, {{"Origin", appOrigin()}}));
        QCOMPARE(config.status, 200);
        QCOMPARE(config.header("Access-Control-Allow-Origin"), appOrigin());
        QCOMPARE(config.json()[u"authorization_endpoint"_s].toString(), embedded.authorize);
        QCOMPARE(config.json()[u"token_endpoint"_s].toString(), embedded.token);

        const auto metadata = seen(httpGet(proxy() + u"/metadata"_s));
        QCOMPARE(metadata.status, 200);
        const QJsonArray oauth
            = metadata.json()[u"rest"_s][0][u"security"_s][u"extension"_s][0][u"extension"_s]
                  .toArray();
        QStringList uris;
        for (const auto &e : oauth)
            uris << e[u"valueUri"_s].toString();
        QVERIFY2(uris.contains(embedded.authorize) && uris.contains(embedded.token),
                 qPrintable(uris.join(u", "_s)));
        QVERIFY(!metadata.body.contains(m_remote.baseUrls().token.toUtf8()));

        // The app's page may connect to the proxy (its iss), besides its own origin.
        QVERIFY2(appPolicy().contains("connect-src 'self' " + proxyOrigin() + ';'),
                 appPolicy().constData());
    }

    void theAppReadsTheRemotePatientThroughTheProxy()
    {
        const QUrlQuery back = authorize(proxy());
        const QString code = back.queryItemValue(u"code"_s);
        QVERIFY2(!code.isEmpty(), qPrintable(back.toString()));
        QUrlQuery form;
        for (const auto &[k, v] :
             QList<QPair<QString, QString>> {{u"grant_type"_s, u"authorization_code"_s},
                                             {u"code"_s, code},
                                             {u"redirect_uri"_s, appPage()},
                                             {u"client_id"_s, AppClientId},
                                             {u"code_verifier"_s, QString::fromLatin1(Verifier)}})
            form.addQueryItem(k, encoded(v));
        const auto token = seen(httpRequest(
            "POST", m_bench.servers()->baseUrls().token, form.toString(QUrl::FullyEncoded).toUtf8(),
            {{"Content-Type", "application/x-www-form-urlencoded"}, {"Origin", appOrigin()}}));
        QCOMPARE(token.status, 200);
        QCOMPARE(token.json()[u"patient"_s].toString(), RemotePatient);
        const QString accessToken = token.json()[u"access_token"_s].toString();
        QVERIFY(!accessToken.isEmpty());

        const qsizetype remoteBefore = m_remote.audit().size();
        const auto patient = seen(httpRequest("GET", proxy() + u"/Patient/"_s + RemotePatient, {},
                                              {{"Authorization", "Bearer " + accessToken.toUtf8()},
                                               {"Accept", "application/fhir+json"},
                                               {"Origin", appOrigin()}}));
        QCOMPARE(patient.status, 200);
        QCOMPARE(patient.json()[u"id"_s].toString(), RemotePatient);
        QCOMPARE(patient.header("Access-Control-Allow-Origin"), appOrigin());
        // The proxy forwarded with the source's credentials (the remote saw its own user)...
        const auto remoteAudit = m_remote.audit().mid(remoteBefore);
        QCOMPARE(remoteAudit.size(), 1);
        QCOMPARE(remoteAudit.first().subject, u"remote-user"_s);
        // ... and audited the app's read under the app's name.
        QCOMPARE(m_bench.servers()->audit().last().subject, AppClientId);
        // The app's token is not good at the remote itself.
        QCOMPARE(
            httpGet(m_remote.baseUrls().fhir + u"/Patient/"_s + RemotePatient, accessToken).status,
            401);
    }

    void aWrongAudIsRefused()
    {
        for (const QString &aud : {m_remote.baseUrls().fhir, proxy() + u"/"_s, proxy() + u"x"_s,
                                   u"http://127.0.0.1:1/fhir"_s}) {
            const QUrlQuery back = authorize(aud);
            QCOMPARE(back.queryItemValue(u"error"_s), u"invalid_request"_s);
            QVERIFY(back.queryItemValue(u"code"_s).isEmpty());
            QVERIFY2(back.queryItemValue(u"error_description"_s, QUrl::FullyDecoded)
                         .contains(u"is neither this server's FHIR base"_s),
                     qPrintable(back.toString()));
        }
        // A proxy that is gone (another source chosen) is no audience any more.
        const QString old = proxy();
        const QByteArray oldOrigin = proxyOrigin();
        QVERIFY(m_bench.setFhirSource({}));
        QCOMPARE(authorize(old).queryItemValue(u"error"_s), u"invalid_request"_s);
        QVERIFY(appPolicy().contains("connect-src 'self';"));
        QVERIFY(!appPolicy().contains(oldOrigin));
        QVERIFY(useRemote());
        QVERIFY(!authorize(proxy()).queryItemValue(u"code"_s).isEmpty());
    }

    // Nothing the app received (bodies, headers) carries the source's real bearer token.
    void theRemoteTokenNeverReachesTheApp()
    {
        QVERIFY(m_seen.size() >= 6);
        const QByteArray secret = m_remoteToken.toUtf8();
        for (const auto &result : std::as_const(m_seen)) {
            QVERIFY(!result.body.contains(secret));
            for (const auto &[name, value] : result.headers)
                QVERIFY2(!value.contains(secret), name.constData());
        }
    }
};

QTEST_GUILESS_MAIN(TestSmartRemote)
#include "tst_smartremote.moc"
