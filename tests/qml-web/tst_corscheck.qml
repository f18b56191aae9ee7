import QtQuick
import QtTest
import Hookbench

// "Check in Chromium" in the app: from the inspector of a logged exchange, the call is repeated
// from a Qt WebEngine page at the configured origin and beside Hookbench's probe. On a passing
// service (the demo greeting) and a failing one (the lab's Access-Control-Allow-Origin: null)
// the engine's verdict is Hookbench's, and the check names QtWebEngine's Chromium version.
TestCase {
    id: test
    name: "CorsCheck"
    when: windowShown

    property var window: null

    LogFilterModel {
        id: logRows
        log: AppController.log
        newestFirst: false
    }

    function initTestCase() {
        tryVerify(() => AppController.ready, 30000, "the app did not become ready");
        const component = Qt.createComponent("qrc:/qt/qml/Hookbench/Main.qml");
        compare(component.status, Component.Ready, component.errorString());
        window = component.createObject(null, { width: 1280, height: 800 });
        verify(window !== null);
    }
    function cleanupTestCase() {
        if (window)
            window.destroy();
    }

    // The first row of the log for `path` whose kind is `kind` (waits for the launch's calls).
    function rowOf(kind, path) {
        let found = -1;
        tryVerify(() => {
            logRows.text = path;
            found = kind === "cors-fail" ? logRows.firstRowMatching("cors-fail") : logRows.firstRowMatching(kind);
            return found >= 0;
        }, 30000, "no " + kind + " exchange for " + path);
        return found;
    }

    // Selects the exchange in the log panel, presses the inspector's button, waits for both sides.
    function runCheck(row) {
        const details = logRows.details(row);
        const panel = findChild(window, "logPanel");
        const panelRow = panel.filter.rowOfExchange(details.id);
        verify(panelRow >= 0);
        panel.select(panelRow);
        const button = findChild(window, "checkInChromium");
        verify(button !== null);
        tryVerify(() => button.enabled);
        button.clicked();
        const loader = findChild(window, "engineLoader");
        tryVerify(() => loader.status === Loader.Ready && loader.item !== null, 20000);
        const check = loader.item.check;
        tryVerify(() => check.state === "done" || check.state === "error", 60000,
                  "the check did not finish: " + check.state);
        compare(check.state, "done", check.error);
        return { details: details, check: check, view: loader.item };
    }

    function closeCheck() {
        findChild(window, "enginePopup").close();
    }

    function test_passingService() {
        const run = runCheck(rowOf("hook", "patient-greeting"));
        const check = run.check;
        verify(check.compared, check.summary);
        verify(check.agree, check.summary);
        // The same verdict as the log's exchange (a browser lets the page read the answer).
        verify(run.details.cors.verdict !== "fail");
        verify(!check.hookbench.blocked);
        compare(check.engine.verdict, "pass");
        compare(check.chromiumVersion, EngineChromiumVersion);
        verify(findChild(run.view, "checkSummary").text.startsWith("They agree"));
        verify(check.requestLine.indexOf("https://sandbox.cds-hooks.org") > 0, check.requestLine);
        closeCheck();
    }

    function test_failingService() {
        const run = runCheck(rowOf("cors-fail", "cors-acao-null"));
        const check = run.check;
        compare(run.details.cors.verdict, "fail");
        verify(check.hookbench.blocked);
        compare(check.engine.verdict, "fail");
        verify(check.agree, check.summary + " | engine: " + check.engine.errors.join(" / ")
               + " | hookbench: " + check.hookbench.message);
        // The engine printed Hookbench's own console line.
        verify(check.engine.errors.indexOf(check.hookbench.message) >= 0);
        compare(check.chromiumVersion, EngineChromiumVersion);
        closeCheck();
    }

    // When the engine's answer differs, the view says so (here the engine's report is forced
    // before the page runs: a blocked call for a service both sides let through).
    function test_disagreementBanner() {
        const component = Qt.createComponent("qrc:/qt/qml/Hookbench/web/CorsCheckView.qml");
        compare(component.status, Component.Ready, component.errorString());
        const view = component.createObject(window.contentItem, { width: 900, height: 500 });
        const row = rowOf("hook", "patient-greeting");
        view.check.start(logRows.exchangeIdAt(row));
        view.check.consoleMessage(0, "HOOKBENCH-CHECK FAIL");
        tryVerify(() => view.check.state === "done", 30000);
        verify(view.check.compared);
        verify(!view.check.agree);
        const banner = findChild(view, "checkBanner");
        verify(banner.disagree);
        verify(findChild(view, "checkSummary").text.startsWith("They disagree"));
        view.destroy();
    }
}
