// The embedded FHIR server over real loopback HTTP: searches, paging, token outcomes, the
// access audit and bad input (issue 4 acceptance).
#include "httpclient.h"

#include "servers/embeddedservers.h"

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using hb::servers::EmbeddedServers;

class TestFhirServer : public QObject
{
    Q_OBJECT

private:
    EmbeddedServers servers;
    QString fhir;
    QString token; // user/*.read, for the search tests

    QJsonObject get(const QString &relative, int expectedStatus = 200)
    {
        const auto result = httpGet(fhir + u'/' + relative, token);
        if (result.status != expectedStatus)
            qWarning() << relative << result.status << result.body.left(400);
        [&] { QCOMPARE(result.status, expectedStatus); }();
        return result.json();
    }

    QStringList ids(const QJsonObject &bundle)
    {
        QStringList out;
        for (const auto &entry : bundle.value(u"entry"_s).toArray()) {
            const auto resource = entry[u"resource"_s].toObject();
            if (entry[u"search"_s][u"mode"_s].toString() == u"match")
                out.append(resource.value(u"id"_s).toString());
        }
        return out;
    }

    QString link(const QJsonObject &bundle, const QString &relation)
    {
        for (const auto &l : bundle.value(u"link"_s).toArray())
            if (l[u"relation"_s].toString() == relation)
                return l[u"url"_s].toString();
        return {};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(servers.start(&error), qPrintable(error));
        fhir = servers.baseUrls().fhir;
        QVERIFY(fhir.startsWith(u"http://127.0.0.1:"_s));
        const auto grant = servers.issueServiceToken(u"test-suite"_s, {u"user/*.read"_s}, {});
        QCOMPARE(grant.status, hb::servers::TokenGrant::Status::Granted);
        token = grant.accessToken;
    }

    void metadataIsPublic()
    {
        const auto result = httpGet(fhir + u"/metadata"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json()[u"resourceType"_s].toString(), u"CapabilityStatement"_s);
        QCOMPARE(result.json()[u"fhirVersion"_s].toString(), u"4.0.1"_s);
        QVERIFY(result.header("Content-Type").startsWith("application/fhir+json"));
    }

    void readPatientAndNotFound()
    {
        const auto patient = get(u"Patient/pt-amelia-hart"_s);
        QCOMPARE(patient[u"name"_s][0][u"family"_s].toString(), u"Hart"_s);
        const auto missing = get(u"Patient/nobody"_s, 404);
        QCOMPARE(missing[u"resourceType"_s].toString(), u"OperationOutcome"_s);
        QCOMPARE(missing[u"issue"_s][0][u"code"_s].toString(), u"not-found"_s);
        const auto unknownType = get(u"Spaceship/1"_s, 404);
        QVERIFY(unknownType[u"issue"_s][0][u"diagnostics"_s].toString().contains(u"Spaceship"_s));
        QCOMPARE(get(u"Spaceship?name=x"_s, 404)[u"resourceType"_s].toString(),
                 u"OperationOutcome"_s);
    }

    void searchById()
    {
        const auto bundle = get(u"Patient?_id=pt-hana-sato,pt-eli-brooks"_s);
        QCOMPARE(bundle[u"type"_s].toString(), u"searchset"_s);
        QCOMPARE(bundle[u"total"_s].toInt(), 2);
        const QStringList found = ids(bundle);
        QCOMPARE(QSet<QString>(found.begin(), found.end()),
                 (QSet<QString> {u"pt-hana-sato"_s, u"pt-eli-brooks"_s}));
    }

    void searchByPatientAndSubject()
    {
        const auto byPatient = get(u"Condition?patient=pt-dmitri-volkov"_s);
        QCOMPARE(byPatient[u"total"_s].toInt(), 3);
        const auto bySubject = get(u"Condition?subject=Patient/pt-dmitri-volkov"_s);
        QCOMPARE(ids(bySubject), ids(byPatient));
        const auto absolute = get(u"Condition?patient="_s + fhir + u"/Patient/pt-dmitri-volkov"_s);
        QCOMPARE(ids(absolute), ids(byPatient));
        QCOMPARE(get(u"AllergyIntolerance?patient=pt-amelia-hart"_s)[u"total"_s].toInt(), 1);
        QCOMPARE(get(u"Appointment?patient=pt-ibrahim-diallo"_s)[u"total"_s].toInt(), 1);
    }

    void searchByCodeWithAndWithoutSystem()
    {
        const auto plain = get(u"Condition?code=44054006"_s);
        QCOMPARE(plain[u"total"_s].toInt(), 3); // carmen, dmitri, fatima
        const auto withSystem = get(u"Condition?code=http://snomed.info/sct%7C44054006"_s);
        QCOMPARE(ids(withSystem), ids(plain));
        QCOMPARE(get(u"Condition?code=http://loinc.org%7C44054006"_s)[u"total"_s].toInt(), 0);
        const auto hba1c = get(u"Observation?code=http://loinc.org%7C4548-4"_s);
        QCOMPARE(hba1c[u"total"_s].toInt(), 3);
    }

    void searchByStatusAndCategory()
    {
        const auto inpatients = get(u"Encounter?status=in-progress"_s);
        QCOMPARE(inpatients[u"total"_s].toInt(), 2);
        const auto labs = get(u"Observation?patient=pt-dmitri-volkov&category=laboratory"_s);
        QCOMPARE(labs[u"total"_s].toInt(), 3);
        const auto vitals = get(u"Observation?patient=pt-dmitri-volkov&category=vital-signs"_s);
        QVERIFY(vitals[u"total"_s].toInt() >= 4);
        QCOMPARE(
            get(u"MedicationRequest?status=active&patient=pt-bruno-keller"_s)[u"total"_s].toInt(),
            2);
    }

    void searchByDatePrefixes()
    {
        const auto bundle = get(u"Observation?patient=pt-carmen-ortiz&code=4548-4"_s);
        QCOMPARE(bundle[u"total"_s].toInt(), 1);
        const QString when
            = bundle[u"entry"_s][0][u"resource"_s][u"effectiveDateTime"_s].toString();
        const QDate day = QDate::fromString(when.left(10), Qt::ISODate);
        QVERIFY(day.isValid());
        const QString base = u"Observation?patient=pt-carmen-ortiz&code=4548-4&date="_s;
        auto count = [&](const QString &value) { return get(base + value)[u"total"_s].toInt(); };
        QCOMPARE(count(u"eq"_s + day.toString(Qt::ISODate)), 1);
        QCOMPARE(count(day.toString(Qt::ISODate)), 1);
        QCOMPARE(count(u"lt"_s + day.toString(Qt::ISODate)), 0);
        QCOMPARE(count(u"lt"_s + day.addDays(1).toString(Qt::ISODate)), 1);
        QCOMPARE(count(u"gt"_s + day.toString(Qt::ISODate)), 0);
        QCOMPARE(count(u"gt"_s + day.addDays(-1).toString(Qt::ISODate)), 1);
        QCOMPARE(count(u"ge"_s + day.toString(Qt::ISODate)), 1);
        QCOMPARE(count(u"ge"_s + day.addDays(1).toString(Qt::ISODate)), 0);
        QCOMPARE(count(u"le"_s + day.toString(Qt::ISODate)), 1);
        QCOMPARE(count(u"le"_s + day.addDays(-1).toString(Qt::ISODate)), 0);
        QCOMPARE(count(u"eq"_s + day.toString(u"yyyy-MM"_s)), 1); // month precision
        QCOMPARE(count(u"ge"_s + when), 1); // full dateTime
    }

    void searchPatientsByNameFamilyGivenBirthdate()
    {
        QCOMPARE(ids(get(u"Patient?name=hart"_s)), QStringList {u"pt-amelia-hart"_s});
        QCOMPARE(ids(get(u"Patient?family=Keller"_s)), QStringList {u"pt-bruno-keller"_s});
        QCOMPARE(ids(get(u"Patient?given=carmen"_s)), QStringList {u"pt-carmen-ortiz"_s});
        QCOMPARE(get(u"Patient?name:exact=hart"_s)[u"total"_s].toInt(), 0);
        QCOMPARE(ids(get(u"Patient?name:contains=volk"_s)), QStringList {u"pt-dmitri-volkov"_s});
        QCOMPARE(get(u"Patient?name=zzz"_s)[u"total"_s].toInt(), 0);
        const QString born = get(u"Patient/pt-eli-brooks"_s)[u"birthDate"_s].toString();
        QCOMPARE(ids(get(u"Patient?birthdate="_s + born)), QStringList {u"pt-eli-brooks"_s});
        const QString limit = QDate::currentDate().addYears(-18).toString(Qt::ISODate);
        QCOMPARE(get(u"Patient?birthdate=gt"_s + limit)[u"total"_s].toInt(), 3); // eli, kofi, nadia
    }

    void sortAndPaging()
    {
        const auto sorted = get(u"Observation?patient=pt-bruno-keller&_sort=-date"_s);
        QString previous = u"9999"_s;
        for (const auto &entry : sorted[u"entry"_s].toArray()) {
            const QString date = entry[u"resource"_s][u"effectiveDateTime"_s].toString();
            QVERIFY2(date <= previous, qPrintable(date + u" after "_s + previous));
            previous = date;
        }
        const auto first = get(u"Observation?_count=7"_s);
        const int total = first[u"total"_s].toInt();
        QVERIFY(total > 20);
        QCOMPARE(ids(first).size(), 7);
        QVERIFY(link(first, u"previous"_s).isEmpty());
        QStringList all = ids(first);
        QString next = link(first, u"next"_s);
        int pages = 1;
        while (!next.isEmpty() && pages < 100) {
            QVERIFY(next.startsWith(fhir + u"/Observation?"_s));
            const auto page = httpGet(next, token);
            QCOMPARE(page.status, 200);
            all += ids(page.json());
            QVERIFY(!link(page.json(), u"previous"_s).isEmpty());
            next = link(page.json(), u"next"_s);
            ++pages;
        }
        QCOMPARE(all.size(), total);
        QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), total);
        QCOMPARE(get(u"Observation?_summary=count"_s)[u"entry"_s].toArray().size(), 0);
    }

    void postSearchMatchesGet()
    {
        const auto result = httpRequest("POST", fhir + u"/Condition/_search"_s,
                                        "patient=pt-dmitri-volkov&code=431857002",
                                        {{"Content-Type", "application/x-www-form-urlencoded"},
                                         {"Authorization", "Bearer " + token.toLatin1()}});
        QCOMPARE(result.status, 200);
        QCOMPARE(ids(result.json()), QStringList {u"cond-dmitri-volkov-ckd4"_s});
    }

    void malformedSearchesGiveOperationOutcome_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("needle");
        QTest::newRow("bad date") << u"Observation?date=yesterday"_s << u"yesterday"_s;
        QTest::newRow("bad month") << u"Observation?date=2024-13"_s << u"Malformed date"_s;
        QTest::newRow("ne prefix") << u"Observation?date=ne2024-01-01"_s << u"prefix 'ne'"_s;
        QTest::newRow("bad count") << u"Observation?_count=lots"_s << u"_count"_s;
        QTest::newRow("negative count") << u"Observation?_count=-1"_s << u"_count"_s;
        QTest::newRow("bad sort") << u"Observation?_sort=colour"_s << u"colour"_s;
        QTest::newRow("bad modifier") << u"Observation?code:below=1"_s << u"Modifier"_s;
        QTest::newRow("empty value") << u"Observation?code="_s << u"no value"_s;
    }

    void malformedSearchesGiveOperationOutcome()
    {
        QFETCH(QString, query);
        QFETCH(QString, needle);
        const auto outcome = get(query, 400);
        QCOMPARE(outcome[u"resourceType"_s].toString(), u"OperationOutcome"_s);
        QVERIFY2(outcome[u"issue"_s][0][u"diagnostics"_s].toString().contains(needle),
                 qPrintable(outcome[u"issue"_s][0][u"diagnostics"_s].toString()));
    }

    void unknownParameterIsLenientUnlessStrict()
    {
        const auto lenient = get(u"Patient?colour=blue"_s);
        QCOMPARE(lenient[u"total"_s].toInt(), 14);
        const auto entries = lenient[u"entry"_s].toArray();
        QCOMPARE(entries.last()[u"search"_s][u"mode"_s].toString(), u"outcome"_s);
        QVERIFY(entries.last()[u"resource"_s][u"issue"_s][0][u"diagnostics"_s].toString().contains(
            u"colour"_s));
        const auto strict = httpRequest(
            "GET", fhir + u"/Patient?colour=blue"_s, {},
            {{"Authorization", "Bearer " + token.toLatin1()}, {"Prefer", "handling=strict"}});
        QCOMPARE(strict.status, 400);
    }

    void writesAreRefused()
    {
        const auto result = httpRequest("DELETE", fhir + u"/Patient/pt-hana-sato"_s, {},
                                        {{"Authorization", "Bearer " + token.toLatin1()}});
        QCOMPARE(result.status, 405);
        QCOMPARE(result.json()[u"resourceType"_s].toString(), u"OperationOutcome"_s);
    }

    void oversizedAndMalformedRequests()
    {
        const quint16 port = QUrl(fhir).port();
        const QByteArray tooBig = rawExchange(
            port,
            "POST /fhir/Patient/_search HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\n\r\n");
        QVERIFY2(tooBig.startsWith("HTTP/1.1 413 "), tooBig.constData());
        QVERIFY(tooBig.contains("OperationOutcome"));
        const QByteArray hugeHeader = rawExchange(
            port, "GET /fhir/metadata HTTP/1.1\r\nX-Junk: " + QByteArray(40000, 'a') + "\r\n\r\n");
        QVERIFY2(hugeHeader.startsWith("HTTP/1.1 431 "), hugeHeader.left(80).constData());
        const QByteArray garbage = rawExchange(port, "HELLO\r\n\r\n");
        QVERIFY2(garbage.startsWith("HTTP/1.1 400 "), garbage.constData());
        const QByteArray longUrl = rawExchange(
            port, "GET /fhir/Patient?name=" + QByteArray(9000, 'a') + " HTTP/1.1\r\n\r\n");
        QVERIFY2(longUrl.startsWith("HTTP/1.1 414 "), longUrl.left(80).constData());
        // The server is still fine afterwards.
        QCOMPARE(httpGet(fhir + u"/metadata"_s).status, 200);
    }

    void tokenOutcomesAndAudit()
    {
        QSignalSpy spy(&servers, &EmbeddedServers::auditEntry);
        const QString url = fhir + u"/Observation?patient=pt-carmen-ortiz&code=4548-4"_s;

        const auto missing = httpGet(url);
        QCOMPARE(missing.status, 401);
        QCOMPARE(missing.json()[u"issue"_s][0][u"code"_s].toString(), u"login"_s);
        QVERIFY(missing.header("WWW-Authenticate").startsWith("Bearer"));

        QCOMPARE(httpGet(url, u"made-up-token"_s).status, 401);

        const auto expired = servers.issueServiceToken(
            u"svc-expired"_s, {u"patient/Observation.read"_s}, u"pt-carmen-ortiz"_s, -5);
        const auto expiredResult = httpGet(url, expired.accessToken);
        QCOMPARE(expiredResult.status, 401);
        QCOMPARE(expiredResult.json()[u"issue"_s][0][u"code"_s].toString(), u"expired"_s);

        const auto wrong = servers.issueServiceToken(u"svc-wrong"_s, {u"patient/Condition.read"_s},
                                                     u"pt-carmen-ortiz"_s);
        const auto wrongResult = httpGet(url, wrong.accessToken);
        QCOMPARE(wrongResult.status, 403);
        QCOMPARE(wrongResult.json()[u"issue"_s][0][u"code"_s].toString(), u"forbidden"_s);

        const auto valid = servers.issueServiceToken(
            u"svc-valid"_s, {u"patient/Observation.read"_s}, u"pt-carmen-ortiz"_s);
        QCOMPARE(valid.patient, u"pt-carmen-ortiz"_s);
        QCOMPARE(valid.toFhirAuthorization()[u"subject"_s].toString(), u"svc-valid"_s);
        const auto validResult = httpGet(url, valid.accessToken);
        QCOMPARE(validResult.status, 200);
        QCOMPARE(validResult.json()[u"total"_s].toInt(), 1);

        // A patient-scoped token cannot read another patient's record.
        const auto other
            = httpGet(fhir + u"/Observation?patient=pt-hana-sato"_s, valid.accessToken);
        QCOMPARE(other.status, 403);
        const auto otherRead
            = httpGet(fhir + u"/Observation/obs-hana-sato-hr-1"_s, valid.accessToken);
        QCOMPARE(otherRead.status, 403);
        // Without a patient parameter it only sees its patient's compartment.
        const auto implicit = httpGet(fhir + u"/Observation?code=4548-4"_s, valid.accessToken);
        QCOMPARE(implicit.json()[u"total"_s].toInt(), 1);

        // The audit: who, what, which scope, outcome (entries arrive queued on this thread).
        QTRY_COMPARE(spy.count(), 8);
        const auto entries = servers.audit();
        const auto last8 = entries.mid(entries.size() - 8);
        QCOMPARE(last8.at(0).subject, u"anonymous"_s);
        QCOMPARE(last8.at(0).status, 401);
        QCOMPARE(last8.at(0).outcome, u"missing bearer token"_s);
        QCOMPARE(last8.at(1).outcome, u"unknown bearer token"_s);
        QCOMPARE(last8.at(2).subject, u"svc-expired"_s);
        QVERIFY(last8.at(2).outcome.startsWith(u"expired"_s));
        QCOMPARE(last8.at(3).subject, u"svc-wrong"_s);
        QCOMPARE(last8.at(3).status, 403);
        QVERIFY(last8.at(3).scope.isEmpty());
        QVERIFY(last8.at(3).outcome.startsWith(u"out of scope"_s));
        QCOMPARE(last8.at(4).subject, u"svc-valid"_s);
        QCOMPARE(last8.at(4).status, 200);
        QCOMPARE(last8.at(4).scope, u"patient/Observation.read"_s);
        QCOMPARE(last8.at(4).method, u"GET"_s);
        QCOMPARE(last8.at(4).url, url);
        QCOMPARE(last8.at(4).patient, u"pt-carmen-ortiz"_s);
        QCOMPARE(last8.at(5).status, 403);
        const auto signalled = spy.at(4).at(0).value<hb::servers::AuditEntry>();
        QCOMPARE(signalled.url, url);
    }

    void revokedTokenIsRefused()
    {
        const auto grant = servers.issueServiceToken(u"svc-revoke"_s, {u"user/Patient.read"_s}, {});
        QCOMPARE(httpGet(fhir + u"/Patient/pt-hana-sato"_s, grant.accessToken).status, 200);
        servers.revokeToken(grant.accessToken);
        QCOMPARE(httpGet(fhir + u"/Patient/pt-hana-sato"_s, grant.accessToken).status, 401);
    }

    void askUserPolicyNeedsConsent()
    {
        servers.registerServiceClient({u"svc-ask"_s,
                                       {u"patient/Patient.read"_s, u"patient/Condition.read"_s},
                                       hb::servers::GrantPolicy::AskUser});
        QSignalSpy consent(&servers, &EmbeddedServers::consentRequested);
        const auto pending = servers.issueServiceToken(
            u"svc-ask"_s, {u"patient/Condition.read"_s, u"user/*.read"_s}, u"pt-amelia-hart"_s);
        QCOMPARE(pending.status, hb::servers::TokenGrant::Status::PendingConsent);
        QVERIFY(pending.accessToken.isEmpty());
        QCOMPARE(consent.count(), 1);
        const auto request = consent.at(0).at(0).value<hb::servers::ConsentRequest>();
        // Capped by the registration: user/*.read was never agreed.
        QCOMPARE(request.scopes, QStringList {u"patient/Condition.read"_s});
        const auto granted = servers.resolveConsent(pending.consentId, true);
        QCOMPARE(granted.status, hb::servers::TokenGrant::Status::Granted);
        QCOMPARE(granted.scope, u"patient/Condition.read"_s);
        QCOMPARE(granted.patient, u"pt-amelia-hart"_s);
        // Remembered: the next token for the same scopes needs no consent.
        const auto again = servers.issueServiceToken(u"svc-ask"_s, {u"patient/Condition.read"_s},
                                                     u"pt-amelia-hart"_s);
        QCOMPARE(again.status, hb::servers::TokenGrant::Status::Granted);
        const auto declinedRequest
            = servers.issueServiceToken(u"svc-ask"_s, {}, u"pt-amelia-hart"_s);
        QCOMPARE(declinedRequest.status, hb::servers::TokenGrant::Status::PendingConsent);
        const auto declined = servers.resolveConsent(declinedRequest.consentId, false);
        QCOMPARE(declined.status, hb::servers::TokenGrant::Status::Denied);
    }

    void scopesFromPrefetchTemplates()
    {
        const QMap<QString, QString> templates {
            {u"patient"_s, u"Patient/{{context.patientId}}"_s},
            {u"a1c"_s, u"Observation?patient={{context.patientId}}&code=4548-4&_count=1"_s},
            {u"user"_s, u"Practitioner/{{userPractitionerId}}"_s},
            {u"bad"_s, u"{{context.patientId}}"_s}};
        QCOMPARE(EmbeddedServers::scopesForPrefetch(templates),
                 (QStringList {u"patient/Observation.read"_s, u"patient/Patient.read"_s,
                               u"user/Practitioner.read"_s}));
    }
};

QTEST_GUILESS_MAIN(TestFhirServer)
#include "tst_fhirserver.moc"
