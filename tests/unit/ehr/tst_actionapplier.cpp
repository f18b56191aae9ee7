// Accepting a suggestion changes the draft orders as the spec says (C14).
#include "ehr/actionapplier.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using hb::ehr::applyActions;
using hb::ehr::DraftOrders;

namespace {
QJsonObject medication(const QString &id, const QString &code)
{
    return QJsonObject {{u"resourceType"_s, u"MedicationRequest"_s},
                        {u"id"_s, id},
                        {u"status"_s, u"draft"_s},
                        {u"medicationCodeableConcept"_s, QJsonObject {{u"text"_s, code}}}};
}

QJsonArray parse(const char *json)
{
    return QJsonDocument::fromJson(json).array();
}
} // namespace

class TestActionApplier : public QObject
{
    Q_OBJECT

private:
    DraftOrders twoOrders()
    {
        DraftOrders orders;
        orders.put(medication(u"warfarin"_s, u"Warfarin 5 mg"_s));
        orders.put(medication(u"aspirin"_s, u"Aspirin 81 mg"_s));
        orders.select({u"MedicationRequest/aspirin"_s});
        return orders;
    }

private Q_SLOTS:
    void substitutionDeletesThenCreates()
    {
        DraftOrders orders = twoOrders();
        // Listed create-first on purpose: the applier must still delete first.
        const auto result = applyActions(orders, parse(R"([
            {"type":"create","description":"Order clopidogrel","resource":{"resourceType":"MedicationRequest","id":"clopidogrel","status":"draft"}},
            {"type":"delete","description":"Remove aspirin","resourceId":"MedicationRequest/aspirin"}])"));
        QVERIFY2(result.ok, qPrintable(result.problems.join(u"; ")));
        QCOMPARE(result.applied.size(), 2);
        QVERIFY(result.applied.first().startsWith(u"delete MedicationRequest/aspirin"_s));
        QCOMPARE(
            orders.references(),
            QStringList({u"MedicationRequest/warfarin"_s, u"MedicationRequest/clopidogrel"_s}));
        // A deleted order is no longer selected.
        QVERIFY(orders.selections().isEmpty());
    }

    void updateReplacesTheWholeResource()
    {
        DraftOrders orders = twoOrders();
        const auto result
            = applyActions(orders, parse(R"([{"type":"update","description":"Lower dose",
            "resource":{"resourceType":"MedicationRequest","id":"warfarin","status":"draft","note":[{"text":"2 mg"}]}}])"));
        QVERIFY(result.ok);
        const QJsonObject updated = orders.find(u"MedicationRequest/warfarin"_s);
        QCOMPARE(updated.value(u"note"_s).toArray().at(0).toObject().value(u"text"_s).toString(),
                 u"2 mg"_s);
        // Whole replacement: the old medicationCodeableConcept is gone.
        QVERIFY(!updated.contains(u"medicationCodeableConcept"_s));
        QCOMPARE(result.updated, QStringList {u"MedicationRequest/warfarin"_s});
    }

    void legacyDeleteWithIdInResource()
    {
        DraftOrders orders = twoOrders();
        const auto result = applyActions(
            orders, parse(R"([{"type":"delete","description":"x","resource":"aspirin"}])"));
        QVERIFY(result.ok);
        QCOMPARE(result.deleted, QStringList {u"MedicationRequest/aspirin"_s});
        QCOMPARE(orders.size(), 1);
    }

    void allOrNothingWhenOneActionFails()
    {
        DraftOrders orders = twoOrders();
        const auto result = applyActions(orders, parse(R"([
            {"type":"delete","description":"ok","resourceId":"MedicationRequest/aspirin"},
            {"type":"update","description":"not a draft","resource":{"resourceType":"MedicationRequest","id":"lisinopril"}}])"));
        QVERIFY(!result.ok);
        QCOMPARE(result.problems.size(), 1);
        QVERIFY(result.problems.first().contains(u"MedicationRequest/lisinopril"_s));
        QVERIFY(result.applied.isEmpty());
        QCOMPARE(orders.size(), 2); // untouched
    }

    void rejectsUnknownTypesAndMissingResources()
    {
        DraftOrders orders = twoOrders();
        auto result = applyActions(orders, parse(R"([{"type":"patch","description":"x"}])"));
        QVERIFY(!result.ok);
        QVERIFY(result.problems.first().contains(u"unknown action type 'patch'"_s));
        result = applyActions(orders, parse(R"([{"type":"create","description":"x"}])"));
        QVERIFY(!result.ok);
        QVERIFY(result.problems.first().contains(u"no FHIR resource"_s));
        QCOMPARE(orders.size(), 2);
    }

    void createGivesAnIdAndBundleRoundTrips()
    {
        DraftOrders orders;
        const auto result = applyActions(
            orders,
            parse(
                R"([{"type":"create","description":"x","resource":{"resourceType":"ServiceRequest","status":"draft"}}])"));
        QVERIFY(result.ok);
        QCOMPARE(orders.size(), 1);
        QVERIFY(result.created.first().startsWith(u"ServiceRequest/"_s));
        const QJsonObject bundle = orders.toBundle();
        QCOMPARE(bundle.value(u"resourceType"_s).toString(), u"Bundle"_s);
        QStringList problems;
        const DraftOrders back = DraftOrders::fromBundle(bundle, &problems);
        QVERIFY(problems.isEmpty());
        QCOMPARE(back.references(), orders.references());
        // An empty session is a Bundle without an empty entry array (no empty members, V2).
        QVERIFY(!DraftOrders().toBundle().contains(u"entry"_s));
    }
};

QTEST_GUILESS_MAIN(TestActionApplier)
#include "tst_actionapplier.moc"
