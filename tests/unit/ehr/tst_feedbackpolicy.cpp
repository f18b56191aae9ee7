// When the EHR sends feedback and what it says (C21, C22).
#include "ehr/feedbackpolicy.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

class TestFeedbackPolicy : public QObject
{
    Q_OBJECT

private:
    QList<core::Card> m_cards;
    const QDateTime m_when = QDateTime(QDate(2026, 11, 29), QTime(14, 5, 31), Qt::UTC);

private Q_SLOTS:
    void initTestCase()
    {
        QFile file(QStringLiteral(HOOKBENCH_TEST_DATA "/ehr/feedback-cards.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        m_cards
            = core::CdsResponse::fromJson(QJsonDocument::fromJson(file.readAll()).object()).cards;
        QCOMPARE(m_cards.size(), 2);
    }

    void acceptedSendsCardAndSuggestionUuid()
    {
        const auto feedback = ehr::feedbackForAcceptance(m_cards.at(0), 0, m_when);
        QVERIFY(feedback);
        const QJsonObject json = feedback->toJson();
        QCOMPARE(json.value(u"card"_s).toString(), u"card-1"_s);
        QCOMPARE(json.value(u"outcome"_s).toString(), u"accepted"_s);
        QCOMPARE(json.value(u"acceptedSuggestions"_s)
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"id"_s)
                     .toString(),
                 u"sugg-1"_s);
        QCOMPARE(json.value(u"outcomeTimestamp"_s).toString(), u"2026-11-29T14:05:31Z"_s);
    }

    void nothingWithoutUuids()
    {
        QVERIFY(!ehr::feedbackForAcceptance(m_cards.at(0), 1, m_when)); // suggestion has no uuid
        QVERIFY(!ehr::feedbackForAcceptance(m_cards.at(1), 0, m_when)); // card has no uuid
        QVERIFY(!ehr::feedbackForDismissal(m_cards.at(1), -1, {}, m_when));
        QVERIFY(!ehr::feedbackForAcceptance(m_cards.at(0), 7, m_when)); // out of range
    }

    void overriddenEchoesTheChosenReason()
    {
        const auto feedback = ehr::feedbackForDismissal(m_cards.at(0), 0, u" too busy "_s, m_when);
        QVERIFY(feedback);
        const QJsonObject json = feedback->toJson();
        QCOMPARE(json.value(u"outcome"_s).toString(), u"overridden"_s);
        const QJsonObject reason = json.value(u"overrideReason"_s).toObject();
        QCOMPARE(reason.value(u"reason"_s).toObject().value(u"code"_s).toString(), u"refused"_s);
        QCOMPARE(reason.value(u"reason"_s).toObject().value(u"system"_s).toString(),
                 u"http://example.org/override"_s);
        QCOMPARE(reason.value(u"userComment"_s).toString(), u"too busy"_s);
    }

    void overriddenWithoutReasonOmitsTheMember()
    {
        const auto feedback = ehr::feedbackForDismissal(m_cards.at(0), -1, u"  "_s, m_when);
        QVERIFY(feedback);
        QVERIFY(!feedback->toJson().contains(u"overrideReason"_s)); // never an empty object
    }

    // The line a card shows once its feedback POST ended.
    void feedbackStatusLineSaysWhatTheServiceAnswered()
    {
        using hb::ehr::feedbackStatusLine;
        QCOMPARE(feedbackStatusLine(200, u"OK"_s, {}), u"feedback sent: HTTP 200 OK"_s);
        QCOMPARE(feedbackStatusLine(204, {}, {}), u"feedback sent: HTTP 204 (expected 200)"_s);
        QCOMPARE(feedbackStatusLine(404, u"Not Found"_s, {}),
                 u"no feedback endpoint: HTTP 404 Not Found"_s);
        QCOMPARE(feedbackStatusLine(500, u"Internal Server Error"_s, {}),
                 u"feedback failed: HTTP 500 Internal Server Error"_s);
        QCOMPARE(feedbackStatusLine(0, {}, u"Connection refused"_s),
                 u"feedback failed: Connection refused"_s);
        QCOMPARE(feedbackStatusLine(0, {}, {}), u"feedback failed: no answer"_s);
    }
};

QTEST_GUILESS_MAIN(TestFeedbackPolicy)
#include "tst_feedbackpolicy.moc"
