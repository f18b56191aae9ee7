// A card a service sent wrong says so on the card: the validator's findings that point into a
// card (/cards/N/...) reach that card's row in the cards model, a valid card has none, and a
// field the model shortened for display says from how long. Over the real embedded lab and demo
// services on loopback, fired the way the GUI fires them.
//
// Roles are looked up by name (roleNames), so the test states what QML sees.
#include "controllerfixture.h"

using namespace Qt::StringLiterals;

class TestCardFindings : public QObject
{
    Q_OBJECT

private:
    ControllerFixture f;

    QVariant role(const QString &serviceId, const QByteArray &name)
    {
        auto *cards = f.invocation.cards();
        const int row = f.rowOfCard(serviceId);
        if (row < 0)
            return {};
        return cards->data(cards->index(row), cards->roleNames().key(name, -1));
    }

    /// "V4 summary must be ..." for every finding of the service's card.
    QStringList findingLines(const QString &serviceId)
    {
        QStringList lines;
        for (const QVariant &item : role(serviceId, "findings").toList()) {
            const QVariantMap finding = item.toMap();
            lines << finding.value(u"ruleId"_s).toString() + u' '
                    + finding.value(u"severity"_s).toString() + u' '
                    + finding.value(u"message"_s).toString();
        }
        return lines;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto ws = hb::storage::Workspace::defaults();
        ws.sources << hb::storage::DiscoverySource {
            u"embedded:lab:summary-too-long,missing-source,hostile-1mb-summary,hostile-1mb-detail,"
            "hostile-10000-cards"_s,
            {},
            {}};
        QVERIFY(f.start(ws));
        f.patient.openChart(u"pt-amelia-hart"_s);
        QVERIFY(f.fireAndWait(u"patient-view"_s));
        for (const QString &id :
             {u"summary-too-long"_s, u"missing-source"_s, u"hostile-1mb-summary"_s,
              u"hostile-1mb-detail"_s, u"hostile-10000-cards"_s, u"patient-greeting"_s})
            QVERIFY2(f.rowOfCard(id) >= 0, qPrintable(id + u" brought no card"_s));
    }

    void tooLongSummaryCardCarriesItsV4Finding()
    {
        const QStringList lines = findingLines(u"summary-too-long"_s);
        QVERIFY2(
            lines.contains(u"V4 error summary must be fewer than 140 characters, it has 180"_s),
            qPrintable(lines.join(u" | "_s)));
        const QVariantMap first = role(u"summary-too-long"_s, "findings").toList().value(0).toMap();
        QCOMPARE(first.value(u"pointer"_s).toString(), u"/cards/0/summary"_s);
        // The badge the card shows: how bad, how many.
        QCOMPARE(role(u"summary-too-long"_s, "specSeverity").toString(), u"error"_s);
        QVERIFY2(role(u"summary-too-long"_s, "specBadge").toString().contains(u"1 error"_s),
                 qPrintable(role(u"summary-too-long"_s, "specBadge").toString()));
        // 180 characters is under the display bound: nothing was shortened.
        QVERIFY(role(u"summary-too-long"_s, "truncationNotes").toStringList().isEmpty());
    }

    void cardWithoutSourceCarriesItsV3Finding()
    {
        const QStringList lines = findingLines(u"missing-source"_s);
        QVERIFY2(lines.contains(u"V3 error card.source is required"_s),
                 qPrintable(lines.join(u" | "_s)));
        QCOMPARE(role(u"missing-source"_s, "specSeverity").toString(), u"error"_s);
    }

    void validCardHasNoFindings()
    {
        QVERIFY(role(u"patient-greeting"_s, "findings").isValid()); // the role exists
        QCOMPARE(findingLines(u"patient-greeting"_s), QStringList());
        QCOMPARE(role(u"patient-greeting"_s, "specBadge").toString(), QString());
        QCOMPARE(role(u"patient-greeting"_s, "specSeverity").toString(), QString());
    }

    // #16 bounds the summary to 300 characters; the card must say so, as fire's exit 1 does.
    void megabyteSummaryCardSaysItWasShortened()
    {
        const QStringList notes = role(u"hostile-1mb-summary"_s, "truncationNotes").toStringList();
        QVERIFY2(notes.contains(u"summary shortened from 1,048,576 characters to 300"_s),
                 qPrintable(notes.join(u" | "_s)));
        QVERIFY2(findingLines(u"hostile-1mb-summary"_s)
                     .contains(
                         u"V4 error summary must be fewer than 140 characters, it has 1,048,576"_s),
                 qPrintable(findingLines(u"hostile-1mb-summary"_s).join(u" | "_s)));
    }

    void megabyteDetailCardSaysItWasShortened()
    {
        const QStringList notes = role(u"hostile-1mb-detail"_s, "truncationNotes").toStringList();
        QVERIFY2(notes.size() == 1 && notes.first().startsWith(u"detail shortened from "_s)
                     && notes.first().endsWith(u" characters to 20,000"_s),
                 qPrintable(notes.join(u" | "_s)));
    }

    // 25 cards per service: the row that stands for the rest says how many there were.
    void cardsBeyondTheBoundAreCountedOnTheirNotice()
    {
        auto *cards = f.invocation.cards();
        int shown = 0;
        QStringList notes;
        for (int row = 0; row < cards->rowCount(); ++row) {
            const QModelIndex index = cards->index(row);
            if (cards->data(index, CardsModel::ServiceIdRole).toString() != u"hostile-10000-cards")
                continue;
            ++shown;
            notes
                << cards->data(index, cards->roleNames().key("truncationNotes", -1)).toStringList();
        }
        QCOMPARE(shown, CardsModel::MaxCardsPerService + 1);
        QVERIFY2(notes.contains(u"25 of 10,000 cards shown"_s), qPrintable(notes.join(u" | "_s)));
    }
};

QTEST_MAIN(TestCardFindings)
#include "tst_cardfindings.moc"
