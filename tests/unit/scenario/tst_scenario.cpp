// The scenario library without a network: parsing with JSON pointers in every problem,
// defaults inherited by steps, URL checks before use, quantiles, and reports that carry each
// failure's reason into the readable summary, the JUnit XML and the JSON report.
#include "scenario/report.h"
#include "scenario/runner.h"
#include "scenario/scenario.h"

#include <QJsonArray>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;
using namespace hb::scenario;

class TestScenario : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void stepsInheritDefaults()
    {
        const QJsonObject json {
            {u"name"_s, u"s"_s},
            {u"defaults"_s,
             QJsonObject {{u"discovery"_s, u"embedded"_s}, {u"patient"_s, u"pt-a"_s}}},
            {u"steps"_s,
             QJsonArray {
                 QJsonObject {
                     {u"service"_s, u"x"_s},
                     {u"repeat"_s, 3},
                     {u"expect"_s, QJsonObject {{u"cards"_s, 2}, {u"validation"_s, u"clean"_s}}}},
                 QJsonObject {{u"service"_s, u"y"_s},
                              {u"patient"_s, u"pt-b"_s},
                              {u"origin"_s, u"none"_s}}}}};
        QStringList problems;
        const auto scenario = parseScenario(json, u"/tmp"_s, &problems);
        QVERIFY2(scenario, qPrintable(problems.join(u'\n')));
        QCOMPARE(scenario->steps.size(), 2);
        QCOMPARE(scenario->steps[0].call.patient, u"pt-a"_s);
        QCOMPARE(scenario->steps[0].repeat, 3);
        QVERIFY(scenario->steps[0].expect.cards->contains(2));
        QVERIFY(!scenario->steps[0].expect.cards->contains(3));
        QCOMPARE(*scenario->steps[0].expect.allowedRules, QStringList());
        QCOMPARE(scenario->steps[1].call.patient, u"pt-b"_s);
        QCOMPARE(scenario->steps[1].call.cors, false);
        QCOMPARE(scenario->steps[1].name, u"step 2"_s);
    }

    void problemsCarryPointers()
    {
        const QJsonObject json {
            {u"steps"_s,
             QJsonArray {
                 QJsonObject {{u"discovery"_s, u"http://127.0.0.1:99999"_s},
                              {u"service"_s, u"x"_s},
                              {u"summary"_s, u"oops"_s},
                              {u"expect"_s,
                               QJsonObject {{u"summary"_s, u"(unclosed"_s},
                                            {u"indicators"_s, QJsonArray {u"hard-stop"_s}}}},
                              {u"accept"_s, QJsonObject {}},
                              {u"override"_s, QJsonObject {}}},
                 42}}};
        QStringList problems;
        QVERIFY(!parseScenario(json, {}, &problems));
        const QString all = problems.join(u'\n');
        QVERIFY2(all.contains(u"/name: is required"_s), qPrintable(all));
        QVERIFY(all.contains(u"/steps/0/summary: unknown member"_s));
        QVERIFY(all.contains(u"/steps/0/expect/summary: is not a valid regular expression"_s));
        QVERIFY(all.contains(u"/steps/0/expect/indicators: 'hard-stop'"_s));
        QVERIFY(all.contains(u"/steps/0/override: a step either accepts or overrides"_s));
        QVERIFY(all.contains(u"/steps/0: discovery: 'http://127.0.0.1:99999' has port '99999'"_s));
        QVERIFY(all.contains(u"/steps/1: must be an object"_s));
    }

    void urlsAreCheckedBeforeUse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("url");
        QTest::newRow("plain") << u"http://127.0.0.1:8080/cds-services"_s
                               << u"http://127.0.0.1:8080/cds-services"_s;
        QTest::newRow("no scheme") << u"127.0.0.1:3000"_s << u"http://127.0.0.1:3000"_s;
        QTest::newRow("port too big") << u"http://127.0.0.1:99999"_s << QString();
        QTest::newRow("port zero") << u"http://127.0.0.1:0/x"_s << QString();
        QTest::newRow("ftp") << u"ftp://127.0.0.1/x"_s << QString();
        QTest::newRow("no host") << u"http:///x"_s << QString();
        QTest::newRow("empty") << u" "_s << QString();
    }

    void urlsAreCheckedBeforeUse()
    {
        QFETCH(QString, text);
        QFETCH(QString, url);
        QString reason;
        const auto parsed = parseHttpUrl(text, &reason);
        if (url.isEmpty()) {
            QVERIFY(!parsed);
            QVERIFY(!reason.isEmpty());
        } else {
            QVERIFY2(parsed, qPrintable(reason));
            QCOMPARE(parsed->toString(), url);
        }
    }

    void quantileByNearestRank()
    {
        QCOMPARE(quantile({}, 0.5), -1.0);
        QList<double> values;
        for (int i = 100; i >= 1; --i)
            values.append(i);
        QCOMPARE(quantile(values, 0.5), 50.0);
        QCOMPARE(quantile(values, 0.95), 95.0);
        QCOMPARE(quantile(values, 0.99), 99.0);
        QCOMPARE(quantile(values, 1.0), 100.0);
        QCOMPARE(quantile({7}, 0.95), 7.0);
    }

    void reportsCarryTheReason()
    {
        ScenarioReport report;
        report.name = u"demo & <friends>"_s;
        StepReport ok;
        ok.name = u"fine"_s;
        ok.assertions = {{u"status"_s, true, u"200"_s, u"200"_s, u"HTTP status"_s}};
        StepReport bad;
        bad.name = u"broken"_s;
        bad.assertions = {{u"cards"_s, false, u"1"_s, u"0"_s, u"number of cards"_s}};
        report.steps = {ok, bad};
        QVERIFY(!report.passed());

        const QString text = reportToText({report}, false);
        QVERIFY(text.contains(u"FAIL demo & <friends>"_s));
        QVERIFY2(text.contains(u"- cards: number of cards (expected 1, got 0)"_s),
                 qPrintable(text));
        QVERIFY(!text.contains(u'\x1b'));
        QVERIFY(reportToText({report}, true).contains(u"\x1b[31mFAIL\x1b[0m"_s));

        QXmlStreamReader xml(reportToJUnit({report}));
        int cases = 0, failures = 0;
        QString message;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"testsuite")
                QCOMPARE(xml.attributes().value(u"name"_s).toString(), report.name);
            cases += xml.name() == u"testcase";
            if (xml.name() == u"failure") {
                ++failures;
                message = xml.attributes().value(u"message"_s).toString();
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QCOMPARE(cases, 2);
        QCOMPARE(failures, 1);
        QCOMPARE(message, u"cards: number of cards (expected 1, got 0)"_s);

        const QJsonObject json = reportToJson({report});
        QCOMPARE(json.value(u"ok"_s).toBool(true), false);
        QCOMPARE(json[u"summary"_s][u"failedAssertions"_s].toInt(), 1);
        QCOMPARE(json[u"scenarios"_s][0][u"steps"_s][1][u"passed"_s].toBool(true), false);
        QVERIFY(reportToJson({}).value(u"error"_s).toString().contains(u"no scenario"_s));
    }
};

QTEST_GUILESS_MAIN(TestScenario)
#include "tst_scenario.moc"
