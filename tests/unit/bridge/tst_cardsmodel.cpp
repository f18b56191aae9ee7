// The cards column's model: EHR order, stale-guidance replacement (C20), error rows (C12, C23).
#include "cardsmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
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
};

QTEST_GUILESS_MAIN(TestCardsModel)
#include "tst_cardsmodel.moc"
