import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import QtWebEngine
import Hookbench

// The embedded browser for card links and SMART app launches (the only file that imports
// QtWebEngine, so the rest of the UI starts and tests without Chromium).
Rectangle {
    id: root

    property url url
    property string title
    signal closeRequested

    color: Theme.surface

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 6
            Label {
                Layout.fillWidth: true
                text: root.title + "  ·  " + web.url
                elide: Text.ElideMiddle
                color: Theme.text
            }
            Button {
                text: qsTr("Close")
                onClicked: root.closeRequested()
            }
        }
        WebEngineView {
            id: web
            objectName: "webView"
            Layout.fillWidth: true
            Layout.fillHeight: true
            url: root.url
            // Card links and SMART apps are untrusted pages: no pop-up windows, no local-file or
            // insecure content, no plugins, no clipboard; the page's own script still runs
            // (a SMART app is a web app).
            settings.javascriptCanOpenWindows: false
            settings.javascriptCanAccessClipboard: false
            settings.localContentCanAccessFileUrls: false
            settings.localContentCanAccessRemoteUrls: false
            settings.allowRunningInsecureContent: false
            settings.pluginsEnabled: false
            // A page may navigate only to http(s); other schemes (javascript:, data:, file:,
            // custom handlers) are refused unless Hookbench itself set the URL.
            onNavigationRequested: request => {
                const scheme = request.url.toString().split(":")[0].toLowerCase();
                const typed = request.navigationType === WebEngineNavigationRequest.TypedNavigation;
                if (scheme !== "http" && scheme !== "https" && scheme !== "about" && !typed)
                    request.reject();
            }
        }
    }
}
