// One passing and one failing fixture per validator rule V1-V26 (tests/data/core/rules).
#include "core/validator.h"
#include "testutil.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using namespace hb::core;

class TestCoreRules : public QObject
{
    Q_OBJECT

private:
    static QList<Finding> validateFixture(const QString &file)
    {
        const QJsonObject doc = loadCoreJson(u"rules/"_s + file);
        if (file.startsWith(u"V23"_s)) {
            const QJsonValue body = doc.value(u"body"_s);
            const QByteArray bytes = body.isString()
                ? body.toString().toUtf8()
                : QJsonDocument(body.toObject()).toJson(QJsonDocument::Compact);
            return validateHttpStatus(doc.value(u"status"_s).toInt(), bytes);
        }
        switch (detectKind(doc)) {
        case DocumentKind::Discovery:
            return validateDiscovery(doc);
        case DocumentKind::Request:
            return validateRequest(doc);
        default:
            return validateResponse(doc);
        }
    }

private Q_SLOTS:
    void rule_data()
    {
        QTest::addColumn<QString>("rule");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("pointer");
        const auto row = [](const char *rule, Severity severity, const QString &pointer) {
            QTest::newRow(rule) << QString::fromLatin1(rule) << int(severity) << pointer;
        };
        const QString s0 = u"/cards/0/suggestions/0"_s;
        row("V1", Severity::Error, u"/cards"_s);
        row("V2", Severity::Error, u"/cards/0/links"_s);
        row("V3", Severity::Error, u"/cards/0/source"_s);
        row("V4", Severity::Error, u"/cards/0/summary"_s);
        row("V5", Severity::Error, u"/cards/0/indicator"_s);
        row("V6", Severity::Error, u"/cards/0/selectionBehavior"_s);
        row("V7", Severity::Error, u"/cards/0/selectionBehavior"_s);
        row("V8", Severity::Error, u"/cards/0/suggestions"_s);
        row("V9", Severity::Error, s0 + u"/isRecommended"_s);
        row("V10", Severity::Error, s0 + u"/actions/0/type"_s);
        row("V11", Severity::Error, s0 + u"/actions/0/resource/id"_s);
        row("V12", Severity::Error, s0 + u"/actions/0/resourceId"_s);
        row("V13", Severity::Error, u"/cards/0/overrideReasons/0/display"_s);
        row("V14", Severity::Error, u"/cards/0/source/topic/system"_s);
        row("V15", Severity::Error, u"/cards/0/source/url"_s);
        row("V16", Severity::Error, u"/cards/0/links/0/type"_s);
        row("V17", Severity::Error, u"/cards/0/links/0/appContext"_s);
        row("V18", Severity::Error, u"/cards/0/links/0/autolaunchable"_s);
        row("V19", Severity::Warning, u"/cards/0/detail"_s);
        row("V20", Severity::Error, s0 + u"/uuid"_s);
        row("V21", Severity::Error, u"/systemActions/0/type"_s);
        row("V22", Severity::Error, u"/cards/0/extension"_s);
        row("V23", Severity::Warning, QString());
        row("V24", Severity::Error, u"/services/1"_s);
        row("V25", Severity::Error, u"/services/0/prefetch/meds"_s);
        row("V26", Severity::Warning, u"/services/0/hook"_s);
    }

    void rule()
    {
        QFETCH(QString, rule);
        QFETCH(int, severity);
        QFETCH(QString, pointer);
        const QString stem = rule.size() == 2 ? u"V0"_s + rule.back() : rule;

        // The passing fixture: valid as a whole, and nothing at all under this rule
        // (except advisory info).
        const QList<Finding> passing = validateFixture(stem + u"-pass.json"_s);
        QVERIFY2(!hasErrors(passing), describe(passing).constData());
        const QList<Finding> passRule = withRule(passing, rule);
        QVERIFY2(withSeverity(passRule, Severity::Warning).isEmpty(),
                 describe(passRule).constData());

        // The failing fixture: the rule fires where the problem is, with the right severity.
        const QList<Finding> failing = validateFixture(stem + u"-fail.json"_s);
        bool found = false;
        for (const Finding &finding : withRule(failing, rule)) {
            if (finding.pointer == pointer && int(finding.severity) == severity) {
                found = true;
                QVERIFY(!finding.message.isEmpty());
                QVERIFY2(!finding.message.contains(u'\n'), "messages are one line");
            }
        }
        QVERIFY2(found, describe(failing).constData());
    }

    void summaryCountsCodePointsNotUtf16Units()
    {
        // V4 counts code points: 139 with one emoji is fine although it is 140 UTF-16 units.
        const QString summary = QString(138, u'A') + QString::fromUcs4(U"\U0001F600");
        QCOMPARE(summary.size(), 140);
        const QJsonObject card {{u"uuid"_s, u"4e0a3a1e-3283-4575-ab82-028d55fe2719"_s},
                                {u"summary"_s, summary},
                                {u"indicator"_s, u"info"_s},
                                {u"source"_s, QJsonObject {{u"label"_s, u"x"_s}}}};
        QVERIFY(withRule(validateResponse({{u"cards"_s, QJsonArray {card}}}), u"V4"_s).isEmpty());
        // The length reads like the card's own note ("shortened from 1,048,576 characters").
        QJsonObject huge = card;
        huge[u"summary"_s] = QString(1024 * 1024, u'A');
        const auto tooLong = withRule(validateResponse({{u"cards"_s, QJsonArray {huge}}}), u"V4"_s);
        QCOMPARE(tooLong.size(), 1);
        QCOMPARE(tooLong.first().message,
                 u"summary must be fewer than 140 characters, it has 1,048,576"_s);
        QJsonObject exactly140 = card;
        exactly140[u"summary"_s] = QString(140, u'A');
        const auto found
            = withRule(validateResponse({{u"cards"_s, QJsonArray {exactly140}}}), u"V4"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().severity, Severity::Warning); // literal "<140" reading
        // One sentence is advisory: an info, and "Dr. Smith" style abbreviations before a
        // lower-case word do not trigger it.
        QJsonObject twoSentences = card;
        twoSentences[u"summary"_s] = u"Dose is high. Consider 250 mg."_s;
        const auto info
            = withRule(validateResponse({{u"cards"_s, QJsonArray {twoSentences}}}), u"V4"_s);
        QCOMPARE(info.size(), 1);
        QCOMPARE(info.first().severity, Severity::Info);
        twoSentences[u"summary"_s] = u"Approx. two tablets a day is too much"_s;
        QVERIFY(withRule(validateResponse({{u"cards"_s, QJsonArray {twoSentences}}}), u"V4"_s)
                    .isEmpty());
    }

    void serviceIdMustBeAPathSegment()
    {
        QJsonObject doc = loadCoreJson(u"rules/V24-pass.json"_s);
        QJsonArray services = doc.value(u"services"_s).toArray();
        QJsonObject first = services.at(0).toObject();
        first[u"id"_s] = u"greeter/v2"_s;
        services[0] = first;
        doc[u"services"_s] = services;
        const auto found = withRule(validateDiscovery(doc), u"V24"_s);
        QCOMPARE(found.size(), 1);
        QCOMPARE(found.first().pointer, u"/services/0/id"_s);
        QVERIFY(found.first().message.contains(u"greeter/v2"_s));
    }

    void version10Differences()
    {
        // "any" is 2.0; 1.0 only knows at-most-one.
        const QJsonObject any = loadCoreJson(u"rules/V07-pass.json"_s);
        QVERIFY(withRule(validateResponse(any, {}, SpecVersion::V2_0), u"V7"_s).isEmpty());
        QCOMPARE(withRule(validateResponse(any, {}, SpecVersion::V1_0), u"V7"_s).size(), 1);
        // The id-string delete is the 1.0 form: no deprecation warning there, a warning in 2.0.
        const QJsonObject legacyDelete {
            {u"cards"_s,
             QJsonArray {
                 QJsonObject {{u"summary"_s, u"Remove it"_s},
                              {u"indicator"_s, u"warning"_s},
                              {u"source"_s, QJsonObject {{u"label"_s, u"x"_s}}},
                              {u"selectionBehavior"_s, u"at-most-one"_s},
                              {u"suggestions"_s,
                               QJsonArray {QJsonObject {
                                   {u"label"_s, u"Delete"_s},
                                   {u"actions"_s,
                                    QJsonArray {QJsonObject {{u"type"_s, u"delete"_s},
                                                             {u"description"_s, u"Remove"_s},
                                                             {u"resource"_s, u"123"_s}}}}}}}}}}};
        QVERIFY(
            withRule(validateResponse(legacyDelete, {}, SpecVersion::V1_0), u"V12"_s).isEmpty());
        const auto v2 = withRule(validateResponse(legacyDelete), u"V12"_s);
        QCOMPARE(v2.size(), 1);
        QCOMPARE(v2.first().severity, Severity::Warning);
        // No uuid warnings under 1.0 (feedback did not exist).
        QVERIFY(
            withRule(validateResponse(legacyDelete, {}, SpecVersion::V1_0), u"V20"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCoreRules)
#include "tst_core_rules.moc"
