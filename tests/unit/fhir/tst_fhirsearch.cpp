// FHIR search over a FhirStore without HTTP: token, reference, string and date parameters,
// sorting, paging links, and the bundled synthetic data and catalogue.
#include "fhir/catalogue.h"
#include "fhir/fhirstore.h"
#include "fhir/search.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::fhir;

namespace {

QJsonObject patient(const QString &id, const QString &family, const QString &given,
                    const QString &born)
{
    QJsonObject p {
        {u"resourceType"_s, u"Patient"_s},
        {u"id"_s, id},
        {u"name"_s,
         QJsonArray {QJsonObject {{u"family"_s, family}, {u"given"_s, QJsonArray {given}}}}}};
    if (!born.isEmpty())
        p.insert(u"birthDate"_s, born);
    return p;
}

QJsonObject observation(const QString &id, const QString &patientId, const QJsonArray &codings,
                        const QString &when)
{
    return {{u"resourceType"_s, u"Observation"_s},
            {u"id"_s, id},
            {u"status"_s, u"final"_s},
            {u"code"_s, QJsonObject {{u"coding"_s, codings}}},
            {u"subject"_s, QJsonObject {{u"reference"_s, u"Patient/"_s + patientId}}},
            {u"effectiveDateTime"_s, when}};
}

QJsonObject coding(const QString &system, const QString &code)
{
    QJsonObject c {{u"code"_s, code}};
    if (!system.isEmpty())
        c.insert(u"system"_s, system);
    return c;
}

QStringList ids(const SearchResult &result)
{
    QStringList out;
    for (const auto &r : result.matches)
        out.append(r.value(u"id"_s).toString());
    return out;
}

} // namespace

class TestFhirSearch : public QObject
{
    Q_OBJECT

private:
    FhirStore store;

    SearchResult run(const QString &type, const QueryItems &params)
    {
        return search(store, SearchRequest {type, params, false, {}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        store.addResource(patient(u"a"_s, u"Zoë"_s, u"Anna"_s, u"1980-04-01"_s));
        store.addResource(patient(u"b"_s, u"Brown"_s, u"Zoe"_s, u"2001-12-31"_s));
        store.addResource(patient(u"c"_s, u"Chen"_s, u"Carl"_s, {}));
        store.addResource(observation(u"o1"_s, u"a"_s, {coding(u"http://loinc.org"_s, u"1-1"_s)},
                                      u"2024-01-01T10:00:00Z"_s));
        store.addResource(
            observation(u"o2"_s, u"a"_s, {coding({}, u"1-1"_s)}, u"2024-03-01T10:00:00Z"_s));
        store.addResource(observation(u"o3"_s, u"b"_s, {coding(u"http://other"_s, u"1-1"_s)},
                                      u"2023-06-01T10:00:00Z"_s));
    }

    void replacingKeepsOneCopy()
    {
        FhirStore copy = store;
        QVERIFY(copy.addResource(patient(u"a"_s, u"Again"_s, u"A"_s, {})));
        QCOMPARE(copy.all(u"Patient"_s).size(), 3);
        QCOMPARE(copy.read(u"Patient"_s, u"a"_s)->value(u"name"_s)[0][u"family"_s].toString(),
                 u"Again"_s);
        QVERIFY(!copy.addResource(QJsonObject {{u"resourceType"_s, u"Patient"_s}}));
        QString error;
        QVERIFY(!copy.addBundle(QJsonObject {{u"resourceType"_s, u"Patient"_s}}, &error));
        QVERIFY(error.contains(u"not a FHIR Bundle"_s));
    }

    void tokenForms()
    {
        QCOMPARE(ids(run(u"Observation"_s, {{u"code"_s, u"1-1"_s}})),
                 (QStringList {u"o1"_s, u"o2"_s, u"o3"_s}));
        QCOMPARE(ids(run(u"Observation"_s, {{u"code"_s, u"http://loinc.org|1-1"_s}})),
                 QStringList {u"o1"_s});
        QCOMPARE(ids(run(u"Observation"_s, {{u"code"_s, u"|1-1"_s}})), QStringList {u"o2"_s});
        QCOMPARE(ids(run(u"Observation"_s, {{u"code"_s, u"http://other|"_s}})),
                 QStringList {u"o3"_s});
        QCOMPARE(ids(run(u"Observation"_s, {{u"code"_s, u"x,http://loinc.org|1-1"_s}})),
                 QStringList {u"o1"_s});
    }

    void andAcrossParametersOrWithinOne()
    {
        QCOMPARE(ids(run(u"Observation"_s, {{u"patient"_s, u"a"_s}, {u"date"_s, u"ge2024-02"_s}})),
                 QStringList {u"o2"_s});
        QCOMPARE(ids(run(u"Observation"_s, {{u"patient"_s, u"a,b"_s}})).size(), 3);
        QCOMPARE(ids(run(u"Observation"_s, {{u"subject"_s, u"http://x.example/fhir/Patient/b"_s}})),
                 QStringList {u"o3"_s});
        QCOMPARE(ids(run(u"Observation"_s, {{u"patient"_s, u"Practitioner/a"_s}})).size(), 0);
    }

    void stringSearchIgnoresCaseAndAccents()
    {
        QCOMPARE(ids(run(u"Patient"_s, {{u"family"_s, u"zoe"_s}})), QStringList {u"a"_s});
        QCOMPARE(ids(run(u"Patient"_s, {{u"name"_s, u"ZOE"_s}})), (QStringList {u"a"_s, u"b"_s}));
        QCOMPARE(ids(run(u"Patient"_s, {{u"name:exact"_s, u"Zoë"_s}})), QStringList {u"a"_s});
        QCOMPARE(ids(run(u"Patient"_s, {{u"name:contains"_s, u"he"_s}})), QStringList {u"c"_s});
    }

    void sortingPutsMissingValuesLast()
    {
        QCOMPARE(ids(run(u"Patient"_s, {{u"_sort"_s, u"birthdate"_s}})),
                 (QStringList {u"a"_s, u"b"_s, u"c"_s}));
        QCOMPARE(ids(run(u"Patient"_s, {{u"_sort"_s, u"-birthdate"_s}})),
                 (QStringList {u"b"_s, u"a"_s, u"c"_s}));
        QCOMPARE(ids(run(u"Observation"_s, {{u"_sort"_s, u"patient,-date"_s}})),
                 (QStringList {u"o2"_s, u"o1"_s, u"o3"_s}));
    }

    void filterRestrictsResults()
    {
        SearchRequest request {u"Observation"_s, {}, false, [](const QJsonObject &r) {
                                   return r.value(u"id"_s).toString() != u"o2";
                               }};
        QCOMPARE(ids(search(store, request)), (QStringList {u"o1"_s, u"o3"_s}));
    }

    void pagingLinks()
    {
        SearchResult result
            = run(u"Observation"_s, {{u"_count"_s, u"2"_s}, {u"_offset"_s, u"2"_s}});
        QCOMPARE(result.matches.size(), 3);
        const QJsonObject bundle
            = searchBundle(result, u"http://h/fhir/Observation"_s, u"http://h/fhir"_s);
        QCOMPARE(bundle[u"total"_s].toInt(), 3);
        QCOMPARE(bundle[u"entry"_s].toArray().size(), 1);
        QCOMPARE(bundle[u"entry"_s][0][u"fullUrl"_s].toString(), u"http://h/fhir/Observation/o3"_s);
        QStringList relations;
        for (const auto &link : bundle[u"link"_s].toArray())
            relations.append(link[u"relation"_s].toString());
        QCOMPARE(relations, (QStringList {u"self"_s, u"first"_s, u"previous"_s, u"last"_s}));
        QVERIFY(bundle[u"link"_s][2][u"url"_s].toString().contains(u"_offset=0"_s));
        const auto none
            = searchBundle(run(u"Observation"_s, {{u"_count"_s, u"0"_s}}), u"x"_s, u"y"_s);
        QCOMPARE(none[u"total"_s].toInt(), 3);
        QVERIFY(!none.contains(u"entry"_s));
        QCOMPARE(run(u"Observation"_s, {{u"_count"_s, u"100000"_s}}).count, maxPageSize);
    }

    void errors()
    {
        QCOMPARE(run(u"Nope"_s, {}).status, 404);
        QCOMPARE(run(u"Patient"_s, {{u"birthdate"_s, u"sa2020"_s}}).status, 400);
        QCOMPARE(
            search(store, SearchRequest {u"Patient"_s, {{u"colour"_s, u"x"_s}}, true, {}}).status,
            400);
        const auto lenient = run(u"Patient"_s, {{u"colour"_s, u"x"_s}});
        QCOMPARE(lenient.status, 200);
        QCOMPARE(lenient.ignored, QStringList {u"colour"_s});
    }

    void bundledDataIsCompleteAndShifted()
    {
        const FhirStore builtin = FhirStore::builtin();
        QVERIFY(builtin.all(u"Patient"_s).size() >= 12);
        QVERIFY(builtin.all(u"Practitioner"_s).size() >= 3);
        QVERIFY(builtin.all(u"PractitionerRole"_s).size() >= 3);
        QCOMPARE(builtin.all(u"Organization"_s).size(), 1);
        for (const QString &type : {u"Condition"_s, u"MedicationRequest"_s, u"AllergyIntolerance"_s,
                                    u"Observation"_s, u"Encounter"_s, u"Appointment"_s})
            QVERIFY2(!builtin.all(type).isEmpty(), qPrintable(type));
        for (const auto &p : builtin.all(u"Patient"_s))
            QVERIFY(!builtin.demonstrates(p.value(u"id"_s).toString()).isEmpty());
        QCOMPARE(builtin.dayShift(), QDate(2026, 6, 1).daysTo(QDate::currentDate()));
        const FhirStore unshifted = FhirStore::builtin(false);
        QCOMPARE(unshifted.dayShift(), 0);
        // Carmen's HbA1c stays 300 days old whatever the date.
        const auto a1c = builtin.read(u"Observation"_s, u"obs-carmen-ortiz-hba1c-1"_s);
        QVERIFY(a1c);
        const QDate when = QDate::fromString(a1c->value(u"effectiveDateTime"_s).toString().left(10),
                                             Qt::ISODate);
        QCOMPARE(when.daysTo(QDate::currentDate()), 300);
    }

    void catalogue()
    {
        const Catalogue &c = Catalogue::builtin();
        QVERIFY(c.formulary().size() >= 10);
        QCOMPARE(c.medication(u"617318"_s)->value(u"brandOf"_s).toString(), u"617310"_s);
        QVERIFY(c.classesOf(u"308191"_s).contains(u"penicillin"_s));
        QCOMPARE(c.allergyClassesOf(u"http://www.nlm.nih.gov/research/umls/rxnorm"_s, u"7980"_s),
                 QStringList {u"penicillin"_s});
        QCOMPARE(c.renalRule(u"metformin"_s)[u"egfrBelow"_s].toInt(), 30);
        QVERIFY(c.imagingItem(u"IMG-MRI-LSPINE"_s));
        QVERIFY(!c.medication(u"0"_s));
    }
};

QTEST_GUILESS_MAIN(TestFhirSearch)
#include "tst_fhirsearch.moc"
