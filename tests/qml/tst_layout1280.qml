import QtQuick
import QtQuick.Controls
import QtTest
import Hookbench

// No truncated labels at 1280x720 (issue 11): every screen of the navigation, in the whole
// window (banner, navigation, screen, cards, log), has no Text/Label that is elided or clipped
// unless it carries a tooltip with its full text (where eliding is unavoidable). A text is
// clipped when it is wider than its box without eliding, or when it runs past the right edge of
// an ancestor (cut there when the ancestor clips, drawn under its neighbour when not).
TestCase {
    id: test
    name: "Layout1280"
    when: windowShown

    property var window: null

    NavigationModel {
        id: screens
    }

    function initTestCase() {
        // (not AppController.ready: the setup registers a lab service that never answers)
        tryVerify(() => PatientController.patientName.length > 0, 30000, "no patient opened");
        const component = Qt.createComponent("qrc:/qt/qml/Hookbench/Main.qml");
        compare(component.status, Component.Ready, component.errorString());
        window = component.createObject(null);
        verify(window !== null);
        window.width = 1280;
        window.height = 720;
        tryCompare(window, "width", 1280);
    }
    function cleanupTestCase() {
        if (window)
            window.destroy();
    }

    function isText(item) {
        return item.truncated !== undefined && item.elide !== undefined
            && item.lineCount !== undefined && typeof item.text === "string";
    }
    // The item or a close ancestor (its control) shows the full text on hover.
    function hasToolTip(item) {
        let node = item;
        for (let depth = 0; node && depth < 4; ++depth, node = node.parent) {
            const tip = node.ToolTip;
            if (tip && tip.text && tip.text.length > 0)
                return true;
        }
        return false;
    }
    function describe(item) {
        const names = [];
        for (let node = item; node; node = node.parent) {
            if (node.objectName && node.objectName.length > 0)
                names.unshift(node.objectName);
        }
        return names.join("/") + " '" + item.text.replace(/<[^>]*>/g, "").substring(0, 60) + "'";
    }
    // Why `item` does not show all of its text, or "".
    function problem(item, windowItem) {
        if (item.text.length === 0 || item.width <= 0 || item.height <= 0)
            return "";
        if (item.truncated)
            return "elided (" + Math.round(item.width) + " px)";
        const wraps = item.wrapMode !== Text.NoWrap;
        const elides = item.elide !== Text.ElideNone;
        if (!wraps && !elides && item.contentWidth > item.width + 1)
            return "wider than its box (" + Math.round(item.contentWidth) + " > " + Math.round(item.width) + " px)";
        // Where its text ends, against the first clipping ancestor and the window.
        const drawn = wraps || elides ? Math.min(item.width, item.contentWidth) : item.contentWidth;
        let left = item.horizontalAlignment === Text.AlignRight ? item.width - drawn
                 : item.horizontalAlignment === Text.AlignHCenter ? (item.width - drawn) / 2 : 0;
        // Any ancestor: a clipping one cuts the text, any other lets it run under its neighbour.
        for (let node = item.parent; node; node = node.parent) {
            if (node.width > 0) {
                const start = item.mapToItem(node, left, 0).x;
                if (start < node.width && start + drawn > node.width + 1)
                    return "runs " + Math.round(start + drawn - node.width) + " px past the edge of "
                        + (node.objectName || String(node).split("(")[0]);
            }
            if (node === windowItem)
                break;
        }
        return "";
    }
    function walk(item, windowItem, found) {
        if (!item || !item.visible || item.opacity === 0)
            return;
        if (isText(item)) {
            const why = problem(item, windowItem);
            if (why.length > 0 && !hasToolTip(item))
                found.push(describe(item) + ": " + why);
        }
        const children = item.children;
        for (let i = 0; i < children.length; ++i)
            walk(children[i], windowItem, found);
    }

    function test_noTruncatedLabels() {
        const navigation = findChild(window.contentItem, "navigation");
        const root = window.contentItem.parent; // menu bar, header, content and overlay
        const problems = [];
        for (let row = 0; row < screens.rowCount(); ++row) {
            const name = screens.nameAt(row);
            navigation.currentIndex = row;
            const loader = findChild(window.contentItem, "screen-" + name);
            tryVerify(() => loader.status === Loader.Ready, 20000, name);
            wait(300); // the screen's first layout and its model's rows
            const found = [];
            walk(root, root, found);
            for (const entry of found) {
                if (problems.every(p => p.indexOf(entry) < 0))
                    problems.push(name + ": " + entry);
            }
        }
        verify(problems.length === 0, "\n" + problems.join("\n"));
    }

    // The log's inspector, open on each of its views (the preflight a browser would block).
    function test_inspectorViews() {
        const root = window.contentItem.parent;
        const panel = findChild(window.contentItem, "logPanel");
        panel.select(Math.max(0, panel.filter.firstRowMatching("cors-fail")));
        const tabs = findChild(window.contentItem, "inspectorTabs");
        verify(tabs !== null);
        const problems = [];
        for (let tab = 0; tab < tabs.count; ++tab) {
            tabs.currentIndex = tab;
            wait(100);
            const found = [];
            walk(root, root, found);
            for (const entry of found) {
                if (problems.every(p => p.indexOf(entry) < 0))
                    problems.push("inspector tab " + tab + ": " + entry);
            }
        }
        panel.closeInspector();
        verify(problems.length === 0, "\n" + problems.join("\n"));
    }
}
