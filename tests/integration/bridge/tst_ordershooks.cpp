// The hooks the Orders and Order dispatch screens fire, and what a card says about its feedback,
// through the controllers (no window) against a loopback service that records what it receives:
// order-dispatch carries the catalogue's context (dispatchedOrders, performer,
// fulfillmentTasks); the deprecated medication-prescribe only fires when the workspace turns it
// on, with the draft MedicationRequests as `medications`; after accept/dismiss the card shows
// the feedback POST's answer (200, 500, 404).
#include "controllerfixture.h"
#include "recordingservices.h"

#include "storage/workspacefile.h"

#include <QFile>
#include <QJsonArray>

using namespace Qt::StringLiterals;

class TestOrdersHooks : public QObject
{
    Q_OBJECT

private:
    fixtures::RecordingServices m_services;
    ControllerFixture f;

    QString feedbackStatusOf(const QString &serviceId)
    {
        const int row = f.rowOfCard(serviceId);
        auto *cards = f.invocation.cards();
        return row < 0 ? u"(no card)"_s
                       : cards->data(cards->index(row), CardsModel::FeedbackStatusRole).toString();
    }

    QStringList entryTypes(const QJsonObject &bundle)
    {
        QStringList types;
        for (const auto &entry : bundle[u"entry"_s].toArray())
            types << entry[u"resource"_s][u"resourceType"_s].toString();
        return types;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_services.listen());
        auto ws = hb::storage::Workspace::defaults();
        ws.sources = {hb::storage::DiscoverySource {m_services.discoveryUrl().toString(), {}, {}}};
        QVERIFY(f.start(ws));
        QCOMPARE(f.services.services()->rowCount(), 5);
        f.patient.openChart(u"pt-amelia-hart"_s);
    }

    void dispatchingASignedOrderSendsTheCataloguesContext()
    {
        f.orders.addOrder(u"IMG-MRI-LSPINE"_s); // no order-select service: nothing waits
        const QString reference = f.context.state().orders.references().value(0);
        QVERIFY(reference.startsWith(u"ServiceRequest/"_s));
        // Not signed yet: refused with the reason, nothing sent.
        QVERIFY(f.orders.dispatchOrder(reference, u"Organization/org-hookbench-general"_s)
                    .contains(u"not a signed order"_s));
        f.orders.signOrders();
        QCOMPARE(f.orders.signedOrders()->rowCount(), 1);
        // A performer that is not Type/id: refused too.
        QVERIFY(f.orders.dispatchOrder(reference, u"radiology west"_s).contains(u"Type/id"_s));
        QVERIFY(m_services.callsTo(u"dispatch-watch"_s).isEmpty());

        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        QCOMPARE(f.orders.dispatchOrder(reference, u" Organization/org-hookbench-general "_s),
                 QString());
        QVERIFY(finished.wait(10000));
        const auto calls = m_services.callsTo(u"dispatch-watch"_s);
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls[0][u"hook"_s].toString(), u"order-dispatch"_s);
        const QJsonObject context = calls[0][u"context"_s].toObject();
        QCOMPARE(context[u"patientId"_s].toString(), u"pt-amelia-hart"_s);
        QCOMPARE(context[u"dispatchedOrders"_s].toArray(), QJsonArray {reference});
        QCOMPARE(context[u"performer"_s].toString(), u"Organization/org-hookbench-general"_s);
        const QJsonObject task = context[u"fulfillmentTasks"_s][0].toObject();
        QCOMPARE(task[u"resourceType"_s].toString(), u"Task"_s);
        QCOMPARE(task[u"status"_s].toString(), u"requested"_s);
        QCOMPARE(task[u"focus"_s][u"reference"_s].toString(), reference);
        QCOMPARE(task[u"owner"_s][u"reference"_s].toString(),
                 u"Organization/org-hookbench-general"_s);
        // The order names its performer now (the screen's row says so).
        auto *signedOrders = f.orders.signedOrders();
        QCOMPARE(
            signedOrders->data(signedOrders->index(0), SignedOrdersModel::PerformerRole).toString(),
            u"Organization/org-hookbench-general"_s);
    }

    void performerPickerListsPractitionersRolesAndOrganizations()
    {
        auto *pickers = f.patient.pickers();
        QSignalSpy changed(pickers, &EhrPickers::performersChanged);
        pickers->searchPerformers(QString());
        QVERIFY(changed.wait(10000));
        QStringList references;
        for (const auto &row : pickers->performers())
            references << row.toMap().value(u"reference"_s).toString();
        QVERIFY2(references.contains(u"Practitioner/pr-olivia-chen"_s),
                 qPrintable(references.join(u' ')));
        QVERIFY(references.contains(u"Organization/org-hookbench-general"_s));
        QVERIFY(std::any_of(references.cbegin(), references.cend(),
                            [](const QString &r) { return r.startsWith(u"PractitionerRole/"_s); }));
    }

    // The pickers live on PatientController now (no AppController accessors): the user picked
    // becomes the EHR's userId, a bad one is refused, and once the encounter picker was shown
    // it follows the open patient.
    void userAndEncounterPickersDriveThePatientContext()
    {
        auto *pickers = f.patient.pickers();
        QVERIFY(!pickers->useUser(u"pr-rafael-santos"_s)); // not Type/id
        QVERIFY(!pickers->error().isEmpty());
        QVERIFY(pickers->useUser(u"Practitioner/pr-rafael-santos"_s));
        QCOMPARE(f.context.state().userId, u"Practitioner/pr-rafael-santos"_s);
        QVERIFY(pickers->useUser(u"Practitioner/pr-olivia-chen"_s));

        QSignalSpy encounters(pickers, &EhrPickers::encountersChanged);
        pickers->loadEncounters();
        QVERIFY(encounters.wait(10000));
        auto ids = [&] {
            QStringList list;
            for (const auto &row : pickers->encounters())
                list << row.toMap().value(u"id"_s).toString();
            return list;
        };
        // The encounter the EHR is in comes first, so the picker shows it (it showed "(none)"
        // under a banner naming enc-amelia-hart-1).
        QCOMPARE(f.context.state().encounterId, u"enc-amelia-hart-1"_s);
        QCOMPARE(ids(), (QStringList {u"enc-amelia-hart-1"_s, QString()}));
        const QString before = f.context.state().patientId;
        f.patient.openChart(u"pt-bruno-keller"_s);
        QVERIFY(encounters.wait(10000));
        QVERIFY2(ids().contains(u"enc-bruno-keller-2"_s), qPrintable(ids().join(u' ')));
        pickers->useEncounter(u"enc-bruno-keller-1"_s);
        QCOMPARE(f.context.state().encounterId, u"enc-bruno-keller-1"_s);
        f.patient.openChart(before);
    }

    void medicationPrescribeIsOffByDefault()
    {
        QVERIFY(!f.orders.medicationPrescribe());
        QVERIFY(!f.settings.medicationPrescribe());
        f.orders.addOrder(u"308191"_s);
        QVERIFY(f.orders.prescribe().contains(u"off"_s));
        QVERIFY(m_services.callsTo(u"prescribe-watch"_s).isEmpty());
    }

    void medicationPrescribeFiresWhenTurnedOnAndIsSaved()
    {
        QSignalSpy toggled(&f.orders, &OrdersController::medicationPrescribeChanged);
        f.settings.setMedicationPrescribe(true);
        QVERIFY(toggled.count() > 0);
        QVERIFY(f.orders.medicationPrescribe());
        // Saved with the other settings in the workspace file.
        const auto loaded = hb::storage::loadWorkspace(f.workspacePath());
        QVERIFY2(loaded.workspace, qPrintable(loaded.error));
        QVERIFY(loaded.workspace->ehr.medicationPrescribe);

        f.orders.addOrder(u"IMG-XR-LSPINE"_s); // an imaging draft beside the medication
        QSignalSpy finished(&f.invocation, &InvocationController::fanOutFinished);
        QCOMPARE(f.orders.prescribe(), QString());
        QVERIFY(finished.wait(10000));
        const auto calls = m_services.callsTo(u"prescribe-watch"_s);
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls[0][u"hook"_s].toString(), u"medication-prescribe"_s);
        const QJsonObject context = calls[0][u"context"_s].toObject();
        QCOMPARE(context[u"userId"_s].toString(), u"Practitioner/pr-olivia-chen"_s);
        QCOMPARE(context[u"medications"_s][u"resourceType"_s].toString(), u"Bundle"_s);
        // Only the medication orders: the catalogue's medications is a Bundle of
        // MedicationRequests.
        QCOMPARE(entryTypes(context[u"medications"_s].toObject()),
                 QStringList {u"MedicationRequest"_s});
        f.settings.setMedicationPrescribe(false);
    }

    void theCardShowsWhatItsFeedbackPostAnswered()
    {
        QVERIFY(f.fireAndWait(u"patient-view"_s));
        for (const QString &id : {u"feedback-ok"_s, u"feedback-500"_s, u"feedback-none"_s}) {
            QVERIFY2(f.rowOfCard(id) >= 0, qPrintable(id));
            auto *cards = f.invocation.cards();
            QCOMPARE(
                cards->data(cards->index(f.rowOfCard(id)), CardsModel::ErrorTextRole).toString(),
                QString());
            QCOMPARE(feedbackStatusOf(id), QString()); // nothing before the user acts
        }
        QVERIFY2(f.invocation.acceptSuggestion(f.rowOfCard(u"feedback-ok"_s), 0),
                 qPrintable(f.invocation.lastFire()));
        QVERIFY(f.invocation.acceptSuggestion(f.rowOfCard(u"feedback-500"_s), 0));
        f.invocation.dismissCard(f.rowOfCard(u"feedback-none"_s), -1, QString());
        QTRY_COMPARE_WITH_TIMEOUT(feedbackStatusOf(u"feedback-ok"_s),
                                  u"feedback sent: HTTP 200 OK"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(feedbackStatusOf(u"feedback-500"_s),
                                  u"feedback failed: HTTP 500 Internal Server Error"_s, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(feedbackStatusOf(u"feedback-none"_s),
                                  u"no feedback endpoint: HTTP 404 Not Found"_s, 10000);
        // The service did receive each POST (the statuses are its answers, not guesses).
        QCOMPARE(m_services.callsTo(u"feedback-ok/feedback"_s).size(), 1);
        QCOMPARE(m_services.callsTo(u"feedback-500/feedback"_s).size(), 1);
        QCOMPARE(m_services.callsTo(u"feedback-none/feedback"_s).size(), 1);
    }

    void aServiceThatIsDownShowsTheTransportError()
    {
        QVERIFY(f.fireAndWait(u"patient-view"_s));
        const int row = f.rowOfCard(u"feedback-ok"_s);
        QVERIFY(row >= 0);
        // The card stays, its service goes away before the user accepts.
        m_services.close();
        QVERIFY(f.invocation.acceptSuggestion(row, 0));
        QTRY_VERIFY_WITH_TIMEOUT(
            feedbackStatusOf(u"feedback-ok"_s).startsWith(u"feedback failed: "_s)
                && feedbackStatusOf(u"feedback-ok"_s).size() > 17,
            15000);
    }
};

QTEST_GUILESS_MAIN(TestOrdersHooks)
#include "tst_ordershooks.moc"
