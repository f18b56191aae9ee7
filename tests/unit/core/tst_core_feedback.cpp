// Feedback bodies (C21): what the client sends passes, the classic mistakes do not.
#include "core/feedback.h"
#include "core/validator.h"
#include "testutil.h"

using namespace Qt::StringLiterals;
using namespace hb::core;

class TestCoreFeedback : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void specExamplesPass()
    {
        const QJsonObject body = loadCoreJson(u"feedback/accepted-and-overridden.json"_s);
        QCOMPARE(detectKind(body), DocumentKind::Feedback);
        const QList<Finding> findings = validateFeedback(body);
        QVERIFY2(findings.isEmpty(), describe(findings).constData());
    }

    void whatWeSendPasses()
    {
        Feedback accepted;
        accepted.card = u"c1"_s;
        accepted.acceptedSuggestions = {u"s1"_s, u"s2"_s};
        accepted.outcomeTimestamp = QDateTime::currentDateTime(); // local time in, UTC out
        Feedback overridden;
        overridden.card = u"c2"_s;
        overridden.outcome = FeedbackOutcome::Overridden;
        overridden.overrideReason = OverrideReason {{}, u"not for this patient"_s};
        overridden.outcomeTimestamp = QDateTime::currentDateTimeUtc();
        const QList<Finding> findings = validateFeedback(feedbackBody({accepted, overridden}));
        QVERIFY2(findings.isEmpty(), describe(findings).constData());
    }

    void mistakesAreFound()
    {
        const QList<Finding> findings = validateFeedback(loadCoreJson(u"feedback/broken.json"_s));
        QStringList where;
        for (const Finding &finding : withSeverity(findings, Severity::Error))
            where.append(finding.ruleId + u' ' + finding.pointer);
        QCOMPARE(where,
                 (QStringList {u"V2 /feedback/1/overrideReason"_s,
                               u"C21 /feedback/0/acceptedSuggestions"_s,
                               u"C21 /feedback/0/outcomeTimestamp"_s, u"C21 /feedback/1/outcome"_s,
                               u"C21 /feedback/1/overrideReason"_s}));
    }

    void notAFeedbackBody()
    {
        const QList<Finding> findings = validateFeedback({{u"feedback"_s, u"accepted"_s}});
        QCOMPARE(findings.size(), 1);
        QCOMPARE(findings.first().pointer, u"/feedback"_s);
    }
};

QTEST_GUILESS_MAIN(TestCoreFeedback)
#include "tst_core_feedback.moc"
