// One hook invocation through the whole stack over loopback: the embedded EHR, the client JWT,
// prefetch, the service's token, its fallback reads, the 412 path and token revocation.
#include "session/invocationsummary.h"
#include "session/workbench.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

class TestHookInvocation : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<session::Workbench> m_bench;
    core::ServiceRegistry m_registry;

    session::EhrState patient(const QString &id)
    {
        session::EhrState state;
        state.patientId = id;
        return state;
    }

    session::InvocationResult fire(const QString &serviceId, const QString &hook,
                                   const session::EhrState &state,
                                   session::InvocationOptions options = {})
    {
        if (options.fhirServer.isEmpty())
            options.fhirServer = m_bench->embeddedFhir();
        const auto service = m_registry.find(serviceId, hook);
        if (!service)
            qFatal("service not discovered");
        return m_bench->invoker()->invokeAndWait(m_bench->embeddedDiscovery(), *service, state,
                                                 options);
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_bench = std::make_unique<session::Workbench>();
        QString error;
        QVERIFY2(m_bench->start(&error), qPrintable(error));
        const auto discovery = m_bench->client()->discoverAndWait(m_bench->embeddedDiscovery());
        QVERIFY2(discovery.document, qPrintable(discovery.error));
        m_registry.addAll(*discovery.document);
        QVERIFY(m_registry.size() >= 8);
    }

    void patientViewSendsAFullRequestAndGetsCards()
    {
        const auto result
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-eli-brooks"_s));
        QCOMPARE(result.call.status(), 200);
        QVERIFY(result.call.cdsResponse);
        QVERIFY(!result.call.cdsResponse->cards.isEmpty());

        // The JSON the service received (C3, C4, C6, C7).
        const QJsonObject sent = result.call.requestBody;
        QCOMPARE(sent.value(u"hook"_s).toString(), u"patient-view"_s);
        QVERIFY(QRegularExpression(
                    u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s)
                    .match(sent.value(u"hookInstance"_s).toString())
                    .hasMatch());
        QCOMPARE(sent.value(u"fhirServer"_s).toString(), m_bench->embeddedFhir().toString());
        const QJsonObject auth = sent.value(u"fhirAuthorization"_s).toObject();
        QCOMPARE(auth.value(u"subject"_s).toString(), u"patient-greeting"_s);
        QCOMPARE(auth.value(u"token_type"_s).toString(), u"Bearer"_s);
        QCOMPARE(auth.value(u"patient"_s).toString(), u"pt-eli-brooks"_s);
        QVERIFY(auth.value(u"scope"_s).toString().contains(u"patient/Patient.read"_s));
        QCOMPARE(sent.value(u"context"_s).toObject().value(u"patientId"_s).toString(),
                 u"pt-eli-brooks"_s);
        const QJsonObject prefetch = sent.value(u"prefetch"_s).toObject();
        QCOMPARE(prefetch.value(u"patient"_s).toObject().value(u"id"_s).toString(),
                 u"pt-eli-brooks"_s);
        QCOMPARE(prefetch.value(u"weight"_s).toObject().value(u"resourceType"_s).toString(),
                 u"Bundle"_s);
        QCOMPARE(prefetch.keys(), QStringList({u"patient"_s, u"weight"_s}));

        // The client JWT went out with aud = the exact service URL (C10).
        QVERIFY(result.call.jwt);
        QCOMPARE(result.call.jwt->claims.value(u"aud"_s).toString(),
                 m_bench->embeddedDiscovery().toString() + u"/patient-greeting"_s);
        // Everything was prefetched: the service did not need to read anything itself.
        QVERIFY(result.serviceReads.isEmpty());
    }

    void withoutPrefetchTheServiceReadsWithItsToken()
    {
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        const auto result
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-eli-brooks"_s), options);
        QCOMPARE(result.call.status(), 200);
        QVERIFY(!result.call.requestBody.contains(u"prefetch"_s)); // C7: member omitted
        QVERIFY(!result.serviceReads.isEmpty());
        for (const auto &read : result.serviceReads) {
            QCOMPARE(read.subject, u"patient-greeting"_s);
            QCOMPARE(read.status, 200);
        }
        // Revoked when the exchange completed (C4): the token no longer opens the server.
        const QString token = result.request.fhirAuthorization->accessToken;
        net::TransportRequest request;
        request.url = QUrl(m_bench->embeddedFhir().toString() + u"/Patient/pt-eli-brooks"_s);
        request.headers.append(net::HeaderLine {"Authorization", "Bearer " + token.toUtf8()});
        QCOMPARE(m_bench->transport()->sendAndWait(request).status, 401);
    }

    void aPerServiceSubjectIsTheTokensClientId()
    {
        // The workspace's per-service `subject`: the token is issued to that OAuth client, the
        // service is told so, and its reads are audited (and attributed) under it (#9).
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        options.subject = u"greeting-client-7"_s;
        const auto result
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-eli-brooks"_s), options);
        QCOMPARE(result.call.status(), 200);
        const QJsonObject auth = result.call.requestBody.value(u"fhirAuthorization"_s).toObject();
        QCOMPARE(auth.value(u"subject"_s).toString(), u"greeting-client-7"_s);
        QVERIFY(!result.serviceReads.isEmpty());
        for (const auto &read : result.serviceReads) {
            QCOMPARE(read.subject, u"greeting-client-7"_s);
            QCOMPARE(read.status, 200);
        }
    }

    void neitherPrefetchNorTokenGives412()
    {
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        options.accessToken = session::AccessTokenMode::None;
        const auto result
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-eli-brooks"_s), options);
        QCOMPARE(result.call.status(), 412);
        QVERIFY(!result.call.requestBody.contains(u"fhirAuthorization"_s));
    }

    void expiredTokenIsRefusedByTheFhirServer()
    {
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        options.accessToken = session::AccessTokenMode::Expired;
        const auto result
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-eli-brooks"_s), options);
        QVERIFY(!result.serviceReads.isEmpty());
        QCOMPARE(result.serviceReads.first().status, 401);
    }

    void chosenPrefetchKeysOnly()
    {
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::Chosen;
        options.prefetch.chosenKeys = {u"patient"_s};
        const auto result
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-eli-brooks"_s), options);
        QCOMPARE(result.call.requestBody.value(u"prefetch"_s).toObject().keys(),
                 QStringList {u"patient"_s});
        QCOMPARE(result.prefetch.size(), 2);
    }

    // The demo services check the client JWT like a careful service (C10), so every
    // deliberate fault Hookbench can send is refused with 401 and a valid token is not.
    void everyJwtFaultIsRefusedByTheDemoService_data()
    {
        QTest::addColumn<int>("fault");
        for (const auto fault : security::allFaults())
            QTest::newRow(qPrintable(security::faultName(fault))) << int(fault);
    }
    void everyJwtFaultIsRefusedByTheDemoService()
    {
        QFETCH(int, fault);
        // A valid call first: reused-jti repeats the jti of the signer's previous token.
        QCOMPARE(fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-hana-sato"_s))
                     .call.status(),
                 200);
        auto options = m_bench->client()->options();
        options.jwtFault = security::JwtFault(fault);
        m_bench->client()->setOptions(options);
        const auto result
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-hana-sato"_s));
        options.jwtFault = security::JwtFault::None;
        m_bench->client()->setOptions(options);
        QCOMPARE(result.call.status(), 401);
        QVERIFY(!result.call.cdsResponse);
    }

    // The ask-the-user grant policy (CDS Hooks FAQ): the call waits for the user's consent.
    void askUserPolicyWaitsForConsent()
    {
        const QStringList scopes {u"patient/Observation.read"_s, u"patient/Patient.read"_s};
        m_bench->servers()->registerServiceClient(
            {u"patient-greeting"_s, scopes, servers::GrantPolicy::AskUser});
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        QStringList asked;
        bool approve = false;
        options.askConsent
            = [&](const servers::ConsentRequest &request, std::function<void(bool)> answer) {
                  asked = request.scopes;
                  QCOMPARE(request.clientId, u"patient-greeting"_s);
                  answer(approve);
              };
        auto declined
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-hana-sato"_s), options);
        QCOMPARE(asked, scopes);
        QVERIFY(!declined.call.requestBody.contains(u"fhirAuthorization"_s));
        QCOMPARE(declined.call.status(), 412); // no prefetch, no token: the service cannot work

        approve = true;
        asked.clear();
        const auto granted
            = fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-hana-sato"_s), options);
        QCOMPARE(asked, scopes);
        QCOMPARE(granted.call.status(), 200);
        QCOMPARE(granted.call.requestBody.value(u"fhirAuthorization"_s)[u"scope"_s].toString(),
                 scopes.join(u' '));

        // Once given, the consent is remembered for the same scopes.
        asked.clear();
        QCOMPARE(fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-hana-sato"_s), options)
                     .call.status(),
                 200);
        QVERIFY(asked.isEmpty());
        m_bench->servers()->registerServiceClient(
            {u"patient-greeting"_s, scopes, servers::GrantPolicy::PreAuthorized});
    }

    void serviceReadsReachTheExchangeLog()
    {
        const qsizetype before = m_bench->log()->size();
        session::InvocationOptions options;
        options.prefetch.mode = core::PrefetchMode::None;
        fire(u"patient-greeting"_s, u"patient-view"_s, patient(u"pt-hana-sato"_s), options);
        // The audit is appended from the server thread; give it a moment to arrive.
        QTRY_VERIFY_WITH_TIMEOUT(m_bench->log()->size() > before + 1, 5000);
        bool sawServiceRead = false;
        for (const auto &exchange : m_bench->log()->exchanges()) {
            if (exchange.kind == u"fhir" && exchange.origin == u"service"
                && exchange.note.startsWith(u"patient-greeting"_s))
                sawServiceRead = true;
        }
        QVERIFY(sawServiceRead);
    }

    // The strict-request gate (issue #12): an order-select without selections breaks C6, so the
    // service never sees it; the GUI's error card and the CLI both show call.error.
    void invalidRequestIsNotSent()
    {
        const qsizetype exchangesBefore = m_bench->log()->exchanges().size();
        const auto result
            = fire(u"medication-safety"_s, u"order-select"_s, patient(u"pt-amelia-hart"_s));
        QVERIFY(result.notSent);
        QVERIFY(!result.call.response);
        QVERIFY2(result.call.error.startsWith(u"not sent: the request breaks error C6"_s),
                 qPrintable(result.call.error));
        QVERIFY(result.call.error.contains(u"context.selections"_s));
        QCOMPARE(result.call.error.count(u"requires context.selections"_s), 1);
        // The GUI shows failureOf() as the service's error card: the refusal, loudly.
        QCOMPARE(session::failureOf(result, u"https://sandbox.cds-hooks.org"_s), result.call.error);
        // No POST to the service reached the log (prefetch reads of the EHR may have).
        const auto exchanges = m_bench->log()->exchanges();
        for (qsizetype i = exchangesBefore; i < exchanges.size(); ++i)
            QVERIFY(exchanges.at(i).kind != u"hook"_s);
        // Each finding once (the context check ran twice before).
        QCOMPARE(std::count_if(
                     result.requestFindings.begin(), result.requestFindings.end(),
                     [](const core::Finding &f) { return f.pointer == u"/context/selections"_s; }),
                 1);
    }

    void allowInvalidRequestSendsItAnyway()
    {
        session::InvocationOptions options;
        options.allowInvalidRequest = true;
        const auto result = fire(u"medication-safety"_s, u"order-select"_s,
                                 patient(u"pt-amelia-hart"_s), options);
        QVERIFY(!result.notSent);
        QVERIFY(result.call.response);
        QVERIFY(core::hasErrors(result.requestFindings));
    }

    void customContextOverridesBuiltInFields()
    {
        session::EhrState state = patient(u"pt-eli-brooks"_s);
        state.customContext = QJsonObject {{u"userId"_s, u"Practitioner/someone-else"_s},
                                           {u"com.example.flag"_s, true}};
        const auto result = fire(u"patient-greeting"_s, u"patient-view"_s, state);
        const QJsonObject context = result.call.requestBody.value(u"context"_s).toObject();
        QCOMPARE(context.value(u"userId"_s).toString(), u"Practitioner/someone-else"_s);
        QCOMPARE(context.value(u"com.example.flag"_s).toBool(), true);
        QCOMPARE(result.contextOverrides.size(), 1);
        QCOMPARE(result.contextOverrides.constFirst().field, u"userId"_s);
        QCOMPARE(result.contextOverrides.constFirst().builtIn.toString(),
                 u"Practitioner/pr-olivia-chen"_s);
    }

    void draftOrderForAnotherPatientIsAWarning()
    {
        session::EhrState state = patient(u"pt-amelia-hart"_s);
        state.orders.put(
            QJsonObject {{u"resourceType"_s, u"MedicationRequest"_s},
                         {u"id"_s, u"mr-1"_s},
                         {u"status"_s, u"draft"_s},
                         {u"intent"_s, u"proposal"_s},
                         {u"subject"_s, QJsonObject {{u"reference"_s, u"Patient/other"_s}}}});
        const auto result = fire(u"medication-safety"_s, u"order-select"_s, state);
        QVERIFY(!result.notSent);
        bool warned = false;
        for (const auto &f : result.requestFindings)
            warned = warned
                || (f.severity == core::Severity::Warning
                    && f.message.contains(u"Patient/other"_s));
        QVERIFY(warned);
    }
};

QTEST_GUILESS_MAIN(TestHookInvocation)
#include "tst_hookinvocation.moc"
