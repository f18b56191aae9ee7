// The hook catalogue and one context builder test per library hook (C6).
#include "core/hooks.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace hb::core;

namespace {

QJsonObject bundleOf(const QJsonArray &resources)
{
    QJsonArray entries;
    for (const QJsonValue &resource : resources)
        entries.append(QJsonObject {{u"resource"_s, resource}});
    return QJsonObject {
        {u"resourceType"_s, u"Bundle"_s}, {u"type"_s, u"collection"_s}, {u"entry"_s, entries}};
}

QJsonObject resource(const QString &type, const QString &id)
{
    return QJsonObject {{u"resourceType"_s, type}, {u"id"_s, id}, {u"status"_s, u"draft"_s}};
}

EhrContextInput fullInput()
{
    EhrContextInput in;
    in.userId = u"Practitioner/dr-1"_s;
    in.patientId = u"pat-1"_s;
    in.encounterId = u"enc-1"_s;
    in.draftOrders = bundleOf(
        {resource(u"MedicationRequest"_s, u"m1"_s), resource(u"ServiceRequest"_s, u"s1"_s)});
    in.appointments = bundleOf({resource(u"Appointment"_s, u"a1"_s)});
    in.medications = bundleOf({resource(u"MedicationRequest"_s, u"m1"_s)});
    in.dispatchedOrders = {u"ServiceRequest/s1"_s};
    in.performer = u"Organization/imaging-center"_s;
    in.fulfillmentTasks = QJsonArray {resource(u"Task"_s, u"t1"_s)};
    return in;
}

QString fieldsOf(const HookDefinition &hook)
{
    QStringList out;
    for (const ContextField &field : hook.fields)
        out.append(u"%1%2%3"_s.arg(field.name, field.required ? u"!"_s : u"?"_s,
                                   field.prefetchToken ? u"T"_s : QString()));
    return out.join(u' ');
}

} // namespace

class TestCoreHooks : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void catalogue_data()
    {
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QString>("fields"); // name, ! required / ? optional, T prefetch token
        QTest::newRow("patient-view")
            << u"patient-view"_s << u"userId!T patientId!T encounterId?T"_s;
        QTest::newRow("order-select")
            << u"order-select"_s
            << u"userId!T patientId!T encounterId?T selections! draftOrders!"_s;
        QTest::newRow("order-sign")
            << u"order-sign"_s << u"userId!T patientId!T encounterId?T draftOrders!"_s;
        QTest::newRow("appointment-book")
            << u"appointment-book"_s << u"userId!T patientId!T encounterId?T appointments!"_s;
        QTest::newRow("encounter-start")
            << u"encounter-start"_s << u"userId!T patientId!T encounterId!T"_s;
        QTest::newRow("encounter-discharge")
            << u"encounter-discharge"_s << u"userId!T patientId!T encounterId!T"_s;
        QTest::newRow("order-dispatch")
            << u"order-dispatch"_s
            << u"patientId!T dispatchedOrders!T performer!T fulfillmentTasks?"_s;
        QTest::newRow("medication-prescribe")
            << u"medication-prescribe"_s << u"userId!T patientId!T encounterId?T medications!"_s;
    }

    void catalogue()
    {
        QFETCH(QString, hook);
        QFETCH(QString, fields);
        const HookDefinition definition = hookDefinition(hook);
        QVERIFY(!definition.custom);
        QVERIFY(isStandardHook(hook));
        QCOMPARE(fieldsOf(definition), fields);
        QCOMPARE(definition.deprecated, hook == u"medication-prescribe");
    }

    void catalogueHasExactlyTheEightLibraryHooks()
    {
        QCOMPARE(standardHooks().size(), 8);
        QCOMPARE(hookDefinition(u"order-select"_s).field(u"draftOrders"_s)->type,
                 FieldType::Bundle);
        QCOMPARE(hookDefinition(u"order-select"_s).field(u"selections"_s)->type,
                 FieldType::ReferenceArray);
    }

    void buildContext_data()
    {
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QStringList>("keys");
        QTest::newRow("patient-view")
            << u"patient-view"_s << QStringList {u"encounterId"_s, u"patientId"_s, u"userId"_s};
        QTest::newRow("order-select") << u"order-select"_s
                                      << QStringList {u"draftOrders"_s, u"encounterId"_s,
                                                      u"patientId"_s, u"selections"_s, u"userId"_s};
        QTest::newRow("order-sign")
            << u"order-sign"_s
            << QStringList {u"draftOrders"_s, u"encounterId"_s, u"patientId"_s, u"userId"_s};
        QTest::newRow("appointment-book")
            << u"appointment-book"_s
            << QStringList {u"appointments"_s, u"encounterId"_s, u"patientId"_s, u"userId"_s};
        QTest::newRow("encounter-start")
            << u"encounter-start"_s << QStringList {u"encounterId"_s, u"patientId"_s, u"userId"_s};
        QTest::newRow("encounter-discharge")
            << u"encounter-discharge"_s
            << QStringList {u"encounterId"_s, u"patientId"_s, u"userId"_s};
        // No userId in order-dispatch, even when the EHR knows the user.
        QTest::newRow("order-dispatch")
            << u"order-dispatch"_s
            << QStringList {u"dispatchedOrders"_s, u"fulfillmentTasks"_s, u"patientId"_s,
                            u"performer"_s};
        QTest::newRow("medication-prescribe")
            << u"medication-prescribe"_s
            << QStringList {u"encounterId"_s, u"medications"_s, u"patientId"_s, u"userId"_s};
    }

    void buildContext()
    {
        QFETCH(QString, hook);
        QFETCH(QStringList, keys);
        QList<Finding> problems;
        const QJsonObject context = hb::core::buildContext(hook, fullInput(), &problems);
        QVERIFY2(problems.isEmpty(), describe(problems).constData());
        QCOMPARE(context.keys(), keys);
        if (context.contains(u"userId"_s))
            QCOMPARE(context.value(u"userId"_s).toString(), u"Practitioner/dr-1"_s);
        if (context.contains(u"patientId"_s))
            QCOMPARE(context.value(u"patientId"_s).toString(), u"pat-1"_s);
        // What is built validates against the same definition.
        QVERIFY(validateContext(hook, context).isEmpty());
    }

    void optionalFieldsAreOmittedNotEmpty()
    {
        EhrContextInput in = fullInput();
        in.encounterId.clear();
        const QJsonObject context = hb::core::buildContext(u"patient-view"_s, in);
        QVERIFY(!context.contains(u"encounterId"_s));
        QCOMPARE(QJsonDocument(context).toJson(QJsonDocument::Compact),
                 QByteArray(R"({"patientId":"pat-1","userId":"Practitioner/dr-1"})"));
    }

    void selectionsDefaultToEveryDraftOrder()
    {
        const QJsonObject context = hb::core::buildContext(u"order-select"_s, fullInput());
        QCOMPARE(context.value(u"selections"_s).toArray(),
                 (QJsonArray {u"MedicationRequest/m1"_s, u"ServiceRequest/s1"_s}));
        EhrContextInput in = fullInput();
        in.selections = {u"ServiceRequest/s1"_s};
        QCOMPARE(hb::core::buildContext(u"order-select"_s, in).value(u"selections"_s).toArray(),
                 QJsonArray {u"ServiceRequest/s1"_s});
    }

    void selectionsMustReferenceDraftOrders()
    {
        EhrContextInput in = fullInput();
        in.selections = {u"MedicationRequest/m1"_s, u"MedicationRequest/elsewhere"_s};
        QList<Finding> problems;
        hb::core::buildContext(u"order-select"_s, in, &problems);
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().ruleId, u"C6"_s);
        QCOMPARE(problems.first().pointer, u"/context/selections/1"_s);
        QVERIFY(problems.first().message.contains(u"MedicationRequest/elsewhere"_s));
    }

    void missingRequiredFieldsAreReported()
    {
        EhrContextInput in = fullInput();
        in.encounterId.clear();
        QList<Finding> problems;
        const QJsonObject context = hb::core::buildContext(u"encounter-start"_s, in, &problems);
        QVERIFY(!context.contains(u"encounterId"_s));
        QCOMPARE(problems.size(), 1);
        QCOMPARE(problems.first().pointer, u"/context/encounterId"_s);
        QCOMPARE(problems.first().severity, Severity::Error);
    }

    void customHooksPassContextThrough()
    {
        EhrContextInput in;
        in.customContext = QJsonObject {{u"com.example.flag"_s, true}, {u"patientId"_s, u"p"_s}};
        QList<Finding> problems;
        const QJsonObject context
            = hb::core::buildContext(u"org.example.chart-close"_s, in, &problems);
        QCOMPARE(context, in.customContext);
        QVERIFY(problems.isEmpty());
        QVERIFY(hookDefinition(u"org.example.chart-close"_s).custom);
        QVERIFY(isValidHookName(u"org.example.chart-close"_s));
        QVERIFY(!isValidHookName(u"chart close"_s));
        QVERIFY(!isValidHookName(u"chart-close"_s));
        QVERIFY(isValidHookName(u"order-review"_s)); // a library name outside the builders
    }

    void validateContextChecksTypes_data()
    {
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("userId not a reference")
            << u"patient-view"_s << u"userId"_s << QJsonValue(u"dr-1"_s);
        QTest::newRow("userId wrong type for order-sign")
            << u"order-sign"_s << u"userId"_s << QJsonValue(u"Patient/p1"_s);
        QTest::newRow("patientId as reference")
            << u"patient-view"_s << u"patientId"_s << QJsonValue(u"Patient/pat-1"_s);
        QTest::newRow("patientId as number")
            << u"patient-view"_s << u"patientId"_s << QJsonValue(7);
        QTest::newRow("draftOrders as array")
            << u"order-sign"_s << u"draftOrders"_s
            << QJsonValue(QJsonArray {resource(u"ServiceRequest"_s, u"s"_s)});
        QTest::newRow("appointments not a Bundle")
            << u"appointment-book"_s << u"appointments"_s
            << QJsonValue(resource(u"Appointment"_s, u"a1"_s));
        QTest::newRow("encounterId null") << u"patient-view"_s << u"encounterId"_s << QJsonValue();
        QTest::newRow("encounterId empty")
            << u"patient-view"_s << u"encounterId"_s << QJsonValue(u""_s);
        QTest::newRow("dispatchedOrders not references")
            << u"order-dispatch"_s << u"dispatchedOrders"_s << QJsonValue(QJsonArray {u"s1"_s});
    }

    void validateContextChecksTypes()
    {
        QFETCH(QString, hook);
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QJsonObject context = hb::core::buildContext(hook, fullInput());
        QVERIFY(validateContext(hook, context).isEmpty());
        context.insert(field, value);
        const QList<Finding> problems = validateContext(hook, context);
        QVERIFY2(!problems.isEmpty(), "expected a C6 finding");
        QCOMPARE(problems.first().ruleId, u"C6"_s);
        QVERIFY2(problems.first().pointer.startsWith(u"/context/"_s + field),
                 qPrintable(problems.first().pointer));
    }
};

QTEST_GUILESS_MAIN(TestCoreHooks)
#include "tst_core_hooks.moc"
