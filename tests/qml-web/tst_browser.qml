import QtQuick
import QtTest

// A card link or SMART launch opens the main window's embedded browser and the page loads
// (the popup once failed to create its content: a bound component outside its context).
TestCase {
    name: "BrowserPopup"
    when: windowShown

    function test_linkOpensInTheEmbeddedBrowser() {
        const component = Qt.createComponent("qrc:/qt/qml/Hookbench/Main.qml");
        compare(component.status, Component.Ready, component.errorString());
        const window = component.createObject(null);
        verify(window !== null);
        const popup = findChild(window, "browserPopup");
        verify(popup !== null);
        popup.title = "probe";
        popup.url = "data:text/html,<title>Hookbench probe</title><p>loaded</p>";
        popup.open();
        const loader = findChild(window, "browserLoader");
        verify(loader !== null);
        tryVerify(() => loader.status === Loader.Ready && loader.item !== null, 10000);
        const view = findChild(loader.item, "webView");
        verify(view !== null);
        tryCompare(view, "title", "Hookbench probe", 20000);
        popup.close();
        window.destroy();
    }
}
