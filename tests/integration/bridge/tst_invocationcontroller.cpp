// Firing hooks and acting on cards, without a window, against the real embedded EHR: a hook
// fires its enabled services, a row fires one service, a fan-out can be cancelled (every
// pending call "cancelled" in the log), cards carry hook and service, suggestions change the
// draft orders (C14) under the at-most-one rule (C13) and send feedback (C21).
#include "controllerfixture.h"

#include "ehr/draftorders.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

class TestInvocationController : public QObject
{
    Q_OBJECT

private:
    ControllerFixture f;

    QStringList orderNames()
    {
        QStringList names;
        auto *model = f.orders.draftOrders();
        for (int row = 0; row < model->rowCount(); ++row)
            names << model->data(model->index(row), DraftOrdersModel::DisplayRole).toString();
        return names;
    }

    int suggestionIndex(int row, const QString &labelStart)
    {
        const auto *entry = f.invocation.cards()->entry(row);
        for (int i = 0; entry && i < entry->card.suggestions.size(); ++i) {
            if (entry->card.suggestions.at(i).label.startsWith(labelStart))
                return i;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        auto ws = hb::storage::Workspace::defaults();
        ws.sources << hb::storage::DiscoverySource {u"embedded:lab:slow,hanging"_s, {}, {}};
        QVERIFY(f.start(ws));
        // The lab services are for the cancel test; the others fire the demo services only.
        for (const QString &id : {u"slow"_s, u"hanging"_s})
            f.services.setEnabled(f.rowOfService(id, u"patient-view"_s), false);
    }

    void hookFiresEveryEnabledServiceAndCardsCarryHookAndService()
    {
        f.patient.openChart(u"pt-amelia-hart"_s);
        const auto before = f.exchanges(u"hook"_s).size();
        QVERIFY(f.fireAndWait(u"patient-view"_s));
        QCOMPARE(f.exchanges(u"hook"_s).size(), before + 1); // the lab services are disabled
        const int row = f.rowOfCard(u"patient-greeting"_s);
        QVERIFY(row >= 0);
        auto *cards = f.invocation.cards();
        QCOMPARE(cards->data(cards->index(row), CardsModel::HookRole).toString(),
                 u"patient-view"_s);
        QCOMPARE(cards->data(cards->index(row), CardsModel::ServiceKeyRole).toString(),
                 u"embedded:demo|patient-greeting|patient-view"_s);
        // The row's status on the services screen.
        auto *services = f.services.services();
        const QModelIndex index
            = services->index(f.rowOfService(u"patient-greeting"_s, u"patient-view"_s));
        QCOMPARE(services->data(index, ServicesModel::LastStatusRole).toString(), u"HTTP 200"_s);
        QVERIFY(services->data(index, ServicesModel::LastLatencyRole).toDouble() >= 0);
        QVERIFY(!services->data(index, ServicesModel::CorsBadgeRole).toString().isEmpty());
    }

    void aRowFiresThatServiceAloneEvenWhenDisabled()
    {
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        // order-select needs a draft order (C6): without one Hookbench refuses to send it.
        withADraftOrder(finished);
        const auto before = f.exchanges(u"hook"_s).size();
        f.invocation.fireService(u"embedded:demo"_s, u"medication-safety"_s, u"order-select"_s);
        QVERIFY(finished.wait(10000));
        const auto hooks = f.exchanges(u"hook"_s);
        QCOMPARE(hooks.size(), before + 1);
        QVERIFY(hooks.last().url.path().endsWith(u"/medication-safety"_s));
    }

    void cancellingAFanOutEndsEveryPendingCallAsCancelled()
    {
        const int slow = f.rowOfService(u"slow"_s, u"patient-view"_s);
        const int hanging = f.rowOfService(u"hanging"_s, u"patient-view"_s);
        f.services.setEnabled(slow, true);
        f.services.setEnabled(hanging, true);
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        f.invocation.fireHook(u"patient-view"_s);
        QTRY_COMPARE_WITH_TIMEOUT(f.invocation.pendingCalls(), 2, 5000); // greeting answered
        QCOMPARE(finished.count(), 0);
        f.invocation.cancel();
        QCOMPARE(f.invocation.pendingCalls(), 0);
        QCOMPARE(finished.count(), 1);
        QVERIFY2(f.invocation.lastFire().startsWith(u"Cancelled 2 pending call(s)"_s),
                 qPrintable(f.invocation.lastFire()));
        // The transport aborted both POSTs (their connections closed) and logged them as
        // cancelled: soon, not when slow answers (3 s) or hanging times out.
        const auto cancelledCalls = [this] {
            QStringList names;
            for (const auto &exchange : f.exchanges(u"hook"_s)) {
                if (exchange.errorKind == u"cancelled") {
                    names << exchange.url.path().section(u'/', -1);
                    if (!exchange.error.startsWith(u"Cancelled by the user before"_s))
                        names << exchange.error;
                    if (exchange.cors) // an aborted call is no CORS failure
                        names << u"CORS verdict on a cancelled call"_s;
                }
            }
            names.sort();
            return names;
        };
        QTRY_COMPARE_WITH_TIMEOUT(cancelledCalls(), (QStringList {u"hanging"_s, u"slow"_s}), 1500);
        auto *services = f.services.services();
        QCOMPARE(services->data(services->index(slow), ServicesModel::LastStatusRole).toString(),
                 u"cancelled"_s);
        // No card ever comes from a cancelled call, even when it answers later (slow: 3 s).
        QTest::qWait(3500);
        QCOMPARE(f.rowOfCard(u"slow"_s), -1);
        QCOMPARE(f.rowOfCard(u"hanging"_s), -1);
        QVERIFY(f.rowOfCard(u"patient-greeting"_s) >= 0);
        f.services.setEnabled(slow, false);
        f.services.setEnabled(hanging, false);
    }

    void changingThePatientClearsTheCards()
    {
        QVERIFY(f.invocation.cards()->rowCount() > 0);
        f.patient.openChart(u"pt-bruno-keller"_s);
        QCOMPARE(f.invocation.cards()->rowCount(), 0);
    }

    void acceptingASuggestionReplacesTheOrderAndSendsFeedback()
    {
        f.patient.openChart(u"pt-amelia-hart"_s);
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        f.orders.addOrder(u"308191"_s); // amoxicillin for a penicillin allergy
        QVERIFY(finished.wait(10000));
        const int row = f.rowOfCard(u"medication-safety"_s);
        QVERIFY2(row >= 0, qPrintable(f.invocation.lastFire()));
        QCOMPARE(f.invocation.cards()
                     ->data(f.invocation.cards()->index(row), CardsModel::HookRole)
                     .toString(),
                 u"order-select"_s);
        const int replace = suggestionIndex(row, u"Replace"_s);
        QVERIFY(replace >= 0);
        const QString cardUuid = f.invocation.cards()->entry(row)->card.uuid;
        QVERIFY(f.invocation.acceptSuggestion(row, replace));
        const QString names = orderNames().join(u' ');
        QVERIFY2(!names.contains(u"Amoxicillin"_s) && names.contains(u"Azithromycin"_s),
                 qPrintable(names));
        QTRY_VERIFY_WITH_TIMEOUT(!f.exchanges(u"feedback"_s).isEmpty(), 5000);
        const auto feedback = f.exchanges(u"feedback"_s).last();
        QVERIFY(feedback.requestBody.contains("\"outcome\":\"accepted\"")
                || feedback.requestBody.contains("\"outcome\": \"accepted\""));
        QVERIFY(feedback.requestBody.contains(cardUuid.toUtf8()));

        // At most one (C13): no second suggestion of that card, whatever QML asks.
        const auto *entry = f.invocation.cards()->entry(row);
        if (entry->card.selectionBehavior == u"at-most-one" && entry->card.suggestions.size() > 1) {
            const int other = replace == 0 ? 1 : 0;
            const auto ordersBefore = orderNames();
            QVERIFY(!f.invocation.acceptSuggestion(row, other));
            QCOMPARE(orderNames(), ordersBefore);
            QVERIFY(f.invocation.lastFire().contains(u"at most one"_s));
        }
        QVERIFY(!f.invocation.acceptSuggestion(row, replace)); // not twice either
    }

    void removingAnOrderClearsTheOrderHooksCards()
    {
        QVERIFY(f.rowOfCard(u"medication-safety"_s) >= 0);
        auto *model = f.orders.draftOrders();
        f.orders.removeOrder(
            model->data(model->index(0), DraftOrdersModel::ReferenceRole).toString());
        QCOMPARE(f.rowOfCard(u"medication-safety"_s), -1);
    }

    // Defect (#9): "Remove the new booking" failed because the proposed appointment was not a
    // draft the suggestion's delete action could find.
    void removeTheNewBookingRemovesTheProposedAppointment()
    {
        f.patient.openChart(u"pt-ibrahim-diallo"_s); // a visit already booked in 14 days
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        f.orders.bookAppointment(14);
        QVERIFY(finished.wait(10000));
        const int row = f.rowOfCard(u"appointment-reminder"_s);
        QVERIFY2(row >= 0, qPrintable(f.invocation.lastFire()));
        const int remove = suggestionIndex(row, u"Remove the new booking"_s);
        QVERIFY(remove >= 0);
        QCOMPARE(hb::ehr::DraftOrders::fromBundle(f.context.state().appointments).size(), 1);
        QVERIFY2(f.invocation.acceptSuggestion(row, remove), qPrintable(f.invocation.lastFire()));
        QVERIFY2(f.invocation.lastFire().startsWith(u"Accepted \"Remove the new booking\""_s),
                 qPrintable(f.invocation.lastFire()));
        QCOMPARE(hb::ehr::DraftOrders::fromBundle(f.context.state().appointments).size(), 0);
    }

    void perServiceJwtFaultAppliesToThatServiceOnly()
    {
        f.patient.openChart(u"pt-amelia-hart"_s);
        const int greeting = f.rowOfService(u"patient-greeting"_s, u"patient-view"_s);
        f.services.setJwtFault(greeting, u"expired"_s);
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        f.invocation.fireService(u"embedded:demo"_s, u"patient-greeting"_s, u"patient-view"_s);
        QVERIFY(finished.wait(10000));
        QCOMPARE(f.exchanges(u"hook"_s).last().jwt->fault, u"expired"_s);
        withADraftOrder(finished);
        f.invocation.fireService(u"embedded:demo"_s, u"medication-safety"_s, u"order-select"_s);
        QVERIFY(finished.wait(10000));
        QCOMPARE(f.exchanges(u"hook"_s).last().jwt->fault, u"none"_s);
        f.services.setJwtFault(greeting, u"none"_s);
    }

private:
    // Orders a formulary item (its own order-select fan-out) so order-select has a draft.
    void withADraftOrder(QSignalSpy &finished)
    {
        if (!f.context.state().orders.isEmpty())
            return;
        f.orders.addOrder(u"308191"_s);
        QVERIFY(finished.wait(10000));
    }
};

QTEST_GUILESS_MAIN(TestInvocationController)
#include "tst_invocationcontroller.moc"
