import QtQuick
import QtTest
import Hookbench

// The card suggestion rule lives in the model, not in QML: after one suggestion of an
// at-most-one card is accepted, the others are disabled because the model says so, and the
// controller refuses them whatever the view asks (C13).
Item {
    id: root
    width: 420
    height: 1400

    Component {
        id: cardsComponent
        CardsColumn {
            anchors.fill: parent
            model: InvocationController.cards
            pendingCalls: InvocationController.pendingCalls
        }
    }

    TestCase {
        name: "CardSuggestionRule"
        when: windowShown

        function initTestCase() {
            tryCompare(AppController, "ready", true, 30000);
        }

        function cardOf(column, serviceId) {
            const list = findChild(column, "cardList");
            for (let i = 0; i < list.count; ++i) {
                const item = list.itemAtIndex(i);
                if (item && item.serviceId === serviceId)
                    return item;
            }
            return null;
        }

        function test_atMostOneIsTheModelsRule() {
            const column = createTemporaryObject(cardsComponent, root);
            OrdersController.addOrder("308191"); // amoxicillin for a penicillin allergy
            tryVerify(() => cardOf(column, "medication-safety") !== null, 10000);
            tryCompare(InvocationController, "pendingCalls", 0, 10000);
            const row = cardOf(column, "medication-safety");
            compare(row.selectionBehavior, "at-most-one");
            verify(row.suggestions.length >= 2);
            const first = findChild(row, "suggestion0");
            const second = findChild(row, "suggestion1");
            verify(first.enabled && second.enabled);
            mouseClick(first);
            tryVerify(() => !findChild(cardOf(column, "medication-safety"), "suggestion1").enabled);
            verify(!findChild(cardOf(column, "medication-safety"), "suggestion0").enabled); // accepted
            // Whatever QML asks, the controller refuses a second suggestion of the card.
            verify(!InvocationController.acceptSuggestion(row.index, 1));
            verify(InvocationController.lastFire.indexOf("at most one") >= 0);
        }
    }
}
