// Order entry creates the draft orders order-select and order-sign carry.
#include "ehr/actionapplier.h"
#include "ehr/orderentry.h"
#include "ehr/systemactions.h"

#include "fhir/catalogue.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;

class TestOrderEntry : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void medicationOrder()
    {
        const auto order
            = hb::ehr::draftOrderFor(u"308191"_s, {u"pt-1"_s, u"enc-1"_s, u"Practitioner/pr-1"_s});
        QVERIFY(order);
        QCOMPARE(order->value(u"resourceType"_s).toString(), u"MedicationRequest"_s);
        QCOMPARE(order->value(u"status"_s).toString(), u"draft"_s);
        QCOMPARE(order->value(u"subject"_s).toObject().value(u"reference"_s).toString(),
                 u"Patient/pt-1"_s);
        QCOMPARE(order->value(u"encounter"_s).toObject().value(u"reference"_s).toString(),
                 u"Encounter/enc-1"_s);
        const QJsonObject coding = order->value(u"medicationCodeableConcept"_s)
                                       .toObject()
                                       .value(u"coding"_s)
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QCOMPARE(coding.value(u"system"_s).toString(),
                 u"http://www.nlm.nih.gov/research/umls/rxnorm"_s);
        QCOMPARE(coding.value(u"code"_s).toString(), u"308191"_s);
        QVERIFY(!order->value(u"id"_s).toString().isEmpty());
    }

    void imagingOrderWithoutEncounter()
    {
        const auto order = hb::ehr::draftOrderFor(u"IMG-MRI-LSPINE"_s, {u"pt-1"_s, {}, {}});
        QVERIFY(order);
        QCOMPARE(order->value(u"resourceType"_s).toString(), u"ServiceRequest"_s);
        QVERIFY(!order->contains(u"encounter"_s));
        QVERIFY(!order->contains(u"requester"_s));
        hb::ehr::DraftOrders orders;
        const QString ref = orders.put(*order);
        QVERIFY(ref.startsWith(u"ServiceRequest/"_s));
    }

    void proposedFollowUp()
    {
        const QJsonObject appointment
            = hb::ehr::proposedAppointment({u"pt-1"_s, {}, u"Practitioner/pr-1"_s}, 14);
        QCOMPARE(appointment.value(u"status"_s).toString(), u"proposed"_s);
        QCOMPARE(appointment.value(u"start"_s).toString().left(10),
                 QDate::currentDate().addDays(14).toString(Qt::ISODate));
        QVERIFY(appointment.value(u"start"_s).toString().endsWith(u'Z'));
        QCOMPARE(appointment.value(u"participant"_s).toArray().size(), 2);
    }

    void unknownCode()
    {
        QString problem;
        QVERIFY(!hb::ehr::draftOrderFor(u"no-such-code"_s, {u"pt-1"_s, {}, {}}, {}, &problem));
        QVERIFY(problem.contains(u"no order catalogue"_s));
    }

    void medicationDoseRouteAndFrequency()
    {
        hb::ehr::OrderDetails details;
        details.doseValue = 2;
        details.frequency = u"BID"_s;
        const auto order = hb::ehr::draftOrderFor(u"617318"_s, {u"pt-1"_s, {}, {}}, details);
        QVERIFY(order);
        const QJsonObject dosage = order->value(u"dosageInstruction"_s)[0].toObject();
        QCOMPARE(dosage[u"doseAndRate"_s][0][u"doseQuantity"_s][u"value"_s].toDouble(), 2.0);
        QCOMPARE(dosage[u"doseAndRate"_s][0][u"doseQuantity"_s][u"unit"_s].toString(), u"tablet"_s);
        QCOMPARE(dosage[u"route"_s][u"coding"_s][0][u"code"_s].toString(), u"26643006"_s);
        QCOMPARE(dosage[u"route"_s][u"coding"_s][0][u"system"_s].toString(),
                 u"http://snomed.info/sct"_s);
        QCOMPARE(dosage[u"timing"_s][u"repeat"_s][u"frequency"_s].toInt(), 2);
        QCOMPARE(dosage[u"timing"_s][u"repeat"_s][u"periodUnit"_s].toString(), u"d"_s);
        QCOMPARE(dosage[u"timing"_s][u"code"_s][u"coding"_s][0][u"code"_s].toString(), u"BID"_s);
        QCOMPARE(hb::ehr::orderSummary(*order),
                 u"Lipitor 20 MG Oral Tablet, 2 tablet oral, twice daily"_s);

        const auto inhaler = hb::ehr::draftOrderFor(u"745679"_s, {u"pt-1"_s, {}, {}});
        QCOMPARE(inhaler->value(u"dosageInstruction"_s)[0][u"route"_s][u"coding"_s][0][u"code"_s]
                     .toString(),
                 u"18679011"_s);
        QString problem;
        details.route = u"999"_s;
        QVERIFY(!hb::ehr::draftOrderFor(u"617318"_s, {u"pt-1"_s, {}, {}}, details, &problem));
        QCOMPARE(problem, u"unknown route '999'"_s);
    }

    void imagingCarriesCptAndSnomedReasons()
    {
        hb::ehr::OrderDetails details;
        details.reasons = {u"13213009"_s};
        const auto order
            = hb::ehr::draftOrderFor(u"IMG-CTA-CHEST-C"_s, {u"pt-1"_s, {}, {}}, details);
        QVERIFY(order);
        // The public pama-imaging service reads the CPT coding by system and reasonCode codings.
        const QJsonObject cpt = order->value(u"code"_s)[u"coding"_s][0].toObject();
        QCOMPARE(cpt[u"system"_s].toString(), u"http://www.ama-assn.org/go/cpt"_s);
        QCOMPARE(cpt[u"code"_s].toString(), u"71275"_s);
        QCOMPARE(order->value(u"code"_s)[u"coding"_s][1][u"code"_s].toString(),
                 u"IMG-CTA-CHEST-C"_s);
        const QJsonObject reason = order->value(u"reasonCode"_s)[0][u"coding"_s][0].toObject();
        QCOMPARE(reason[u"system"_s].toString(), u"http://snomed.info/sct"_s);
        QCOMPARE(reason[u"code"_s].toString(), u"13213009"_s);
        QCOMPARE(order->value(u"category"_s)[0][u"coding"_s][0][u"code"_s].toString(),
                 u"363679005"_s);
        // Without a choice, the item's usual reason: never an imaging order without reasonCode.
        const auto lumbar = hb::ehr::draftOrderFor(u"IMG-CT-LSPINE"_s, {u"pt-1"_s, {}, {}});
        QCOMPARE(lumbar->value(u"reasonCode"_s)[0][u"coding"_s][0][u"code"_s].toString(),
                 u"279039007"_s);
        QCOMPARE(hb::ehr::orderSummary(*lumbar),
                 u"CT lumbar spine (CPT 72133) for Low back pain"_s);
        for (const auto &item : hb::fhir::Catalogue::builtin().imaging()) {
            const auto o = hb::ehr::draftOrderFor(item[u"code"_s].toString(), {u"pt-1"_s, {}, {}});
            QVERIFY(o && !o->value(u"reasonCode"_s).toArray().isEmpty());
        }
    }

    void labOrderIsLoinc()
    {
        const auto order = hb::ehr::draftOrderFor(u"4548-4"_s, {u"pt-1"_s, {}, {}});
        QVERIFY(order);
        QCOMPARE(hb::ehr::orderKindOf(u"4548-4"_s), hb::ehr::OrderKind::Lab);
        QCOMPARE(order->value(u"resourceType"_s).toString(), u"ServiceRequest"_s);
        QCOMPARE(order->value(u"code"_s)[u"coding"_s][0][u"system"_s].toString(),
                 u"http://loinc.org"_s);
        QCOMPARE(order->value(u"category"_s)[0][u"coding"_s][0][u"code"_s].toString(),
                 u"108252007"_s);
    }

    void signMovesOrdersOutOfTheDrafts()
    {
        hb::ehr::DraftOrders orders;
        const QString med = orders.put(*hb::ehr::draftOrderFor(u"617318"_s, {u"pt-1"_s, {}, {}}));
        const QString lab = orders.put(*hb::ehr::draftOrderFor(u"4548-4"_s, {u"pt-1"_s, {}, {}}));
        orders.select({med, lab});
        QCOMPARE(orders.sign({lab, u"ServiceRequest/none"_s}), QStringList {lab});
        QCOMPARE(orders.references(), QStringList {med});
        QCOMPARE(orders.selections(), QStringList {med});
        QCOMPARE(orders.signedOrders().size(), 1);
        QCOMPARE(orders.findSigned(lab)[u"status"_s].toString(), u"active"_s);
        QVERIFY(orders.setPerformer(lab, u"Organization/lab-1"_s));
        QCOMPARE(orders.findSigned(lab)[u"performer"_s][0][u"reference"_s].toString(),
                 u"Organization/lab-1"_s);
        QVERIFY(!orders.setPerformer(med, u"Organization/lab-1"_s)); // still a draft
    }

    void systemActionsAreNotedOnTheOrder()
    {
        hb::ehr::DraftOrders orders;
        QJsonObject order = *hb::ehr::draftOrderFor(u"IMG-CT-LSPINE"_s, {u"pt-1"_s, {}, {}});
        const QString ref = orders.put(order);
        order.insert(
            u"extension"_s,
            QJsonArray {QJsonObject {
                {u"url"_s, u"http://fhir.org/argonaut/Extension/pama-rating"_s},
                {u"valueCodeableConcept"_s,
                 QJsonObject {{u"coding"_s,
                               QJsonArray {QJsonObject {{u"code"_s, u"not-appropriate"_s}}}}}}}});
        // The public sample sends them under extension (pre-2.0); both places are read.
        const QJsonObject response {
            {u"cards"_s, QJsonArray {}},
            {u"extension"_s,
             QJsonObject {
                 {u"systemActions"_s,
                  QJsonArray {QJsonObject {{u"type"_s, u"update"_s}, {u"resource"_s, order}}}}}}};
        const auto parsed = hb::core::CdsResponse::fromJson(response);
        QVERIFY(parsed.systemActionsFromLegacyExtension);
        const auto result = hb::ehr::applySystemActions(orders, parsed, u"pama-imaging"_s);
        QVERIFY2(result.apply.ok, qPrintable(result.apply.problems.join(u"; "_s)));
        QCOMPARE(orders.notesOf(ref),
                 QStringList {u"pama-imaging (system action): PAMA rating not-appropriate"_s});
        QVERIFY(orders.find(ref).contains(u"extension"_s));
        orders.sign({ref});
        QCOMPARE(orders.notesOf(ref).size(), 1); // the note stays with the signed order
    }
};

QTEST_GUILESS_MAIN(TestOrderEntry)
#include "tst_orderentry.moc"
