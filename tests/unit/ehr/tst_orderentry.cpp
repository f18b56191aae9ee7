// Order entry creates the draft orders order-select and order-sign carry.
#include "ehr/actionapplier.h"
#include "ehr/orderentry.h"

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

    void unknownCode() { QVERIFY(!hb::ehr::draftOrderFor(u"no-such-code"_s, {u"pt-1"_s, {}, {}})); }
};

QTEST_GUILESS_MAIN(TestOrderEntry)
#include "tst_orderentry.moc"
