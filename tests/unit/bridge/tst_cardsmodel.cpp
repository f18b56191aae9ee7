// The cards column's model: EHR order, stale-guidance replacement (C20), error rows (C12, C23).
#include "cardfindings.h"
#include "cardsmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// Responses live in tests/data/bridge/responses.json (moc cannot scan raw strings holding "//").
QList<hb::core::Card> cardsFrom(const char *name)
{
    QFile file(QStringLiteral(HOOKBENCH_TEST_DATA "/bridge/responses.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture file");
    const QJsonObject all = QJsonDocument::fromJson(file.readAll()).object();
    return hb::core::CdsResponse::fromJson(all.value(QLatin1String(name)).toObject()).cards;
}
QString summaryAt(const CardsModel &model, int row)
{
    return model.data(model.index(row), CardsModel::SummaryRole).toString();
}
} // namespace

class TestCardsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordersByUrgencyAndReplacesStaleCards()
    {
        CardsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setServiceCards(u"greeter"_s, u"Greeter"_s, u"h1"_s, cardsFrom("greeter"));
        model.setServiceCards(u"safety"_s, u"Safety"_s, u"h2"_s, cardsFrom("safety"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(summaryAt(model, 0), u"Allergy"_s);
        QCOMPARE(summaryAt(model, 1), u"Check dose"_s);
        QCOMPARE(summaryAt(model, 2), u"Hello"_s);

        // The same service fires again: its old cards go, the others stay (C20).
        model.setServiceCards(u"safety"_s, u"Safety"_s, u"h3"_s, cardsFrom("safety-empty"));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(summaryAt(model, 0), u"Hello"_s);
    }

    void failedServiceIsAnErrorRowOnTop()
    {
        CardsModel model;
        model.setServiceCards(u"greeter"_s, u"Greeter"_s, u"h1"_s, cardsFrom("critical-greeter"));
        model.setServiceError(u"lab"_s, u"Broken service"_s, u"HTTP 500 Internal Server Error"_s);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex top = model.index(0);
        QCOMPARE(model.data(top, CardsModel::IndicatorRole).toString(), u"error"_s);
        QCOMPARE(model.data(top, CardsModel::SummaryRole).toString(), u"Broken service failed"_s);
        QCOMPARE(model.data(top, CardsModel::ErrorTextRole).toString(),
                 u"HTTP 500 Internal Server Error"_s);
    }

    void unknownSelectionBehaviorMakesTheCardAnError()
    {
        CardsModel model;
        model.setServiceCards(u"s"_s, u"S"_s, u"h"_s, cardsFrom("unknown-selection"));
        const QModelIndex row = model.index(0);
        QCOMPARE(model.data(row, CardsModel::IndicatorRole).toString(), u"error"_s);
        QVERIFY(model.data(row, CardsModel::ErrorTextRole).toString().contains(u"exactly-one"_s));
    }

    void rolesCarrySanitizedContent()
    {
        CardsModel model;
        model.setServiceCards(u"s"_s, u"S"_s, u"h"_s, cardsFrom("hostile"));
        const QModelIndex row = model.index(0);
        // The detail reaches QML as HTML written by renderCardDetail: the script is text.
        QCOMPARE(model.data(row, CardsModel::DetailRole).toString(),
                 u"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"_s);
        QVERIFY(model.data(row, CardsModel::SourceUrlRole).toString().isEmpty());
        const QVariantList links = model.data(row, CardsModel::LinksRole).toList();
        QCOMPARE(links.size(), 2);
        QCOMPARE(links.at(0).toMap().value(u"openable"_s).toBool(), true);
        QCOMPARE(links.at(1).toMap().value(u"openable"_s).toBool(), false);
        QCOMPARE(model.data(row, CardsModel::OverrideReasonsRole).toStringList(),
                 QStringList {u"Refused"_s});

        QCOMPARE(model.data(row, CardsModel::SuggestionsRole)
                     .toList()
                     .at(0)
                     .toMap()
                     .value(u"recommended"_s)
                     .toBool(),
                 true);
    }

    // The at-most-one rule lives in the model (C13): once one suggestion is accepted, no other
    // can be, and the view learns it from the `acceptable` member.
    void atMostOneRefusesASecondSuggestion()
    {
        CardsModel model;
        model.setServiceCards(u"s"_s, u"S"_s, u"h"_s, cardsFrom("hostile"));
        QCOMPARE(model.data(model.index(0), CardsModel::SelectionBehaviorRole).toString(),
                 u"at-most-one"_s);
        QVERIFY(model.canAccept(0, 0));
        QVERIFY(model.canAccept(0, 1));
        QVERIFY(model.markAccepted(0, 0));
        QVERIFY(!model.canAccept(0, 0)); // not twice
        QVERIFY(!model.canAccept(0, 1)); // not another one
        QVERIFY(!model.markAccepted(0, 1));
        const QVariantList suggestions
            = model.data(model.index(0), CardsModel::SuggestionsRole).toList();
        QCOMPARE(suggestions.at(0).toMap().value(u"accepted"_s).toBool(), true);
        QCOMPARE(suggestions.at(1).toMap().value(u"accepted"_s).toBool(), false);
        QCOMPARE(suggestions.at(1).toMap().value(u"acceptable"_s).toBool(), false);
        QVERIFY(!model.canAccept(0, 7)); // out of range
        QVERIFY(!model.canAccept(3, 0));
    }

    void dismissedCardAcceptsNothing()
    {
        CardsModel model;
        model.setServiceCards(u"s"_s, u"S"_s, u"h"_s, cardsFrom("hostile"));
        model.markDismissed(0);
        QVERIFY(!model.canAccept(0, 0));
        QCOMPARE(model.data(model.index(0), CardsModel::SuggestionsRole)
                     .toList()
                     .at(0)
                     .toMap()
                     .value(u"acceptable"_s)
                     .toBool(),
                 false);
    }

    // Defect (#9): the unknown-selectionBehavior error card still offered suggestion buttons.
    void errorCardOffersNoSuggestions()
    {
        CardsModel model;
        model.setServiceCards(u"s"_s, u"S"_s, u"h"_s, cardsFrom("unknown-selection"));
        QCOMPARE(model.data(model.index(0), CardsModel::IndicatorRole).toString(), u"error"_s);
        QVERIFY(model.data(model.index(0), CardsModel::SuggestionsRole).toList().isEmpty());
        QVERIFY(!model.canAccept(0, 0));
        QVERIFY(!model.markAccepted(0, 0));
    }

    void cardsCarryHookAndServiceAndGoWhenTheirHooksContextChanges()
    {
        CardsModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setServiceCards(
            {u"src|greeter|patient-view"_s, u"greeter"_s, u"Greeter"_s, u"patient-view"_s, u"h1"_s},
            cardsFrom("greeter"));
        model.setServiceCards(
            {u"src|safety|order-select"_s, u"safety"_s, u"Safety"_s, u"order-select"_s, u"h2"_s},
            cardsFrom("safety"));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.data(model.index(0), CardsModel::HookRole).toString(), u"order-select"_s);
        QCOMPARE(model.data(model.index(0), CardsModel::ServiceIdRole).toString(), u"safety"_s);
        QCOMPARE(model.data(model.index(0), CardsModel::ServiceKeyRole).toString(),
                 u"src|safety|order-select"_s);
        model.removeHooks({u"order-select"_s, u"order-sign"_s});
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.data(model.index(0), CardsModel::HookRole).toString(), u"patient-view"_s);
    }

    // #16: a 1 MB summary (and detail, and a thousand cards) must not reach the view whole.
    void whatReachesTheViewIsBounded()
    {
        CardsModel model;
        QList<hb::core::Card> cards;
        hb::core::Card huge;
        huge.summary = QString(1024 * 1024, u'S');
        huge.detail = QString(1024 * 1024, u'D');
        huge.indicator = u"info"_s;
        cards << huge;
        hb::core::Card small;
        small.summary = u"ok"_s;
        small.indicator = u"info"_s;
        for (int i = 0; i < 1000; ++i)
            cards << small;
        model.setServiceCards(u"s"_s, u"S"_s, u"h"_s, cards);
        // The bounded cards plus one row that says how many were left out.
        QCOMPARE(model.rowCount(), CardsModel::MaxCardsPerService + 1);
        qsizetype total = 0;
        bool sawHuge = false;
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString summary
                = model.data(model.index(row), CardsModel::SummaryRole).toString();
            const QString detail = model.data(model.index(row), CardsModel::DetailRole).toString();
            QVERIFY(summary.size() <= CardsModel::MaxSummaryChars + 1);
            QVERIFY(detail.size() <= CardsModel::MaxDetailChars + 200);
            total += summary.size() + detail.size();
            if (summary.startsWith(u"SSS"_s)) {
                sawHuge = true;
                QVERIFY(model.data(model.index(row), CardsModel::TruncatedRole).toBool());
                QVERIFY(detail.contains(u"more characters not shown"_s));
            }
        }
        QVERIFY(sawHuge);
        QVERIFY(total < 100 * 1024);
        const QString last
            = model.data(model.index(model.rowCount() - 1), CardsModel::SummaryRole).toString();
        QVERIFY2(last.contains(u"976 more card(s)"_s), qPrintable(last));
    }
    // The validator's pointers count the raw cards array; the parsed cards skip its
    // non-objects, so /cards/2 is the second parsed card when /cards/1 is a string.
    void findingsGoToTheCardTheirPointerNames()
    {
        using hb::core::Finding;
        using hb::core::Severity;
        const QJsonObject card1 {{u"summary"_s, u"first"_s}, {u"indicator"_s, u"info"_s}};
        const QJsonObject card2 {{u"summary"_s, u"second"_s}, {u"indicator"_s, u"info"_s}};
        const auto response = hb::core::CdsResponse::fromJson(
            {{u"cards"_s, QJsonArray {card1, u"not a card"_s, card2}}});
        QCOMPARE(response.cards.size(), 2);
        const QList<Finding> findings {
            {u"V3"_s, Severity::Error, u"/cards/0/source"_s, u"card.source is required"_s},
            {u"V3"_s, Severity::Error, u"/cards/1"_s, u"each card must be an object"_s},
            {u"V4"_s, Severity::Info, u"/cards/2/summary"_s, u"one sentence"_s},
            {u"V20"_s, Severity::Warning, u"/cards/2"_s, u"card has no uuid"_s},
            {u"V2"_s, Severity::Error, u""_s, u"the whole document"_s},
            {u"V1"_s, Severity::Error, u"/cards"_s, u"the array"_s},
            {u"V9"_s, Severity::Error, u"/cards/01"_s, u"not an RFC 6901 index"_s},
            {u"V9"_s, Severity::Error, u"/cardsX/0"_s, u"another member"_s},
            {u"V9"_s, Severity::Error, u"/cards/7"_s, u"past the end"_s}};
        const auto perCard = cardfindings::perCard(response, findings);
        QCOMPARE(perCard.size(), 2);
        QCOMPARE(perCard.at(0), (QList<Finding> {findings.at(0)}));
        QCOMPARE(perCard.at(1), (QList<Finding> {findings.at(2), findings.at(3)}));

        CardsModel model;
        model.setServiceCards({u"k"_s, u"s"_s, u"S"_s, u"patient-view"_s, u"h"_s}, response.cards,
                              perCard);
        const QModelIndex second = model.index(1);
        QCOMPARE(model.data(second, CardsModel::SummaryRole).toString(), u"second"_s);
        QCOMPARE(model.data(second, CardsModel::SpecSeverityRole).toString(), u"warning"_s);
        QCOMPARE(model.data(second, CardsModel::SpecBadgeRole).toString(),
                 u"SPEC · 1 warning, 1 note"_s);
        // Worst first, each with the line the card shows and the one the CLI prints.
        const QVariantList list = model.data(second, CardsModel::FindingsRole).toList();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).toMap().value(u"line"_s).toString(), u"V20 card has no uuid"_s);
        QCOMPARE(list.at(0).toMap().value(u"cli"_s).toString(),
                 u"warning V20 /cards/2: card has no uuid"_s);
        QCOMPARE(list.at(1).toMap().value(u"severity"_s).toString(), u"info"_s);
        QCOMPARE(model.data(model.index(0), CardsModel::SpecBadgeRole).toString(),
                 u"SPEC · 1 error"_s);
    }

    // The lab's empty-arrays card: three V2 findings with one message read as one line three
    // times, so each names the member it is about.
    void repeatedFindingsNameTheirMember()
    {
        using hb::core::Finding;
        using hb::core::Severity;
        const QString empty = u"arrays must not be empty unless the spec allows it"_s;
        const QList<Finding> findings {{u"V2"_s, Severity::Error, u"/cards/3/links"_s, empty},
                                       {u"V2"_s, Severity::Error, u"/cards/3/suggestions"_s, empty},
                                       {u"V20"_s, Severity::Warning, u"/cards/3"_s, u"no uuid"_s}};
        QStringList lines;
        for (const QVariant &item : cardfindings::toVariantList(findings))
            lines << item.toMap().value(u"line"_s).toString();
        QCOMPARE(lines,
                 (QStringList {u"V2 "_s + empty + u" (at /links)"_s,
                               u"V2 "_s + empty + u" (at /suggestions)"_s, u"V20 no uuid"_s}));
    }

    void cardsWithoutFindingsShowNoBadge()
    {
        CardsModel model;
        model.setServiceCards(u"greeter"_s, u"Greeter"_s, u"h1"_s, cardsFrom("greeter"));
        QVERIFY(model.data(model.index(0), CardsModel::FindingsRole).toList().isEmpty());
        QCOMPARE(model.data(model.index(0), CardsModel::SpecBadgeRole).toString(), QString());
        QCOMPARE(model.data(model.index(0), CardsModel::SpecSeverityRole).toString(), QString());
        QVERIFY(
            model.data(model.index(0), CardsModel::TruncationNotesRole).toStringList().isEmpty());
    }

    // Every display bound that cuts says so on the card, in code points like V4.
    void eachShortenedFieldSaysFromHowLong()
    {
        hb::core::Card card;
        card.indicator = u"info"_s;
        // 400 emoji: 800 UTF-16 units, 400 characters; the cut never splits a pair.
        card.summary = QString::fromUcs4(U"\U0001F600").repeated(400);
        card.detail = QString(25000, u'd');
        for (int i = 0; i < 15; ++i)
            card.suggestions << hb::core::Suggestion {};
        card.selectionBehavior = u"any"_s;
        CardsModel model;
        model.setServiceCards(u"s"_s, u"S"_s, u"h"_s, {card});
        const QModelIndex row = model.index(0);
        QCOMPARE(model.data(row, CardsModel::TruncationNotesRole).toStringList(),
                 (QStringList {u"summary shortened from 400 characters to 300"_s,
                               u"detail shortened from 25,000 characters to 20,000"_s,
                               u"12 of 15 suggestions shown"_s}));
        const QString summary = model.data(row, CardsModel::SummaryRole).toString();
        QVERIFY(!summary.at(summary.size() - 2).isHighSurrogate()); // before the ellipsis
        QVERIFY(model.data(row, CardsModel::DetailRole)
                    .toString()
                    .contains(u"5,000 more characters not shown"_s));
    }

    void droppedCardsAreCountedWithTheirFindings()
    {
        QList<hb::core::Card> cards;
        QList<QList<hb::core::Finding>> findings;
        for (int i = 0; i < 30; ++i) {
            hb::core::Card card;
            card.summary = u"card %1"_s.arg(i);
            card.indicator = u"info"_s;
            cards << card;
            findings << QList<hb::core::Finding> {
                {u"V3"_s, hb::core::Severity::Error, u"/cards/%1/source"_s.arg(i), u"x"_s}};
        }
        CardsModel model;
        model.setServiceCards({u"k"_s, u"s"_s, u"S"_s, u"patient-view"_s, u"h"_s}, cards, findings);
        QCOMPARE(model.rowCount(), CardsModel::MaxCardsPerService + 1);
        const QModelIndex notice = model.index(model.rowCount() - 1);
        QCOMPARE(
            model.data(notice, CardsModel::TruncationNotesRole).toStringList(),
            (QStringList {u"25 of 30 cards shown"_s,
                          u"the cards not shown carry 5 spec finding(s); the log lists them"_s}));
        // The notice itself breaks no rule.
        QCOMPARE(model.data(notice, CardsModel::SpecBadgeRole).toString(), QString());
    }
};

QTEST_GUILESS_MAIN(TestCardsModel)
#include "tst_cardsmodel.moc"
