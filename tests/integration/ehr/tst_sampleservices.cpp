// The app's mixed draft orders against fixtures that read their input as the public sample
// services do (cms-price-check, pama-imaging): the generic-savings card, the PAMA rating applied
// through systemActions and shown on the order, and the cardiac MRI suggestion.
#include "sampleservices.h"

#include "ehr/orderentry.h"
#include "ehr/systemactions.h"
#include "session/workbench.h"

#include <QJsonArray>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

class TestSampleServices : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<session::Workbench> m_bench;
    fixtures::SampleServices m_services;
    core::ServiceRegistry m_registry;

    session::EhrState mixedOrders(QStringList *refs = nullptr)
    {
        session::EhrState state;
        state.patientId = u"pt-amelia-hart"_s;
        state.encounterId = u"enc-amelia-1"_s;
        const ehr::OrderContext context {state.patientId, state.encounterId, state.userId};
        ehr::OrderDetails lipitor;
        lipitor.frequency = u"QD"_s;
        ehr::OrderDetails cta;
        cta.reasons = {u"13213009"_s}; // congenital heart disease
        const QList<QPair<QString, ehr::OrderDetails>> items {{u"617318"_s, lipitor},
                                                              {u"IMG-CTA-CHEST-C"_s, cta},
                                                              {u"IMG-CT-LSPINE"_s, {}},
                                                              {u"4548-4"_s, {}}};
        for (const auto &[code, details] : items) {
            const auto order = ehr::draftOrderFor(code, context, details);
            if (!order)
                qFatal("no order for %s", qPrintable(code));
            const QString ref = state.orders.put(*order);
            if (refs)
                refs->append(ref);
        }
        return state;
    }

    session::InvocationResult fire(const QString &serviceId, const session::EhrState &state)
    {
        const auto service = m_registry.find(serviceId, u"order-select"_s);
        if (!service)
            qFatal("not discovered");
        session::InvocationOptions options;
        options.fhirServer = m_bench->embeddedFhir();
        return m_bench->invoker()->invokeAndWait(m_services.discovery(), *service, state, options);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_services.listen());
        m_bench = std::make_unique<session::Workbench>();
        QString error;
        QVERIFY2(m_bench->start(&error), qPrintable(error));
        const auto discovery = m_bench->client()->discoverAndWait(m_services.discovery());
        QVERIFY2(discovery.document, qPrintable(discovery.error));
        m_registry.addAll(*discovery.document);
    }

    void cmsPriceCheckOffersTheGeneric()
    {
        QStringList refs;
        session::EhrState state = mixedOrders(&refs);
        state.orders.select({refs.at(0)}); // order-select: the medication just picked
        const auto result = fire(u"cms-price-check"_s, state);
        QCOMPARE(result.call.status(), 200);
        // The context the service read: the selection among all four drafts.
        const QJsonObject context = result.call.requestBody[u"context"_s].toObject();
        QCOMPARE(context[u"selections"_s].toArray(), QJsonArray {refs.at(0)});
        QCOMPARE(context[u"draftOrders"_s][u"entry"_s].toArray().size(), 4);
        const auto &cards = result.call.cdsResponse->cards;
        QCOMPARE(cards.size(), 1);
        QCOMPARE(cards.first().summary,
                 u"Cost: $211.49. Save $201.68 with a generic medication."_s);
        QCOMPARE(cards.first().suggestions.size(), 1);
        QCOMPARE(cards.first().suggestions.first().label, u"Change to generic"_s);

        QJsonArray actions;
        for (const auto &action : cards.first().suggestions.first().actions)
            actions.append(action.toJson());
        const auto applied = ehr::applyActions(state.orders, actions);
        QVERIFY2(applied.ok, qPrintable(applied.problems.join(u"; "_s)));
        bool generic = false;
        for (const QString &ref : state.orders.references()) {
            const QJsonObject order = state.orders.find(ref);
            if (order[u"medicationCodeableConcept"_s][u"coding"_s][0][u"code"_s].toString()
                == u"617310")
                generic = true;
        }
        QVERIFY(generic);
    }

    void pamaImagingRatesTheOrdersThroughSystemActions()
    {
        QStringList refs;
        session::EhrState state = mixedOrders(&refs);
        state.orders.select({refs.at(1), refs.at(2)}); // the two imaging orders
        const auto result = fire(u"pama-imaging"_s, state);
        QCOMPARE(result.call.status(), 200);
        const auto &response = *result.call.cdsResponse;
        QVERIFY(response.systemActionsFromLegacyExtension);
        QCOMPARE(response.systemActions.size(), 2); // CTA chest and CT lumbar spine are rated
        const auto applied = ehr::applySystemActions(state.orders, response, u"pama-imaging"_s);
        QVERIFY2(applied.apply.ok, qPrintable(applied.apply.problems.join(u"; "_s)));
        // Shown on the orders: both not appropriate for their reasons.
        QCOMPARE(state.orders.notesOf(refs.at(1)),
                 QStringList {u"pama-imaging (system action): PAMA rating not-appropriate"_s});
        QCOMPARE(state.orders.notesOf(refs.at(2)),
                 QStringList {u"pama-imaging (system action): PAMA rating not-appropriate"_s});
        QVERIFY(state.orders.notesOf(refs.at(0)).isEmpty());
        QCOMPARE(state.orders.find(refs.at(1))[u"extension"_s][0][u"url"_s].toString(),
                 u"http://fhir.org/argonaut/Extension/pama-rating"_s);

        // The card for congenital heart disease: accepting it turns the order into a cardiac MRI.
        QCOMPARE(response.cards.size(), 1);
        QCOMPARE(response.cards.first().summary, u"ACC recommends cardiac MRI"_s);
        QJsonArray actions;
        for (const auto &action : response.cards.first().suggestions.first().actions)
            actions.append(action.toJson());
        QVERIFY(ehr::applyActions(state.orders, actions).ok);
        const QJsonObject mri = state.orders.find(refs.at(1));
        QCOMPARE(mri[u"code"_s][u"coding"_s][0][u"code"_s].toString(), u"75561"_s);

        // Re-firing with the MRI ordered: the MRI is rated appropriate, no more card.
        const auto again = fire(u"pama-imaging"_s, state);
        QCOMPARE(again.call.status(), 200);
        QVERIFY(again.call.cdsResponse->cards.isEmpty());
        ehr::applySystemActions(state.orders, *again.call.cdsResponse, u"pama-imaging"_s);
        QVERIFY(state.orders.notesOf(refs.at(1))
                    .contains(u"pama-imaging (system action): PAMA rating appropriate"_s));
    }

    void anImagingOrderWithoutReasonsIsWhatMadeTheSample500()
    {
        session::EhrState state;
        state.patientId = u"pt-amelia-hart"_s;
        QJsonObject bare = *ehr::draftOrderFor(u"IMG-CT-LSPINE"_s, {state.patientId, {}, {}});
        bare.remove(u"reasonCode"_s);
        state.orders.put(bare);
        const auto result = fire(u"pama-imaging"_s, state);
        QCOMPARE(result.call.status(), 500);
        // And a medication selected with the imaging orders does the same.
        QStringList refs;
        session::EhrState mixed = mixedOrders(&refs);
        mixed.orders.select(refs);
        QCOMPARE(fire(u"pama-imaging"_s, mixed).call.status(), 500);
    }
};

QTEST_GUILESS_MAIN(TestSampleServices)
#include "tst_sampleservices.moc"
