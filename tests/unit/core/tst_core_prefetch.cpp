// Prefetch: template parsing, each token kind, URL encoding, modes, 3.0 extras, and each
// outcome of C7 (and C8).
#include "core/prefetch.h"
#include "testutil.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace hb::core;

namespace {

QJsonObject patientViewContext()
{
    return QJsonObject {{u"userId"_s, u"Practitioner/dr 1"_s},
                        {u"patientId"_s, u"pat&1"_s},
                        {u"encounterId"_s, u"enc-1"_s}};
}

PrefetchPlanEntry planOne(const QString &templateText, const QString &hook = u"patient-view"_s,
                          const QJsonObject &context = patientViewContext(),
                          const PrefetchOptions &options = {})
{
    const QString userId = context.value(u"userId"_s).toString();
    return planPrefetch({{u"k"_s, templateText}}, hook, context, PrefetchUser::fromUserId(userId),
                        options)
        .first();
}

QString queryOf(const PrefetchPlanEntry &entry)
{
    return entry.isResolved() ? entry.resolved()->query
                              : u"<omitted: %1>"_s.arg(entry.omitted()->message);
}

QJsonObject orderSelectContext()
{
    const QJsonObject med {
        {u"resourceType"_s, u"MedicationRequest"_s},
        {u"id"_s, u"m1"_s},
        {u"medicationReference"_s, QJsonObject {{u"reference"_s, u"Medication/med-9"_s}}}};
    const QJsonObject sr {{u"resourceType"_s, u"ServiceRequest"_s}, {u"id"_s, u"s1"_s}};
    return QJsonObject {{u"userId"_s, u"PractitionerRole/role-7"_s},
                        {u"patientId"_s, u"pat-1"_s},
                        {u"selections"_s, QJsonArray {u"MedicationRequest/m1"_s}},
                        {u"draftOrders"_s,
                         QJsonObject {{u"resourceType"_s, u"Bundle"_s},
                                      {u"entry"_s,
                                       QJsonArray {QJsonObject {{u"resource"_s, med}},
                                                   QJsonObject {{u"resource"_s, sr}}}}}}};
}

} // namespace

class TestCorePrefetch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parseClassifiesTokens_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<int>("kind");
        QTest::newRow("context field") << u"context.patientId"_s << int(TokenKind::ContextField);
        QTest::newRow("practitioner")
            << u"userPractitionerId"_s << int(TokenKind::UserPractitionerId);
        QTest::newRow("role") << u"userPractitionerRoleId"_s
                              << int(TokenKind::UserPractitionerRoleId);
        QTest::newRow("patient") << u"userPatientId"_s << int(TokenKind::UserPatientId);
        QTest::newRow("related") << u"userRelatedPersonId"_s << int(TokenKind::UserRelatedPersonId);
        QTest::newRow("today") << u"today()"_s << int(TokenKind::Today);
        QTest::newRow("today minus") << u"today() - 90 days"_s << int(TokenKind::Today);
        QTest::newRow("path") << u"context.draftOrders.entry.resource.id"_s
                              << int(TokenKind::ContextPath);
        QTest::newRow("variable") << u"%encounter.id"_s << int(TokenKind::PrefetchVariable);
        QTest::newRow("unknown") << u"patient.id"_s << int(TokenKind::Unknown);
    }

    void parseClassifiesTokens()
    {
        QFETCH(QString, expression);
        QFETCH(int, kind);
        const ParsedTemplate parsed
            = parsePrefetchTemplate(u"Observation?x={{ "_s + expression + u" }}"_s);
        QVERIFY(parsed.error.isEmpty());
        QCOMPARE(parsed.tokens.size(), 1);
        QCOMPARE(int(parsed.tokens.first().kind), kind);
        QCOMPARE(parsed.tokens.first().expression, expression);
        QCOMPARE(parsed.tokens.first().start, 14);
    }

    void parseReadVersusSearchAndErrors()
    {
        QVERIFY(parsePrefetchTemplate(u"Patient/{{context.patientId}}"_s).isRead);
        QVERIFY(parsePrefetchTemplate(u"{{context.userId}}"_s).isRead);
        QVERIFY(!parsePrefetchTemplate(u"Observation?patient={{context.patientId}}"_s).isRead);
        QVERIFY(!parsePrefetchTemplate(u"Patient/{{context.patientId"_s).error.isEmpty());
        QVERIFY(!parsePrefetchTemplate(u"Patient/context.patientId}}"_s).error.isEmpty());
        // Offsets read like the rest of the UI's numbers.
        const QString longQuery = u"Observation?code="_s + QString(12000, u'1');
        QCOMPARE(parsePrefetchTemplate(longQuery + u"}}"_s).error,
                 u"\"}}\" at offset 12,017 has no matching \"{{\""_s);
        QCOMPARE(parsePrefetchTemplate(longQuery + u"&x={{context.patientId"_s).error,
                 u"unbalanced \"{{\"/\"}}\" at offset 12,020"_s);
    }

    void contextFieldTokenIsUrlEncoded()
    {
        // In the query every reserved character is encoded...
        QCOMPARE(queryOf(planOne(u"Observation?patient={{context.patientId}}&code=4548-4"_s)),
                 u"Observation?patient=pat%261&code=4548-4"_s);
        // ...in the path "/" stays so a whole reference still reads.
        QCOMPARE(queryOf(planOne(u"{{context.userId}}"_s)), u"Practitioner/dr%201"_s);
        const PrefetchPlanEntry read = planOne(u"Patient/{{context.patientId}}"_s);
        QCOMPARE(queryOf(read), u"Patient/pat%261"_s);
        QVERIFY(read.resolved()->isRead);
    }

    void userTokens_data()
    {
        QTest::addColumn<QString>("userId");
        QTest::addColumn<QString>("token");
        QTest::newRow("practitioner") << u"Practitioner/p1"_s << u"userPractitionerId"_s;
        QTest::newRow("role") << u"PractitionerRole/p1"_s << u"userPractitionerRoleId"_s;
        QTest::newRow("patient") << u"Patient/p1"_s << u"userPatientId"_s;
        QTest::newRow("related person") << u"RelatedPerson/p1"_s << u"userRelatedPersonId"_s;
    }

    void userTokens()
    {
        QFETCH(QString, userId);
        QFETCH(QString, token);
        const QJsonObject context {{u"userId"_s, userId}, {u"patientId"_s, u"x"_s}};
        QCOMPARE(queryOf(planOne(u"X/{{"_s + token + u"}}"_s, u"patient-view"_s, context)),
                 u"X/p1"_s);
        // Every other user token has no value for this user: the key is omitted.
        for (const QString &other : {u"userPractitionerId"_s, u"userPractitionerRoleId"_s,
                                     u"userPatientId"_s, u"userRelatedPersonId"_s}) {
            if (other == token)
                continue;
            const PrefetchPlanEntry entry
                = planOne(u"X/{{"_s + other + u"}}"_s, u"patient-view"_s, context);
            QVERIFY(!entry.isResolved());
            QCOMPARE(entry.omitted()->reason, OmitReason::AbsentValue);
        }
    }

    void absentOptionalFieldOmitsTheKey()
    {
        QJsonObject context = patientViewContext();
        context.remove(u"encounterId"_s);
        const PrefetchPlanEntry entry
            = planOne(u"Encounter/{{context.encounterId}}"_s, u"patient-view"_s, context);
        QVERIFY(!entry.isResolved());
        QCOMPARE(entry.omitted()->reason, OmitReason::AbsentValue);
        QVERIFY(entry.omitted()->message.contains(u"encounterId"_s));
    }

    void nonTokenFieldsAreNotResolved()
    {
        const PrefetchPlanEntry entry = planOne(u"MedicationRequest?_id={{context.draftOrders}}"_s,
                                                u"order-select"_s, orderSelectContext());
        QCOMPARE(entry.omitted()->reason, OmitReason::NotAToken);
        // Custom hooks: any top-level primitive is a token, objects are not.
        const QJsonObject custom {
            {u"count"_s, 3}, {u"flag"_s, true}, {u"obj"_s, QJsonObject {{u"a"_s, 1}}}};
        QCOMPARE(queryOf(planOne(u"X?c={{context.count}}&f={{context.flag}}"_s, u"org.example.h"_s,
                                 custom)),
                 u"X?c=3&f=true"_s);
        QCOMPARE(planOne(u"X?o={{context.obj}}"_s, u"org.example.h"_s, custom).omitted()->reason,
                 OmitReason::NotAToken);
    }

    void tokenArrayIsCommaJoined()
    {
        const QJsonObject context {
            {u"patientId"_s, u"p"_s},
            {u"dispatchedOrders"_s, QJsonArray {u"ServiceRequest/1"_s, u"ServiceRequest/2"_s}},
            {u"performer"_s, u"Organization/o"_s}};
        QCOMPARE(queryOf(planOne(u"ServiceRequest?_id={{context.dispatchedOrders}}"_s,
                                 u"order-dispatch"_s, context)),
                 u"ServiceRequest?_id=ServiceRequest%2F1,ServiceRequest%2F2"_s);
    }

    void unknownTokenIsOmitted()
    {
        const PrefetchPlanEntry entry = planOne(u"Patient/{{patient.id}}"_s);
        QCOMPARE(entry.omitted()->reason, OmitReason::UnsupportedToken);
        QCOMPARE(planOne(u"Patient/{{context.patientId"_s).omitted()->reason,
                 OmitReason::InvalidTemplate);
    }

    void modes()
    {
        const QMap<QString, QString> templates {
            {u"patient"_s, u"Patient/{{context.patientId}}"_s},
            {u"encounter"_s, u"Encounter/{{context.encounterId}}"_s}};
        const PrefetchUser user = PrefetchUser::fromUserId(u"Practitioner/1"_s);
        PrefetchOptions options;
        const auto all
            = planPrefetch(templates, u"patient-view"_s, patientViewContext(), user, options);
        QCOMPARE(all.size(), 2);
        QVERIFY(all.at(0).isResolved() && all.at(1).isResolved());
        options.mode = PrefetchMode::None;
        for (const auto &entry :
             planPrefetch(templates, u"patient-view"_s, patientViewContext(), user, options))
            QCOMPARE(entry.omitted()->reason, OmitReason::ModeNone);
        options.mode = PrefetchMode::Chosen;
        options.chosenKeys = {u"patient"_s};
        const auto chosen
            = planPrefetch(templates, u"patient-view"_s, patientViewContext(), user, options);
        QCOMPARE(chosen.at(0).key, u"encounter"_s);
        QCOMPARE(chosen.at(0).omitted()->reason, OmitReason::NotChosen);
        QCOMPARE(chosen.at(1).key, u"patient"_s);
        QVERIFY(chosen.at(1).isResolved());
    }

    void ballot3ExtrasAreOptIn()
    {
        const QString templ
            = u"Observation?patient={{context.patientId}}&date=ge{{today() - 90 days}}"_s;
        QCOMPARE(planOne(templ).omitted()->reason, OmitReason::NeedsBallot3);
        PrefetchOptions options;
        options.ballot3Extras = true;
        options.today = QDate(2026, 3, 1);
        QCOMPARE(queryOf(planOne(templ, u"patient-view"_s, patientViewContext(), options)),
                 u"Observation?patient=pat%261&date=ge2025-12-01"_s);
        QCOMPARE(queryOf(planOne(u"X?d={{today()}}&e={{today() + 1 days}}"_s, u"patient-view"_s,
                                 patientViewContext(), options)),
                 u"X?d=2026-03-01&e=2026-03-02"_s);
        QCOMPARE(planOne(u"X?d={{today() - 999999999999 days}}"_s, u"patient-view"_s,
                         patientViewContext(), options)
                     .omitted()
                     ->reason,
                 OmitReason::UnsupportedToken);
    }

    void ballot3Paths()
    {
        PrefetchOptions options;
        options.ballot3Extras = true;
        const QString medication
            = u"Medication?_id={{context.draftOrders.entry.resource.ofType(MedicationRequest).medication.resolve().id}}"_s;
        QCOMPARE(queryOf(planOne(medication, u"order-select"_s, orderSelectContext(), options)),
                 u"Medication?_id=med-9"_s);
        // Collections are comma-joined; "|" unions paths.
        QCOMPARE(queryOf(planOne(u"X?_id={{context.draftOrders.entry.resource.id}}"_s,
                                 u"order-select"_s, orderSelectContext(), options)),
                 u"X?_id=m1,s1"_s);
        QCOMPARE(
            queryOf(planOne(
                u"X?_id={{context.draftOrders.entry.resource.ofType(ServiceRequest).id | context.patientId}}"_s,
                u"order-select"_s, orderSelectContext(), options)),
            u"X?_id=s1,pat-1"_s);
        // resolve() of a selection finds the draft order.
        QCOMPARE(queryOf(planOne(u"X?m={{context.selections.resolve().medication.reference}}"_s,
                                 u"order-select"_s, orderSelectContext(), options)),
                 u"X?m=Medication%2Fmed-9"_s);
        QCOMPARE(planOne(u"X?m={{context.draftOrders.entry.resource.ofType(Task).id}}"_s,
                         u"order-select"_s, orderSelectContext(), options)
                     .omitted()
                     ->reason,
                 OmitReason::AbsentValue);
        bool ok = true;
        evaluateContextPath(u"context.a.where(x)"_s, {}, &ok);
        QVERIFY(!ok);
    }

    void ballot3PrefetchVariables()
    {
        // {{%key...}} reads an earlier prefetch result: omitted until that result is known,
        // then resolved by re-planning with it.
        const QString templ
            = u"Practitioner?_id={{%encounter.participant.individual.resolve().ofType(Practitioner).id}}"_s;
        PrefetchOptions options;
        options.ballot3Extras = true;
        const PrefetchPlanEntry before
            = planOne(templ, u"patient-view"_s, patientViewContext(), options);
        QCOMPARE(before.omitted()->reason, OmitReason::AbsentValue);
        QVERIFY(before.omitted()->message.contains(u"\"encounter\""_s));
        const QJsonObject encounter {
            {u"resourceType"_s, u"Encounter"_s},
            {u"id"_s, u"enc-1"_s},
            {u"participant"_s,
             QJsonArray {QJsonObject {{u"individual"_s,
                                       QJsonObject {{u"reference"_s, u"Practitioner/p1"_s}}}},
                         QJsonObject {{u"individual"_s,
                                       QJsonObject {{u"reference"_s, u"RelatedPerson/r1"_s}}}},
                         QJsonObject {{u"individual"_s,
                                       QJsonObject {{u"reference"_s, u"Practitioner/p2"_s}}}}}}};
        options.prefetchResults = QJsonObject {{u"encounter"_s, encounter}};
        QCOMPARE(queryOf(planOne(templ, u"patient-view"_s, patientViewContext(), options)),
                 u"Practitioner?_id=p1,p2"_s);
        // A null result (no data) selects nothing: still omitted.
        options.prefetchResults = QJsonObject {{u"encounter"_s, QJsonValue::Null}};
        QCOMPARE(planOne(templ, u"patient-view"_s, patientViewContext(), options).omitted()->reason,
                 OmitReason::AbsentValue);
        // Off without the 3.0 extras.
        options.ballot3Extras = false;
        QCOMPARE(planOne(templ, u"patient-view"_s, patientViewContext(), options).omitted()->reason,
                 OmitReason::NeedsBallot3);
    }

    void outcomes_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QJsonObject>("body");
        QTest::addColumn<bool>("isRead");
        QTest::addColumn<int>("kind");
        const QJsonObject patient {{u"resourceType"_s, u"Patient"_s}, {u"id"_s, u"1"_s}};
        const QJsonObject empty {
            {u"resourceType"_s, u"Bundle"_s}, {u"type"_s, u"searchset"_s}, {u"total"_s, 0}};
        const QJsonObject outcome {
            {u"resourceType"_s, u"OperationOutcome"_s},
            {u"issue"_s, QJsonArray {QJsonObject {{u"severity"_s, u"error"_s}}}}};
        QTest::newRow("read found") << 200 << patient << true << int(PrefetchOutcomeKind::Resource);
        QTest::newRow("search empty Bundle")
            << 200 << empty << false << int(PrefetchOutcomeKind::Resource);
        QTest::newRow("read 404 -> null")
            << 404 << outcome << true << int(PrefetchOutcomeKind::Null);
        QTest::newRow("read 410 -> null")
            << 410 << QJsonObject() << true << int(PrefetchOutcomeKind::Null);
        QTest::newRow("204 -> null")
            << 204 << QJsonObject() << false << int(PrefetchOutcomeKind::Null);
        QTest::newRow("search 400 with outcome")
            << 400 << outcome << false << int(PrefetchOutcomeKind::OperationOutcome);
        QTest::newRow("500 without body")
            << 500 << QJsonObject() << true << int(PrefetchOutcomeKind::OperationOutcome);
        QTest::newRow("200 outcome")
            << 200 << outcome << false << int(PrefetchOutcomeKind::OperationOutcome);
        QTest::newRow("no answer")
            << 0 << QJsonObject() << true << int(PrefetchOutcomeKind::Omitted);
        QTest::newRow("200 not FHIR")
            << 200 << QJsonObject {{u"hello"_s, 1}} << true << int(PrefetchOutcomeKind::Omitted);
    }

    void outcomes()
    {
        QFETCH(int, status);
        QFETCH(QJsonObject, body);
        QFETCH(bool, isRead);
        QFETCH(int, kind);
        const PrefetchPlanEntry entry {u"k"_s, u"T"_s, PrefetchResolved {u"T"_s, isRead}};
        const PrefetchOutcome outcome = prefetchOutcome(entry, status, body);
        QCOMPARE(int(outcome.kind), kind);
        const QJsonValue value = prefetchValueFor(status, body, isRead);
        switch (PrefetchOutcomeKind(kind)) {
        case PrefetchOutcomeKind::Resource:
            QCOMPARE(value.toObject(), body);
            break;
        case PrefetchOutcomeKind::Null:
            QVERIFY(value.isNull());
            break;
        case PrefetchOutcomeKind::Omitted:
            QVERIFY(value.isUndefined());
            break;
        case PrefetchOutcomeKind::OperationOutcome:
            QCOMPARE(value.toObject().value(u"resourceType"_s).toString(), u"OperationOutcome"_s);
            if (body.isEmpty()) // synthesized: says which status
                QVERIFY(value.toObject().value(u"issue"_s)[0][u"diagnostics"_s].toString().contains(
                    QString::number(status)));
            break;
        }
    }

    void assembleOmitsOmittedKeys()
    {
        const PrefetchPlanEntry read {u"patient"_s, u"T"_s,
                                      PrefetchResolved {u"Patient/1"_s, true}};
        const PrefetchPlanEntry gone {u"enc"_s, u"T"_s,
                                      PrefetchOmitted {OmitReason::AbsentValue, u"absent"_s}};
        const PrefetchPlanEntry failed {u"obs"_s, u"T"_s,
                                        PrefetchResolved {u"Observation?x=1"_s, false}};
        const PrefetchPlanEntry missing {u"dead"_s, u"T"_s,
                                         PrefetchResolved {u"Patient/2"_s, true}};
        const QJsonObject prefetch
            = assemblePrefetch({prefetchOutcome(read, 404, {}), omittedOutcome(gone),
                                prefetchOutcome(failed, 503, {}), prefetchOutcome(missing, 0, {})});
        QCOMPARE(prefetch.keys(), (QStringList {u"obs"_s, u"patient"_s}));
        QVERIFY(prefetch.value(u"patient"_s).isNull());
        QCOMPARE(prefetch.value(u"obs"_s)[u"resourceType"_s].toString(), u"OperationOutcome"_s);
        QCOMPARE(omittedOutcome(gone).reason, u"absent"_s);
    }
};

QTEST_GUILESS_MAIN(TestCorePrefetch)
#include "tst_core_prefetch.moc"
