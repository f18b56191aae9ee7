// Remote FHIR sources end to end over loopback: a second embedded EHR plays the "remote" server
// (its own tokens, 134 patients), Hookbench reads it with a bearer token or SMART Backend
// Services, and services reach it only through the access-audit proxy.
#include "fhir/fhirclient.h"
#include "fhir/fhirsource.h"
#include "servers/fhirproxy.h"
#include "session/clienttrust.h"
#include "session/workbench.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

namespace {

// 120 extra patients (family "Pagingtest"), so paging has to follow next links.
QString writeManyPatients(const QString &dir)
{
    QJsonArray entries;
    for (int i = 0; i < 120; ++i) {
        const QString id = u"many-%1"_s.arg(i, 3, 10, QChar(u'0'));
        entries.append(QJsonObject {
            {u"resource"_s,
             QJsonObject {{u"resourceType"_s, u"Patient"_s},
                          {u"id"_s, id},
                          {u"name"_s,
                           QJsonArray {QJsonObject {{u"family"_s, u"Pagingtest"_s},
                                                    {u"given"_s, QJsonArray {u"P%1"_s.arg(i)}}}}},
                          {u"gender"_s, i % 2 ? u"female"_s : u"male"_s},
                          {u"birthDate"_s, u"1980-01-%1"_s.arg(1 + i % 28, 2, 10, QChar(u'0'))}}}});
    }
    const QString path = dir + u"/many-patients.json"_s;
    QSaveFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(QJsonDocument(QJsonObject {{u"resourceType"_s, u"Bundle"_s},
                                          {u"type"_s, u"collection"_s},
                                          {u"entry"_s, entries}})
                   .toJson(QJsonDocument::Compact));
    file.commit();
    return path;
}

bool hasHeader(const net::Exchange &exchange, const QByteArray &name, const QByteArray &value)
{
    for (const auto &line : exchange.requestHeaders) {
        if (line.name.compare(name, Qt::CaseInsensitive) == 0 && line.value == value)
            return true;
    }
    return false;
}

} // namespace

class TestFhirSources : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<session::Workbench> m_bench;
    std::unique_ptr<servers::EmbeddedServers> m_remote;
    core::ServiceRegistry m_registry;
    QString m_remoteToken; ///< a token of the remote server, as a user would paste it

    QUrl remoteFhir() const { return QUrl(m_remote->baseUrls().fhir); }

    fhir::FhirSource bearerSource(const QString &token) const
    {
        fhir::FhirSource source;
        source.base = remoteFhir();
        source.auth = fhir::FhirAuth::Bearer;
        source.token = token;
        return source;
    }

    session::InvocationResult fire(const QString &serviceId, const QString &hook,
                                   const QString &patientId, session::InvocationOptions options)
    {
        const auto service = m_registry.find(serviceId, hook);
        if (!service)
            qFatal("service not discovered");
        session::EhrState state;
        state.patientId = patientId;
        options.fhirServer = m_bench->fhirBase();
        return m_bench->invoker()->invokeAndWait(m_bench->embeddedDiscovery(), *service, state,
                                                 options);
    }

    QList<servers::AuditEntry> remoteAuditSince(qsizetype before) const
    {
        return m_remote->audit().mid(before);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_bench = std::make_unique<session::Workbench>();
        QString error;
        QVERIFY2(m_bench->start(&error), qPrintable(error));
        const auto discovery = m_bench->client()->discoverAndWait(m_bench->embeddedDiscovery());
        QVERIFY2(discovery.document, qPrintable(discovery.error));
        m_registry.addAll(*discovery.document);

        // The "remote" server: tokens required, trusts Hookbench's keys for Backend Services.
        m_remote = std::make_unique<servers::EmbeddedServers>();
        servers::ServerOptions options;
        options.bundleFiles = {writeManyPatients(m_dir.path())};
        m_remote->setOptions(options);
        const auto trust = session::clientTrustFor(m_bench->keys().dir(), {});
        m_remote->setClientAssertionVerifier(trust.assertions);
        QVERIFY2(m_remote->start(&error), qPrintable(error));
        m_remote->registerServiceClient({u"remote-user"_s, {u"user/*.read"_s}});
        const auto grant
            = m_remote->issueServiceToken(u"remote-user"_s, {u"user/*.read"_s}, {}, 3600);
        QCOMPARE(grant.status, servers::TokenGrant::Status::Granted);
        m_remoteToken = grant.accessToken;
    }

    void cleanup() { QVERIFY(m_bench->setFhirSource({})); }

    void capabilityStatementIsR4WithSmartSecurity()
    {
        QVERIFY(m_bench->setFhirSource(bearerSource(m_remoteToken)));
        const auto report = m_bench->fhirClient()->capabilitiesAndWait();
        QVERIFY2(report.ok(), qPrintable(report.problems.join(u"; "_s)));
        QCOMPARE(report.fhirVersion, u"4.0.1"_s);
        QVERIFY(report.smartOnFhir);
        QCOMPARE(report.tokenUrl, m_remote->baseUrls().token);
    }

    void bearerSourceServesPrefetchAndTheServiceOnlySeesTheProxy()
    {
        QVERIFY(m_bench->setFhirSource(bearerSource(m_remoteToken)));
        QVERIFY(m_bench->fhirProxy());
        const QUrl proxy = m_bench->fhirProxy()->baseUrl();
        const qsizetype remoteBefore = m_remote->audit().size();
        const auto logBefore = m_bench->log()->exchanges().size();

        // Prefetch from the remote server, with the real token, in the exchange log as `fhir`.
        const auto result = fire(u"patient-greeting"_s, u"patient-view"_s, u"many-007"_s, {});
        QCOMPARE(result.call.status(), 200);
        const QJsonObject sent = result.call.requestBody;
        QCOMPARE(sent[u"prefetch"_s][u"patient"_s][u"id"_s].toString(), u"many-007"_s);
        QCOMPARE(sent[u"fhirServer"_s].toString(), proxy.toString());
        const QString serviceToken = sent[u"fhirAuthorization"_s][u"access_token"_s].toString();
        QVERIFY(!serviceToken.isEmpty());
        QVERIFY(serviceToken != m_remoteToken);
        QVERIFY(!QJsonDocument(sent).toJson().contains(m_remoteToken.toUtf8()));

        bool prefetchLogged = false;
        const auto exchanges = m_bench->log()->exchanges().mid(logBefore);
        for (const auto &exchange : exchanges) {
            if (exchange.kind == u"fhir" && exchange.note.startsWith(u"prefetch key"_s)) {
                prefetchLogged = true;
                QVERIFY(exchange.url.toString().startsWith(remoteFhir().toString()));
                QVERIFY(hasHeader(exchange, "Authorization", "Bearer " + m_remoteToken.toUtf8()));
                // A remote server may compress its Bundles (tst_transport decodes them).
                QVERIFY(hasHeader(exchange, "Accept-Encoding", "gzip, deflate"));
            }
        }
        QVERIFY(prefetchLogged);
        const auto remoteAudit = remoteAuditSince(remoteBefore);
        QVERIFY(!remoteAudit.isEmpty());
        for (const auto &entry : remoteAudit)
            QCOMPARE(entry.subject, u"remote-user"_s);
    }

    void withoutPrefetchTheServiceReadsThroughTheProxy()
    {
        QVERIFY(m_bench->setFhirSource(bearerSource(m_remoteToken)));
        const QString proxy = m_bench->fhirProxy()->baseUrl().toString();
        const qsizetype remoteBefore = m_remote->audit().size();
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        const auto result = fire(u"patient-greeting"_s, u"patient-view"_s, u"many-042"_s, options);
        QCOMPARE(result.call.status(), 200);
        QVERIFY(!result.serviceReads.isEmpty());
        for (const auto &read : result.serviceReads) {
            QVERIFY2(read.url.startsWith(proxy), qPrintable(read.url));
            QCOMPARE(read.subject, u"patient-greeting"_s);
            QCOMPARE(read.status, 200);
        }
        // The proxy forwarded with the source's credentials, not the service's token.
        const auto remoteAudit = remoteAuditSince(remoteBefore);
        QVERIFY(!remoteAudit.isEmpty());
        QCOMPARE(remoteAudit.last().subject, u"remote-user"_s);
        QVERIFY(remoteAudit.last().url.contains(u"many-042"_s));
        // The card names the remote patient, so the data really came from there.
        QVERIFY(!result.call.cdsResponse->cards.isEmpty());
        const auto &card = result.call.cdsResponse->cards.first();
        QVERIFY2((card.summary + card.detail).contains(u"P42"_s), qPrintable(card.summary));
    }

    void passRealTokenThroughGivesTheServiceTheSource()
    {
        auto source = bearerSource(m_remoteToken);
        source.passRealToken = true;
        QVERIFY(m_bench->setFhirSource(source));
        QVERIFY(!m_bench->fhirProxy());
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        const auto result = fire(u"patient-greeting"_s, u"patient-view"_s, u"many-001"_s, options);
        const QJsonObject sent = result.call.requestBody;
        QCOMPARE(sent[u"fhirServer"_s].toString(), remoteFhir().toString());
        QCOMPARE(sent[u"fhirAuthorization"_s][u"access_token"_s].toString(), m_remoteToken);
        QCOMPARE(result.call.status(), 200);
    }

    void backendServicesSourceGetsATokenWithHookbenchsKey()
    {
        fhir::FhirSource source;
        source.base = remoteFhir();
        source.auth = fhir::FhirAuth::BackendServices;
        source.clientId = u"hookbench-backend"_s;
        QVERIFY(m_bench->setFhirSource(source));
        const qsizetype remoteBefore = m_remote->audit().size();
        const auto logBefore = m_bench->log()->exchanges().size();
        const auto set = m_bench->fhirClient()->searchAndWait(
            u"Patient"_s, {{u"family"_s, u"Pagingtest"_s}}, {100, 5, 1000});
        QVERIFY2(set.ok(), qPrintable(set.last.error));
        QCOMPARE(set.resources.size(), 120);
        bool tokenCall = false;
        for (const auto &exchange : m_bench->log()->exchanges().mid(logBefore)) {
            if (exchange.kind == u"token") {
                tokenCall = true;
                QCOMPARE(exchange.status, 200);
                QCOMPARE(exchange.url.toString(), m_remote->baseUrls().token);
                QVERIFY(exchange.requestBody.contains("grant_type=client_credentials"));
                QVERIFY(exchange.requestBody.contains("client_assertion="));
            }
        }
        QVERIFY(tokenCall);
        const auto audit = remoteAuditSince(remoteBefore);
        QCOMPARE(audit.size(), 2); // two pages, one token for both
        QCOMPARE(audit.first().subject, u"hookbench-backend"_s);
        QCOMPARE(audit.first().scope, u"system/*.read"_s);

        // And services still get through the proxy with the Backend Services token behind it.
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        const auto result = fire(u"patient-greeting"_s, u"patient-view"_s, u"many-003"_s, options);
        QCOMPARE(result.call.status(), 200);
        QVERIFY(!result.serviceReads.isEmpty());
        QCOMPARE(m_remote->audit().last().subject, u"hookbench-backend"_s);
    }

    void backendServicesWithAForgedAssertionIsRefusedClearly()
    {
        // The remote server refuses assertions when it trusts no key: the error says why.
        servers::EmbeddedServers untrusting;
        QString error;
        QVERIFY2(untrusting.start(&error), qPrintable(error));
        fhir::FhirSource source;
        source.base = QUrl(untrusting.baseUrls().fhir);
        source.auth = fhir::FhirAuth::BackendServices;
        source.clientId = u"hookbench-backend"_s;
        QVERIFY(m_bench->setFhirSource(source));
        const auto response = m_bench->fhirClient()->getAndWait(u"Patient/pt-eli-brooks"_s);
        QCOMPARE(response.failure, fhir::FhirFailure::Authorization);
        QVERIFY2(response.error.contains(u"invalid_client"_s), qPrintable(response.error));
        QVERIFY2(response.error.contains(u"token endpoint"_s), qPrintable(response.error));
    }

    void pagingFollowsNextLinksOver120Patients()
    {
        QVERIFY(m_bench->setFhirSource(bearerSource(m_remoteToken)));
        const auto set = m_bench->fhirClient()->searchAndWait(
            u"Patient"_s, {{u"family"_s, u"Pagingtest"_s}}, {25, 20, 1000});
        QVERIFY2(set.ok(), qPrintable(set.last.error));
        QCOMPARE(set.total, 120);
        QCOMPARE(set.pages, 5);
        QCOMPARE(set.resources.size(), 120);
        QCOMPARE(set.resources.at(119)[u"resourceType"_s].toString(), u"Patient"_s);
        QSet<QString> ids;
        for (const auto &patient : set.resources)
            ids.insert(patient[u"id"_s].toString());
        QCOMPARE(ids.size(), 120);

        // Page by page, as the patient picker does.
        auto page = m_bench->fhirClient()->searchPageAndWait(u"Patient"_s,
                                                             {{u"family"_s, u"Pagingtest"_s}}, 50);
        QCOMPARE(page.resources.size(), 50);
        QVERIFY(!page.next.isEmpty());
        page = m_bench->fhirClient()->pageAndWait(page.next);
        QCOMPARE(page.resources.size(), 50);
        page = m_bench->fhirClient()->pageAndWait(page.next);
        QCOMPARE(page.resources.size(), 20);
        QVERIFY(page.next.isEmpty());

        // A limit stops it and says so.
        const auto capped = m_bench->fhirClient()->searchAndWait(
            u"Patient"_s, {{u"family"_s, u"Pagingtest"_s}}, {25, 2, 1000});
        QVERIFY(capped.truncated);
        QCOMPARE(capped.resources.size(), 50);
    }

    void pagingThroughTheProxyStaysOnTheProxy()
    {
        QVERIFY(m_bench->setFhirSource(bearerSource(m_remoteToken)));
        const auto grant = m_bench->servers()->issueServiceToken(u"paging-service"_s,
                                                                 {u"user/Patient.read"_s}, {});
        fhir::FhirClient viaProxy(m_bench->transport(), nullptr, m_bench->fhirProxy()->baseUrl());
        const QByteArray header = "Bearer " + grant.accessToken.toUtf8();
        viaProxy.setAuthorization([header](auto done) { done(header, {}); });
        const auto set
            = viaProxy.searchAndWait(u"Patient"_s, {{u"family"_s, u"Pagingtest"_s}}, {40, 10, 500});
        QVERIFY2(set.ok(), qPrintable(set.last.error));
        QCOMPARE(set.resources.size(), 120);
        QCOMPARE(set.pages, 3);
    }

    void unauthorizedSourceGivesAClearError()
    {
        QVERIFY(m_bench->setFhirSource(bearerSource(u"not-a-token-of-this-server"_s)));
        const auto set = m_bench->fhirClient()->searchAndWait(u"Patient"_s, {}, {});
        QVERIFY(!set.ok());
        QCOMPARE(set.last.status, 401);
        QCOMPARE(set.last.failure, fhir::FhirFailure::Unauthorized);
        QVERIFY2(set.last.error.contains(u"401"_s), qPrintable(set.last.error));
        QVERIFY2(set.last.error.contains(u"unknown bearer token"_s), qPrintable(set.last.error));
        QVERIFY2(set.last.error.contains(u"token"_s), qPrintable(set.last.error));

        // The prefetch report carries the refusal, and the service is still called.
        const auto result = fire(u"patient-greeting"_s, u"patient-view"_s, u"many-001"_s, {});
        QVERIFY(!result.prefetch.isEmpty());
        QCOMPARE(result.prefetch.first().status, 401);
        QVERIFY2(result.prefetch.first().outcome.reason.contains(u"401 Unauthorized"_s),
                 qPrintable(result.prefetch.first().outcome.reason));
        QCOMPARE(result.call.requestBody[u"prefetch"_s][u"patient"_s][u"resourceType"_s].toString(),
                 u"OperationOutcome"_s);
    }

    void outOfScopeReadsAreRefusedByTheProxyAndAudited()
    {
        QVERIFY(m_bench->setFhirSource(bearerSource(m_remoteToken)));
        const QString proxy = m_bench->fhirProxy()->baseUrl().toString();
        const auto grant = m_bench->servers()->issueServiceToken(
            u"narrow-service"_s, {u"patient/Patient.read"_s}, u"many-010"_s);
        QCOMPARE(grant.status, servers::TokenGrant::Status::Granted);
        fhir::FhirClient service(m_bench->transport(), nullptr, QUrl(proxy));
        const QByteArray header = "Bearer " + grant.accessToken.toUtf8();
        service.setAuthorization([header](auto done) { done(header, {}); });
        const qsizetype auditBefore = m_bench->servers()->audit().size();
        const qsizetype remoteBefore = m_remote->audit().size();

        QCOMPARE(service.getAndWait(u"Patient/many-010"_s).status, 200); // in scope
        const auto otherType = service.getAndWait(u"Observation?patient=many-010"_s);
        QCOMPARE(otherType.status, 403);
        QVERIFY2(otherType.error.contains(u"out of scope"_s), qPrintable(otherType.error));
        QCOMPARE(service.getAndWait(u"Patient/many-011"_s).status, 403); // another patient
        QCOMPARE(service.getAndWait(u"Patient?_id=many-012"_s).status, 403);
        const auto confined = service.searchAndWait(u"Patient"_s, {}, {});
        QCOMPARE(confined.resources.size(), 1); // the proxy confines the search to many-010
        QCOMPARE(confined.resources.first()[u"id"_s].toString(), u"many-010"_s);
        QCOMPARE(fhir::FhirClient(m_bench->transport(), nullptr, QUrl(proxy))
                     .getAndWait(u"Patient/many-010"_s)
                     .status,
                 401); // no token at all

        const auto audit = m_bench->servers()->audit().mid(auditBefore);
        QCOMPARE(audit.size(), 6);
        int refused = 0;
        for (const auto &entry : audit) {
            QVERIFY(entry.url.startsWith(proxy));
            if (entry.status == 403) {
                ++refused;
                QCOMPARE(entry.subject, u"narrow-service"_s);
                QVERIFY2(entry.outcome.startsWith(u"out of scope"_s), qPrintable(entry.outcome));
                QVERIFY(entry.scope.isEmpty() || entry.scope == u"patient/Patient.read"_s);
            }
        }
        QCOMPARE(refused, 3);
        QCOMPARE(audit.last().outcome, u"missing bearer token"_s);
        // Refused type-level requests never reached the remote server; the other patient's read
        // did (the compartment is only known from the resource) but was not passed on.
        const auto remote = remoteAuditSince(remoteBefore);
        for (const auto &entry : remote)
            QVERIFY2(!entry.url.contains(u"Observation"_s), qPrintable(entry.url));
    }

    void nextLinksToAnotherOriginAreNotFollowed()
    {
        fhir::FhirClient client(m_bench->transport(), nullptr, QUrl(u"http://127.0.0.1:1/fhir"_s));
        fhir::FhirResponse response;
        response.status = 200;
        response.resource = QJsonObject {
            {u"resourceType"_s, u"Bundle"_s},
            {u"type"_s, u"searchset"_s},
            {u"link"_s,
             QJsonArray {QJsonObject {{u"relation"_s, u"next"_s},
                                      {u"url"_s, u"http://127.0.0.2:1/fhir/Patient?page=2"_s}}}}};
        const auto page = client.pageFrom(response);
        QVERIFY(page.next.isEmpty());
        QVERIFY(page.warning.contains(u"another origin"_s));
        const auto sent = client.getAndWait(u"http://127.0.0.2:1/fhir/Patient"_s);
        QCOMPARE(sent.failure, fhir::FhirFailure::Usage);
        QCOMPARE(sent.exchangeId, 0u);
    }

    void unusableSourcesAreRefused()
    {
        fhir::FhirSource source;
        source.base = QUrl(u"ftp://example.org/fhir"_s);
        QString error;
        QVERIFY(!m_bench->setFhirSource(source, &error));
        QVERIFY(error.contains(u"http(s)"_s));
        source.base = remoteFhir();
        source.auth = fhir::FhirAuth::BackendServices;
        QVERIFY(!m_bench->setFhirSource(source, &error));
        QVERIFY(error.contains(u"client id"_s));
    }
};

QTEST_GUILESS_MAIN(TestFhirSources)
#include "tst_fhirsources.moc"
