// The demo CDS services over real loopback HTTP: discovery, each service's cards for a patient
// that triggers it and one that does not, the FHIR fallback with the token, 412, feedback.
#include "httpclient.h"

#include "core/validator.h"
#include "servers/embeddedservers.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using hb::servers::EmbeddedServers;

namespace {

const QString rxnorm = u"http://www.nlm.nih.gov/research/umls/rxnorm"_s;

QJsonObject medicationDraft(const QString &id, const QString &patient, const QString &code,
                            const QString &display)
{
    return {
        {u"resourceType"_s, u"MedicationRequest"_s},
        {u"id"_s, id},
        {u"status"_s, u"draft"_s},
        {u"intent"_s, u"order"_s},
        {u"subject"_s, QJsonObject {{u"reference"_s, u"Patient/"_s + patient}}},
        {u"medicationCodeableConcept"_s,
         QJsonObject {{u"coding"_s,
                       QJsonArray {QJsonObject {
                           {u"system"_s, rxnorm}, {u"code"_s, code}, {u"display"_s, display}}}}}}};
}

QJsonObject imagingDraft(const QString &id, const QString &patient, const QString &code)
{
    return {{u"resourceType"_s, u"ServiceRequest"_s},
            {u"id"_s, id},
            {u"status"_s, u"draft"_s},
            {u"intent"_s, u"order"_s},
            {u"subject"_s, QJsonObject {{u"reference"_s, u"Patient/"_s + patient}}},
            {u"code"_s,
             QJsonObject {
                 {u"coding"_s,
                  QJsonArray {QJsonObject {
                      {u"system"_s, u"http://hookbench.org/fhir/CodeSystem/imaging-catalogue"_s},
                      {u"code"_s, code}}}}}}};
}

QJsonObject bundleOf(const QList<QJsonObject> &resources)
{
    QJsonArray entries;
    for (const auto &r : resources)
        entries.append(QJsonObject {{u"resource"_s, r}});
    return {{u"resourceType"_s, u"Bundle"_s}, {u"type"_s, u"collection"_s}, {u"entry"_s, entries}};
}

QJsonObject orderContext(const QString &patient, const QJsonObject &draft)
{
    return {{u"userId"_s, u"Practitioner/pr-olivia-chen"_s},
            {u"patientId"_s, patient},
            {u"selections"_s,
             QJsonArray {draft[u"resourceType"_s].toString() + u'/' + draft[u"id"_s].toString()}},
            {u"draftOrders"_s, bundleOf({draft})}};
}

/// Checks the response against the spec rules a user would check (V1-V10, V13, V20).
void checkSpecShape(const QJsonObject &response)
{
    QVERIFY(response[u"cards"_s].isArray()); // V1
    QSet<QString> uuids;
    for (const auto &value : response[u"cards"_s].toArray()) {
        const QJsonObject card = value.toObject();
        QVERIFY(!QUuid::fromString(card[u"uuid"_s].toString()).isNull()); // V20
        QVERIFY(!uuids.contains(card[u"uuid"_s].toString()));
        uuids.insert(card[u"uuid"_s].toString());
        QVERIFY(!card[u"summary"_s].toString().isEmpty());
        QVERIFY(card[u"summary"_s].toString().size() < 140); // V4
        QVERIFY((QStringList {u"info"_s, u"warning"_s, u"critical"_s})
                    .contains(card[u"indicator"_s].toString()));
        QVERIFY(!card[u"source"_s][u"label"_s].toString().isEmpty()); // V3
        if (card.contains(u"suggestions"_s)) {
            QVERIFY(!card[u"suggestions"_s].toArray().isEmpty()); // V2
            QCOMPARE(card[u"selectionBehavior"_s].toString(), u"at-most-one"_s); // V6
            int recommended = 0;
            for (const auto &s : card[u"suggestions"_s].toArray()) {
                QVERIFY(!s[u"label"_s].toString().isEmpty());
                QVERIFY(!s[u"uuid"_s].toString().isEmpty());
                recommended += s[u"isRecommended"_s].toBool() ? 1 : 0;
                for (const auto &a : s[u"actions"_s].toArray()) {
                    QVERIFY(!a[u"description"_s].toString().isEmpty()); // V10
                    if (a[u"type"_s] == u"delete"_s)
                        QVERIFY(a[u"resourceId"_s].toString().contains(u'/')); // V12
                    else
                        QVERIFY(a[u"resource"_s][u"resourceType"_s].isString()); // V11
                }
            }
            QVERIFY(recommended <= 1); // V8
        }
        for (const auto &reason : card[u"overrideReasons"_s].toArray())
            QVERIFY(!reason[u"display"_s].toString().isEmpty()); // V13
    }
}

} // namespace

class TestDemoServices : public QObject
{
    Q_OBJECT

private:
    EmbeddedServers servers;
    QString base;

    QJsonObject call(const QString &id, const QString &hook, const QJsonObject &context,
                     bool withToken = true, const QJsonObject &prefetch = {}, int expected = 200)
    {
        QJsonObject body {{u"hook"_s, hook},
                          {u"hookInstance"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                          {u"context"_s, context}};
        if (!prefetch.isEmpty())
            body.insert(u"prefetch"_s, prefetch);
        if (withToken) {
            const auto grant
                = servers.issueServiceToken(id, {}, context[u"patientId"_s].toString());
            if (grant.status == hb::servers::TokenGrant::Status::Granted) {
                body.insert(u"fhirServer"_s, servers.baseUrls().fhir);
                body.insert(u"fhirAuthorization"_s, grant.toFhirAuthorization());
            }
        }
        const auto result = httpPostJson(servers.baseUrls().cdsServices + u'/' + id, body);
        if (result.status != expected)
            qWarning() << id << result.status << result.body.left(500);
        [&] { QCOMPARE(result.status, expected); }();
        const QJsonObject json = result.json();
        if (expected == 200) {
            checkSpecShape(json);
            // The core validator (rules V1-V22) finds nothing to complain about.
            const auto findings = hb::core::validateResponse(json, hook);
            for (const auto &finding : findings)
                qWarning().noquote() << id << hb::core::formatFinding(finding);
            [&] { QVERIFY(findings.isEmpty()); }();
        }
        return json;
    }

    // const: indexing a const array copies, so cards(x)[0][...] never refers into a temporary.
    static const QJsonArray cards(const QJsonObject &response)
    {
        return response[u"cards"_s].toArray();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(servers.start(&error), qPrintable(error));
        base = servers.baseUrls().cdsServices;
    }

    void discoveryListsEightServicesOverSixHooks()
    {
        const auto result = httpGet(base);
        QCOMPARE(result.status, 200);
        QSet<QString> ids, hooks, pairs;
        for (const auto &s : result.json()[u"services"_s].toArray()) {
            QVERIFY(!s[u"description"_s].toString().isEmpty());
            ids.insert(s[u"id"_s].toString());
            hooks.insert(s[u"hook"_s].toString());
            pairs.insert(s[u"id"_s].toString() + u' ' + s[u"hook"_s].toString());
        }
        QVERIFY(ids.size() >= 8);
        QVERIFY(hooks.size() >= 6);
        QVERIFY(pairs.contains(u"medication-safety order-select"_s));
        QVERIFY(pairs.contains(u"medication-safety order-sign"_s));
        const auto findings = hb::core::validateDiscovery(result.json());
        for (const auto &finding : findings)
            qWarning().noquote() << hb::core::formatFinding(finding);
        QVERIFY(!hb::core::hasErrors(findings));
    }

    void greetingPediatricVersusAdult()
    {
        const auto child = call(u"patient-greeting"_s, u"patient-view"_s,
                                {{u"userId"_s, u"Practitioner/pr-sofia-weber"_s},
                                 {u"patientId"_s, u"pt-eli-brooks"_s}});
        QCOMPARE(cards(child).size(), 2);
        QVERIFY(cards(child)[0][u"summary"_s].toString().startsWith(
            u"Now seeing: Eli Brooks, 7 years"_s));
        QCOMPARE(cards(child)[1][u"indicator"_s].toString(), u"warning"_s);
        QVERIFY(cards(child)[1][u"detail"_s].toString().contains(u"23.5 kg"_s));
        const auto adult = call(
            u"patient-greeting"_s, u"patient-view"_s,
            {{u"userId"_s, u"Practitioner/pr-olivia-chen"_s}, {u"patientId"_s, u"pt-hana-sato"_s}});
        QCOMPARE(cards(adult).size(), 1);
        QCOMPARE(cards(adult)[0][u"indicator"_s].toString(), u"info"_s);
    }

    void greetingUsesPrefetchWithoutToken()
    {
        const QJsonObject patient {{u"resourceType"_s, u"Patient"_s},
                                   {u"id"_s, u"x"_s},
                                   {u"name"_s,
                                    QJsonArray {QJsonObject {{u"family"_s, u"Prefetch"_s},
                                                             {u"given"_s, QJsonArray {u"Pat"_s}}}}},
                                   {u"birthDate"_s, u"1980-01-01"_s}};
        const auto result = call(u"patient-greeting"_s, u"patient-view"_s,
                                 {{u"userId"_s, u"Practitioner/p"_s}, {u"patientId"_s, u"x"_s}},
                                 false, {{u"patient"_s, patient}, {u"weight"_s, QJsonValue::Null}});
        QVERIFY(cards(result)[0][u"summary"_s].toString().contains(u"Pat Prefetch"_s));
    }

    void missingPrefetchWithoutTokenIs412()
    {
        const auto result
            = call(u"patient-greeting"_s, u"patient-view"_s,
                   {{u"userId"_s, u"Practitioner/p"_s}, {u"patientId"_s, u"pt-hana-sato"_s}}, false,
                   {}, 412);
        QCOMPARE(result[u"resourceType"_s].toString(), u"OperationOutcome"_s);
        QVERIFY(result[u"issue"_s][0][u"diagnostics"_s].toString().contains(u"patient"_s));
    }

    void medicationSafetyAllergy()
    {
        const auto draft
            = medicationDraft(u"d1"_s, u"pt-amelia-hart"_s, u"308191"_s, u"Amoxicillin 500 MG"_s);
        const auto hit = call(u"medication-safety"_s, u"order-select"_s,
                              orderContext(u"pt-amelia-hart"_s, draft));
        QCOMPARE(cards(hit).size(), 1);
        const auto card = cards(hit)[0];
        QCOMPARE(card[u"indicator"_s].toString(), u"critical"_s);
        QVERIFY(card[u"summary"_s].toString().startsWith(u"Penicillin allergy"_s));
        const auto actions = card[u"suggestions"_s][0][u"actions"_s].toArray();
        QCOMPARE(actions[0][u"type"_s].toString(), u"delete"_s);
        QCOMPARE(actions[0][u"resourceId"_s].toString(), u"MedicationRequest/d1"_s);
        QCOMPARE(actions[1][u"type"_s].toString(), u"create"_s);
        QCOMPARE(
            actions[1][u"resource"_s][u"medicationCodeableConcept"_s][u"coding"_s][0][u"code"_s]
                .toString(),
            u"308460"_s);
        const auto miss = call(u"medication-safety"_s, u"order-select"_s,
                               orderContext(u"pt-hana-sato"_s,
                                            medicationDraft(u"d1"_s, u"pt-hana-sato"_s, u"308191"_s,
                                                            u"Amoxicillin"_s)));
        QCOMPARE(cards(miss).size(), 0);
    }

    void medicationSafetyInteractionAndDuplicate()
    {
        const auto nsaid = call(u"medication-safety"_s, u"order-sign"_s,
                                orderContext(u"pt-bruno-keller"_s,
                                             medicationDraft(u"d2"_s, u"pt-bruno-keller"_s,
                                                             u"197805"_s, u"Ibuprofen 400 MG"_s)));
        QCOMPARE(cards(nsaid).size(), 1);
        QVERIFY(cards(nsaid)[0][u"summary"_s].toString().startsWith(u"Bleeding risk"_s));
        const auto duplicate = call(u"medication-safety"_s, u"order-sign"_s,
                                    orderContext(u"pt-amelia-hart"_s,
                                                 medicationDraft(u"d3"_s, u"pt-amelia-hart"_s,
                                                                 u"858817"_s, u"Enalapril"_s)));
        QCOMPARE(cards(duplicate).size(), 1);
        const auto card = cards(duplicate)[0];
        QVERIFY(card[u"summary"_s].toString().startsWith(u"Duplicate therapy (ace-inhibitor)"_s));
        const auto update = card[u"suggestions"_s][1][u"actions"_s][0];
        QCOMPARE(update[u"type"_s].toString(), u"update"_s);
        QCOMPARE(update[u"resource"_s][u"id"_s].toString(), u"medrx-amelia-hart-1"_s);
        QCOMPARE(update[u"resource"_s][u"status"_s].toString(), u"stopped"_s);
        const auto none = call(
            u"medication-safety"_s, u"order-sign"_s,
            orderContext(u"pt-hana-sato"_s,
                         medicationDraft(u"d4"_s, u"pt-hana-sato"_s, u"197805"_s, u"Ibuprofen"_s)));
        QCOMPARE(cards(none).size(), 0);
    }

    void genericSubstitution()
    {
        const auto brand = call(u"generic-substitution"_s, u"order-select"_s,
                                orderContext(u"pt-ibrahim-diallo"_s,
                                             medicationDraft(u"d5"_s, u"pt-ibrahim-diallo"_s,
                                                             u"617318"_s, u"Lipitor 20 MG"_s)));
        QCOMPARE(cards(brand).size(), 1);
        const auto action = cards(brand)[0][u"suggestions"_s][0][u"actions"_s][0];
        QCOMPARE(action[u"type"_s].toString(), u"update"_s);
        QCOMPARE(action[u"resource"_s][u"id"_s].toString(), u"d5"_s);
        QCOMPARE(action[u"resource"_s][u"medicationCodeableConcept"_s][u"coding"_s][0][u"code"_s]
                     .toString(),
                 u"617310"_s);
        const auto generic = call(u"generic-substitution"_s, u"order-select"_s,
                                  orderContext(u"pt-ibrahim-diallo"_s,
                                               medicationDraft(u"d6"_s, u"pt-ibrahim-diallo"_s,
                                                               u"617310"_s, u"Atorvastatin"_s)));
        QCOMPARE(cards(generic).size(), 0);
    }

    void imagingAppropriateness()
    {
        const auto mri = call(
            u"imaging-appropriateness"_s, u"order-select"_s,
            orderContext(u"pt-george-lindqvist"_s,
                         imagingDraft(u"img1"_s, u"pt-george-lindqvist"_s, u"IMG-MRI-LSPINE"_s)));
        QCOMPARE(cards(mri).size(), 1);
        const auto link = cards(mri)[0][u"links"_s][0];
        QCOMPARE(link[u"type"_s].toString(), u"smart"_s);
        QVERIFY(link[u"url"_s].toString().endsWith(u"/apps/context-viewer/launch.html"_s));
        QVERIFY(link[u"appContext"_s].isString()); // V17: a string, not an object
        QVERIFY(link[u"appContext"_s].toString().contains(u"ServiceRequest/img1"_s));
        const auto actions = mri[u"systemActions"_s].toArray();
        QCOMPARE(actions.size(), 1);
        QCOMPARE(actions[0][u"type"_s].toString(), u"update"_s);
        QCOMPARE(actions[0][u"resource"_s][u"extension"_s][0][u"valueCodeableConcept"_s]
                        [u"coding"_s][0][u"code"_s]
                            .toString(),
                 u"not-appropriate"_s);
        const auto redFlag
            = call(u"imaging-appropriateness"_s, u"order-sign"_s,
                   orderContext(u"pt-marco-rossi"_s,
                                imagingDraft(u"img2"_s, u"pt-marco-rossi"_s, u"IMG-MRI-LSPINE"_s)));
        QCOMPARE(cards(redFlag).size(), 0);
        QCOMPARE(redFlag[u"systemActions"_s][0][u"resource"_s][u"extension"_s][0]
                        [u"valueCodeableConcept"_s][u"coding"_s][0][u"code"_s]
                            .toString(),
                 u"appropriate"_s);
        const auto contrast = call(
            u"imaging-appropriateness"_s, u"order-sign"_s,
            orderContext(u"pt-dmitri-volkov"_s,
                         imagingDraft(u"img3"_s, u"pt-dmitri-volkov"_s, u"IMG-CT-HEAD-C"_s)));
        QCOMPARE(cards(contrast).size(), 1);
        QVERIFY(cards(contrast)[0][u"summary"_s].toString().contains(u"eGFR 24"_s));
    }

    void careGaps()
    {
        const auto overdue = call(u"care-gaps"_s, u"encounter-start"_s,
                                  {{u"userId"_s, u"Practitioner/pr-olivia-chen"_s},
                                   {u"patientId"_s, u"pt-carmen-ortiz"_s},
                                   {u"encounterId"_s, u"enc-carmen-ortiz-1"_s}});
        QCOMPARE(cards(overdue).size(), 1);
        QVERIFY(cards(overdue)[0][u"summary"_s].toString().contains(u"HbA1c overdue"_s));
        const auto create = cards(overdue)[0][u"suggestions"_s][0][u"actions"_s][0];
        QCOMPARE(create[u"type"_s].toString(), u"create"_s);
        QCOMPARE(create[u"resource"_s][u"resourceType"_s].toString(), u"ServiceRequest"_s);
        const auto upToDate = call(u"care-gaps"_s, u"encounter-start"_s,
                                   {{u"userId"_s, u"Practitioner/pr-olivia-chen"_s},
                                    {u"patientId"_s, u"pt-fatima-rahman"_s},
                                    {u"encounterId"_s, u"enc-fatima-rahman-1"_s}});
        QCOMPARE(cards(upToDate).size(), 0);
    }

    void dischargeChecklist()
    {
        const auto warfarin = call(u"discharge-checklist"_s, u"encounter-discharge"_s,
                                   {{u"userId"_s, u"Practitioner/pr-rafael-santos"_s},
                                    {u"patientId"_s, u"pt-bruno-keller"_s},
                                    {u"encounterId"_s, u"enc-bruno-keller-1"_s}});
        QCOMPARE(cards(warfarin).size(), 2);
        QVERIFY(cards(warfarin)[0][u"summary"_s].toString().startsWith(u"No follow-up"_s));
        QVERIFY(cards(warfarin)[1][u"summary"_s].toString().contains(u"Warfarin"_s));
        const auto ready = call(u"discharge-checklist"_s, u"encounter-discharge"_s,
                                {{u"userId"_s, u"Practitioner/pr-olivia-chen"_s},
                                 {u"patientId"_s, u"pt-julia-novak"_s},
                                 {u"encounterId"_s, u"enc-julia-novak-1"_s}});
        QCOMPARE(cards(ready).size(), 0);
    }

    void appointmentReminder()
    {
        const QString token = servers.issueServiceToken(u"t"_s, {u"user/*.read"_s}, {}).accessToken;
        const auto booked
            = httpGet(servers.baseUrls().fhir + u"/Appointment/appt-ibrahim-diallo-1"_s, token)
                  .json();
        const QString day = booked[u"start"_s].toString().left(10);
        QVERIFY(!day.isEmpty());
        auto proposal = [&](const QString &patient, const QString &date) {
            const QJsonObject appt {{u"resourceType"_s, u"Appointment"_s},
                                    {u"id"_s, u"new-appt"_s},
                                    {u"status"_s, u"proposed"_s},
                                    {u"start"_s, date + u"T15:00:00Z"_s}};
            return QJsonObject {{u"userId"_s, u"Practitioner/pr-olivia-chen"_s},
                                {u"patientId"_s, patient},
                                {u"appointments"_s, bundleOf({appt})}};
        };
        const auto clash = call(u"appointment-reminder"_s, u"appointment-book"_s,
                                proposal(u"pt-ibrahim-diallo"_s, day));
        QCOMPARE(cards(clash).size(), 1);
        QVERIFY(cards(clash)[0][u"summary"_s].toString().startsWith(u"Double booking"_s));
        QCOMPARE(cards(clash)[0][u"suggestions"_s][0][u"actions"_s][0][u"resourceId"_s].toString(),
                 u"Appointment/new-appt"_s);
        const auto labs = call(u"appointment-reminder"_s, u"appointment-book"_s,
                               proposal(u"pt-carmen-ortiz"_s, day));
        QCOMPARE(cards(labs).size(), 1);
        QVERIFY(cards(labs)[0][u"summary"_s].toString().contains(u"HbA1c"_s));
        const auto none = call(u"appointment-reminder"_s, u"appointment-book"_s,
                               proposal(u"pt-hana-sato"_s, day));
        QCOMPARE(cards(none).size(), 0);
    }

    void renalDosingFetchesWithTokenAndAudits()
    {
        const qsizetype before = servers.audit().size();
        const auto ckd = call(u"renal-dosing"_s, u"order-sign"_s,
                              orderContext(u"pt-dmitri-volkov"_s,
                                           medicationDraft(u"d7"_s, u"pt-dmitri-volkov"_s,
                                                           u"861007"_s, u"Metformin 500 MG"_s)));
        QCOMPARE(cards(ckd).size(), 1);
        QVERIFY(cards(ckd)[0][u"summary"_s].toString().contains(u"eGFR 24"_s));
        const auto audit = servers.audit().mid(before);
        QCOMPARE(audit.size(), 2); // eGFR and creatinine, read by the service itself
        for (const auto &entry : audit) {
            QCOMPARE(entry.subject, u"renal-dosing"_s);
            QCOMPARE(entry.scope, u"patient/Observation.read"_s);
            QCOMPARE(entry.status, 200);
            QCOMPARE(entry.patient, u"pt-dmitri-volkov"_s);
        }
        const auto normal = call(u"renal-dosing"_s, u"order-sign"_s,
                                 orderContext(u"pt-fatima-rahman"_s,
                                              medicationDraft(u"d8"_s, u"pt-fatima-rahman"_s,
                                                              u"861007"_s, u"Metformin"_s)));
        QCOMPARE(cards(normal).size(), 0);
        const auto noToken = call(u"renal-dosing"_s, u"order-sign"_s,
                                  orderContext(u"pt-dmitri-volkov"_s,
                                               medicationDraft(u"d9"_s, u"pt-dmitri-volkov"_s,
                                                               u"861007"_s, u"Metformin"_s)),
                                  false, {}, 412);
        QCOMPARE(noToken[u"resourceType"_s].toString(), u"OperationOutcome"_s);
    }

    void outOfScopeTokenGives412()
    {
        const auto grant = servers.issueServiceToken(u"narrow"_s, {u"patient/Patient.read"_s},
                                                     u"pt-dmitri-volkov"_s);
        const QJsonObject body {
            {u"hook"_s, u"order-sign"_s},
            {u"hookInstance"_s, u"x"_s},
            {u"fhirServer"_s, servers.baseUrls().fhir},
            {u"fhirAuthorization"_s, grant.toFhirAuthorization()},
            {u"context"_s,
             orderContext(u"pt-dmitri-volkov"_s,
                          medicationDraft(u"d"_s, u"pt-dmitri-volkov"_s, u"861007"_s, u"M"_s))}};
        const auto result = httpPostJson(base + u"/renal-dosing"_s, body);
        QCOMPARE(result.status, 412);
        QVERIFY(result.json()[u"issue"_s][0][u"diagnostics"_s].toString().contains(u"403"_s));
    }

    void feedbackIsRecorded()
    {
        const QJsonObject item {{u"card"_s, u"4e0a3a1e-3283-4575-ab82-028d55fe2719"_s},
                                {u"outcome"_s, u"overridden"_s},
                                {u"outcomeTimestamp"_s, u"2026-01-01T10:00:00Z"_s}};
        const auto ok = httpPostJson(base + u"/medication-safety/feedback"_s,
                                     {{u"feedback"_s, QJsonArray {item}}});
        QCOMPARE(ok.status, 200);
        QTRY_VERIFY(!servers.feedback().isEmpty());
        QCOMPARE(servers.feedback().last().serviceId, u"medication-safety"_s);
        QCOMPARE(servers.feedback().last().feedback, item);
        QCOMPARE(httpPostJson(base + u"/medication-safety/feedback"_s, {{u"x"_s, 1}}).status, 400);
    }

    void badInput()
    {
        QCOMPARE(httpRequest("POST", base + u"/patient-greeting"_s, "not json",
                             {{"Content-Type", "application/json"}})
                     .status,
                 400);
        const auto wrongHook
            = httpPostJson(base + u"/patient-greeting"_s,
                           {{u"hook"_s, u"order-sign"_s}, {u"context"_s, QJsonObject {}}});
        QCOMPARE(wrongHook.status, 400);
        QCOMPARE(httpPostJson(base + u"/no-such-service"_s, {}).status, 404);
        QCOMPARE(httpGet(base + u"/patient-greeting"_s).status, 405);
    }
};

QTEST_GUILESS_MAIN(TestDemoServices)
#include "tst_demoservices.moc"
