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
        }
    }
}
