// FHIR date ranges: precision, timezones, periods, the eq/lt/gt/ge/le comparisons and the
// date shift that keeps the bundled data relative to today.
#include "fhir/daterange.h"

#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;
using hb::fhir::DatePrefix;
using hb::fhir::DateRange;

class TestDateRange : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void precisionBecomesARange_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("start");
        QTest::addColumn<QString>("end");
        QTest::newRow("year") << u"2024"_s << u"2024-01-01T00:00:00Z"_s
                              << u"2025-01-01T00:00:00Z"_s;
        QTest::newRow("month") << u"2024-02"_s << u"2024-02-01T00:00:00Z"_s
                               << u"2024-03-01T00:00:00Z"_s;
        QTest::newRow("day") << u"2024-02-29"_s << u"2024-02-29T00:00:00Z"_s
                             << u"2024-03-01T00:00:00Z"_s;
        QTest::newRow("seconds") << u"2024-02-29T10:15:30Z"_s << u"2024-02-29T10:15:30Z"_s
                                 << u"2024-02-29T10:15:31Z"_s;
        QTest::newRow("offset") << u"2024-02-29T10:15:30+02:00"_s << u"2024-02-29T08:15:30Z"_s
                                << u"2024-02-29T08:15:31Z"_s;
        QTest::newRow("fraction") << u"2024-02-29T10:15:30.123Z"_s << u"2024-02-29T10:15:30Z"_s
                                  << u"2024-02-29T10:15:31Z"_s;
    }

    void precisionBecomesARange()
    {
        QFETCH(QString, text);
        QFETCH(QString, start);
        QFETCH(QString, end);
        const auto range = DateRange::parse(text);
        QVERIFY(range);
        QCOMPARE(range->start.toString(Qt::ISODate), start);
        QCOMPARE(range->end.toString(Qt::ISODate), end);
    }

    void malformedDatesAreRejected_data()
    {
        QTest::addColumn<QString>("text");
        for (const char *bad :
             {"yesterday", "2024-13", "2023-02-29", "2024-1-5", "24-01-01", "2024-01-01T10:00:00",
              "2024-01-01T25:00Z", "", "2024-01-01 10:00Z"})
            QTest::newRow(bad) << QString::fromLatin1(bad);
    }

    void malformedDatesAreRejected()
    {
        QFETCH(QString, text);
        QVERIFY(!DateRange::parse(text));
    }

    void periodsWithOpenEnds()
    {
        const auto open
            = DateRange::fromJson(QJsonObject {{u"start"_s, u"2024-05-01T08:00:00Z"_s}});
        QVERIFY(open);
        QCOMPARE(open->end.date().year(), 9999);
        const auto closed = DateRange::fromJson(
            QJsonObject {{u"start"_s, u"2024-05-01"_s}, {u"end"_s, u"2024-05-03"_s}});
        QCOMPARE(closed->end.toString(Qt::ISODate), u"2024-05-04T00:00:00Z"_s);
        QVERIFY(!DateRange::fromJson(QJsonObject {}));
        QVERIFY(!DateRange::fromJson(42));
    }

    void prefixes()
    {
        const DateRange day = *DateRange::parse(u"2024-05-10"_s);
        const DateRange morning = *DateRange::parse(u"2024-05-10T09:00:00Z"_s);
        QVERIFY(hb::fhir::dateMatches(morning, DatePrefix::Eq, day));
        QVERIFY(
            !hb::fhir::dateMatches(day, DatePrefix::Eq, morning)); // a day is not inside a second
        QVERIFY(hb::fhir::dateMatches(morning, DatePrefix::Lt, *DateRange::parse(u"2024-05-11"_s)));
        QVERIFY(!hb::fhir::dateMatches(morning, DatePrefix::Lt, day));
        QVERIFY(hb::fhir::dateMatches(morning, DatePrefix::Gt, *DateRange::parse(u"2024-05-09"_s)));
        QVERIFY(!hb::fhir::dateMatches(morning, DatePrefix::Gt, day));
        QVERIFY(hb::fhir::dateMatches(morning, DatePrefix::Ge, day));
        QVERIFY(hb::fhir::dateMatches(morning, DatePrefix::Le, day));
        QVERIFY(
            !hb::fhir::dateMatches(morning, DatePrefix::Ge, *DateRange::parse(u"2024-05-11"_s)));
    }

    void shiftKeepsPrecisionAndIgnoresOtherStrings()
    {
        QCOMPARE(hb::fhir::shiftDateString(u"2026-06-01"_s, 3), u"2026-06-04"_s);
        QCOMPARE(hb::fhir::shiftDateString(u"2026-06-30T10:00:00Z"_s, 1),
                 u"2026-07-01T10:00:00Z"_s);
        QCOMPARE(hb::fhir::shiftDateString(u"2024-02-28"_s, 1), u"2024-02-29"_s);
        QCOMPARE(hb::fhir::shiftDateString(u"2026"_s, 400), u"2026"_s); // no day to shift
        QCOMPARE(hb::fhir::shiftDateString(u"4548-4"_s, 10), u"4548-4"_s);
        QCOMPARE(hb::fhir::shiftDateString(u"1234-56-78"_s, 10), u"1234-56-78"_s);
        bool shifted = true;
        QCOMPARE(hb::fhir::shiftDateString(u"HB100001"_s, 10, &shifted), u"HB100001"_s);
        QVERIFY(!shifted);
    }
};

QTEST_GUILESS_MAIN(TestDateRange)
#include "tst_daterange.moc"
