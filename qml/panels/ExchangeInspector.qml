pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// One exchange in full: the request and response as sent, the CORS verdict with its fix, the
// decoded client JWT, the validation findings and a curl command that repeats it.
Rectangle {
    id: root

    property var details: ({})
    signal closeRequested

    color: "#141a25"

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 8
            TabBar {
                id: tabs
                Layout.fillWidth: true
                Repeater {
                    model: ["Request", "Response", "CORS", "JWT", "Findings", "curl"]
                    delegate: TabButton {
                        required property string modelData
                        text: modelData
                        width: implicitWidth
                    }
                }
            }
            ToolButton {
                text: "✕"
                onClicked: root.closeRequested()
            }
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                objectName: "inspectorText"
                readOnly: true
                selectByMouse: true
                wrapMode: TextEdit.WrapAnywhere
                textFormat: TextEdit.PlainText
                font.family: Theme.monospace
                font.pixelSize: 11
                color: Theme.logText
                background: null
                text: {
                    const keys = ["request", "response", "cors", "jwt", "findings", "curl"];
                    const value = root.details[keys[tabs.currentIndex]];
                    return value && value.length > 0 ? value : qsTr("(nothing for this exchange)");
                }
            }
        }
    }
}
