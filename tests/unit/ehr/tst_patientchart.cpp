// The chart the EHR screen shows, from the bundled synthetic data.
#include "ehr/patientchart.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPatientChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void summaryAndAge()
    {
        const QJsonObject patient {
            {u"resourceType"_s, u"Patient"_s},
            {u"id"_s, u"p1"_s},
            {u"gender"_s, u"female"_s},
            {u"birthDate"_s, u"1958-11-06"_s},
            {u"name"_s,
             QJsonArray {
                 QJsonObject {{u"family"_s, u"Hart"_s}, {u"given"_s, QJsonArray {u"Amelia"_s}}}}}};
        const auto summary = hb::ehr::summarizePatient(patient, QDate(2026, 11, 5));
        QCOMPARE(summary.name, u"Amelia Hart"_s);
        QCOMPARE(summary.ageYears, 67); // birthday not reached yet
        QCOMPARE(hb::ehr::summarizePatient(patient, QDate(2026, 11, 6)).ageYears, 68);
        QCOMPARE(summary.details(), u"female · 67 y · born 1958-11-06 · p1"_s);
    }

    void chartOfThePenicillinAllergyPatient()
    {
        const auto store = hb::fhir::FhirStore::builtin();
        const auto chart = hb::ehr::chartFor(store, u"pt-amelia-hart"_s);
        QCOMPARE(chart.summary.name, u"Amelia Hart"_s);
        QVERIFY(!chart.allergies.isEmpty());
        QVERIFY2(chart.allergies.join(u' ').contains(u"high criticality"_s),
                 qPrintable(chart.allergies.join(u"; ")));
        QVERIFY(chart.medications.join(u' ').contains(u"Lisinopril"_s));
        QVERIFY(!chart.conditions.isEmpty());
        QVERIFY(!chart.observations.isEmpty());
        QVERIFY(!chart.lastEncounterId.isEmpty());
    }

    void inpatientHasAnOpenEncounterAndUnknownPatientIsEmpty()
    {
        const auto store = hb::fhir::FhirStore::builtin();
        QVERIFY(!hb::ehr::chartFor(store, u"pt-bruno-keller"_s).openEncounterId.isEmpty());
        const auto none = hb::ehr::chartFor(store, u"no-such-patient"_s);
        QVERIFY(none.summary.id.isEmpty());
        QVERIFY(none.conditions.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestPatientChart)
#include "tst_patientchart.moc"
