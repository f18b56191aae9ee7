import QtQuick
import QtTest
import Hookbench

// The services screen over the real registry (two sources: the demo services and two lab
// services): rows per service, enable/disable, a row fires that service alone, and a fan-out
// cancelled from the cards column ends its pending calls as "cancelled".
Item {
    id: root
    width: 1000
    height: 1800

    Component {
        id: screenComponent
        ServicesScreen {
            anchors.fill: parent
        }
    }
    Component {
        id: cardsComponent
        CardsColumn {
            width: 400
            height: 600
            model: InvocationController.cards
            pendingCalls: InvocationController.pendingCalls
        }
    }

    TestCase {
        name: "ServicesScreen"
        when: windowShown

        function initTestCase() {
            tryCompare(AppController, "ready", true, 30000);
        }

        function serviceRow(screen, id, hook) {
            const list = findChild(screen, "serviceList");
            for (let i = 0; i < list.count; ++i) {
                list.positionViewAtIndex(i, ListView.Contain);
                list.forceLayout();
                const item = list.itemAtIndex(i);
                if (item && item.serviceId === id && item.hook === hook)
                    return item;
            }
            return null;
        }

        function test_listsBothSourcesAndTheirServices() {
            const screen = createTemporaryObject(screenComponent, root);
            const sources = findChild(screen, "sourceList");
            tryCompare(sources, "count", 2);
            tryCompare(findChild(screen, "serviceList"), "count", 12);
            tryVerify(() => serviceRow(screen, "slow", "patient-view") !== null, 5000);
            const slow = serviceRow(screen, "slow", "patient-view");
            compare(slow.sourceUrl, "embedded:lab:slow,hanging");
            verify(serviceRow(screen, "patient-greeting", "patient-view") !== null);
        }

        function test_checkboxDisablesTheServiceForItsHook() {
            const screen = createTemporaryObject(screenComponent, root);
            tryVerify(() => serviceRow(screen, "slow", "patient-view") !== null, 5000);
            const slow = serviceRow(screen, "slow", "patient-view");
            const box = findChild(slow, "enabled");
            verify(box.checked);
            mouseClick(box);
            tryCompare(serviceRow(screen, "slow", "patient-view"), "serviceEnabled", false);
            mouseClick(findChild(serviceRow(screen, "slow", "patient-view"), "enabled"));
            tryCompare(serviceRow(screen, "slow", "patient-view"), "serviceEnabled", true);
        }

        function test_clickingARowFiresThatServiceAlone() {
            const screen = createTemporaryObject(screenComponent, root);
            tryVerify(() => serviceRow(screen, "patient-greeting", "patient-view") !== null, 5000);
            const greeting = serviceRow(screen, "patient-greeting", "patient-view");
            mouseClick(greeting, greeting.width / 2, 12);
            compare(InvocationController.pendingCalls, 1);
            tryCompare(InvocationController, "pendingCalls", 0, 10000);
            const status = findChild(serviceRow(screen, "patient-greeting", "patient-view"), "lastStatus");
            tryVerify(() => status.visible && status.text.startsWith("HTTP 200"), 5000);
        }

        function test_cancelledFanOutEndsItsCallsAsCancelled() {
            const screen = createTemporaryObject(screenComponent, root, { width: 1000, height: 1100 });
            const cards = createTemporaryObject(cardsComponent, root, { x: 0, y: 1150 });
            InvocationController.fireHook("patient-view");
            tryCompare(InvocationController, "pendingCalls", 2, 10000); // slow and hanging
            const cancel = findChild(cards, "cancelCalls");
            verify(cancel.visible);
            mouseClick(cancel);
            compare(InvocationController.pendingCalls, 0);
            verify(InvocationController.lastFire.startsWith("Cancelled 2 pending call(s)"));
            for (const id of ["slow", "hanging"]) {
                const status = findChild(serviceRow(screen, id, "patient-view"), "lastStatus");
                tryVerify(() => status.visible && status.text.startsWith("cancelled"), 5000);
            }
            serviceRow(screen, "slow", "patient-view"); // scroll it into view for the picture
            // For reviewers: the registry with two sources after a cancelled fan-out.
            grabImage(root).save("services-cancelled.png");
        }
    }
}
