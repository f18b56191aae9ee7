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

        // at-most-one: accepting B after A leaves only B accepted.
        model.markAccepted(0, 0);
        model.markAccepted(0, 1);
        const QVariantList suggestions = model.data(row, CardsModel::SuggestionsRole).toList();
        QCOMPARE(suggestions.at(0).toMap().value(u"accepted"_s).toBool(), false);
        QCOMPARE(suggestions.at(1).toMap().value(u"accepted"_s).toBool(), true);
        QCOMPARE(suggestions.at(0).toMap().value(u"recommended"_s).toBool(), true);
    }
};

QTEST_GUILESS_MAIN(TestCardsModel)
#include "tst_cardsmodel.moc"
