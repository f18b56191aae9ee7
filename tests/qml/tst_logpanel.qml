import QtQuick
import QtQuick.Controls
import QtTest
import Hookbench

// The log panel as a user drives it: the filter bar narrows the list, a row opens the inspector
// whose views show the CORS verdict, the JWT warning, the findings with their rule and the
// timing bar; the window's shortcuts focus the filter, open the inspector and scale the fonts.
Item {
    id: window
    width: 1280
    height: 720
    // What AppShortcuts sets on the real ApplicationWindow.
    property font font
    property string title

    AppShortcuts {
        window: window
    }
    LogPanel {
        id: log
        objectName: "logPanel"
        anchors.fill: parent
        model: AppController.log
    }

    TestCase {
        name: "LogPanel"
        when: windowShown

        function init() {
            log.closeInspector();
            log.filter.clearFilters();
            findChild(log, "logFilterText").text = "";
            log.filter.newestFirst = true;
        }

        function test_filterBarNarrowsTheList() {
            compare(log.count, 3);
            const text = findChild(log, "logFilterText");
            text.text = "hello amelia"; // in a response body, any case
            tryCompare(log, "count", 1); // applied after the debounce
            text.text = "";
            tryCompare(log, "count", 3);
            log.filter.corsVerdict = "fail";
            compare(log.count, 1);
            log.filter.corsVerdict = "";
            const severity = findChild(log, "severityFilter");
            severity.currentIndex = 1; // "error"
            severity.activated(1);
            compare(log.filter.minSeverity, "error");
            compare(log.count, 1);
            mouseClick(findChild(log, "clearFilters"));
            compare(log.count, 3);
        }

        function test_newestFirstOrder() {
            const list = findChild(log, "exchangeList");
            compare(list.itemAtIndex(0).kind, "hook");
            mouseClick(findChild(log, "newestFirst"));
            compare(log.filter.newestFirst, false);
            compare(list.itemAtIndex(0).kind, "discovery");
        }

        function test_inspectorViews() {
            log.select(0); // newest first: the hook call
            verify(log.inspectorOpen);
            const inspector = findChild(log, "exchangeInspector");
            verify(inspector.visible);
            // JWT: the service answered 200 to a deliberately expired token.
            inspector.currentTab = 3;
            const warning = findChild(inspector, "acceptedFaultyWarning");
            verify(warning.visible);
            // Findings: the rule id is there with its text from docs/rules.md.
            inspector.currentTab = 4;
            const rule = findChild(inspector, "findingRule");
            verify(rule.text.indexOf("V3") >= 0);
            verify(rule.rule.text.indexOf("summary") >= 0);
            // Timing: a bar of four phases.
            inspector.currentTab = 6;
            verify(findChild(inspector, "timingBar").visible);
            // Response body: foldable JSON.
            inspector.currentTab = 1;
            verify(findChild(inspector, "copyBody") !== null);
            // CORS of the preflight row.
            log.select(1);
            inspector.currentTab = 2;
            const hint = findChild(inspector, "corsHint");
            verify(hint.text.indexOf("Access-Control-Allow-Origin") >= 0);
            compare(findChild(inspector, "corsVerdict").visible, true);
        }

        function test_shortcuts() {
            keyClick(Qt.Key_F, Qt.ControlModifier);
            verify(findChild(log, "logFilterText").activeFocus);
            keyClick(Qt.Key_I, Qt.ControlModifier);
            verify(log.inspectorOpen);
            keyClick(Qt.Key_Escape);
            verify(!log.inspectorOpen);
            const before = UiSettings.fontScale;
            keyClick(Qt.Key_Equal, Qt.ControlModifier);
            verify(UiSettings.fontScale > before);
            keyClick(Qt.Key_0, Qt.ControlModifier);
            compare(UiSettings.fontScale, 1.0);
            const dark = Theme.dark;
            keyClick(Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier);
            compare(Theme.dark, !dark);
            keyClick(Qt.Key_T, Qt.ControlModifier | Qt.ShiftModifier);
            compare(Theme.dark, dark);
        }
    }
}
