pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The client JWT as sent: header, claims, each check a careful service makes (pass / fail), and
// a loud warning when the service accepted a deliberately faulty token.
ColumnLayout {
    id: view
    property var jwt: ({})
    spacing: 6

    Label {
        visible: view.jwt.present !== true
        text: qsTr("No client JWT on this request.")
        color: Theme.logMutedText
    }
    Rectangle {
        objectName: "acceptedFaultyWarning"
        visible: view.jwt.acceptedFaulty === true
        Layout.fillWidth: true
        implicitHeight: warning.implicitHeight + 16
        radius: 4
        color: Theme.critical
        Label {
            id: warning
            anchors.fill: parent
            anchors.margins: 8
            text: "⚠ " + (view.jwt.warning || "")
            color: "white"
            font.bold: true
            wrapMode: Text.Wrap
        }
    }
    Label {
        visible: view.jwt.present === true && view.jwt.fault !== "none"
        Layout.fillWidth: true
        text: qsTr("Deliberate fault: %1 — %2").arg(view.jwt.fault).arg(view.jwt.faultDescription || "")
              + (view.jwt.verdict ? "\n" + view.jwt.verdict : "")
        color: Theme.warning
        wrapMode: Text.Wrap
    }
    InspectorSection {
        title: qsTr("Checks")
        visible: view.jwt.present === true
        Repeater {
            model: view.jwt.checks || []
            delegate: RowLayout {
                id: entry1
                required property var modelData
                spacing: 8
                Layout.fillWidth: true
                Label {
                    text: entry1.modelData.state === "pass" ? "✓" : entry1.modelData.state === "fail" ? "✕" : "?"
                    color: entry1.modelData.state === "pass" ? Theme.success
                         : entry1.modelData.state === "fail" ? Theme.critical : Theme.logMutedText
                    font.bold: true
                    Layout.preferredWidth: Math.round(14 * Theme.fontScale)
                }
                Label {
                    text: entry1.modelData.name
                    color: Theme.codeKey
                    font.family: Theme.monospace
                    Layout.preferredWidth: Math.round(80 * Theme.fontScale)
                }
                Label {
                    Layout.fillWidth: true
                    text: entry1.modelData.detail
                    color: Theme.logText
                    wrapMode: Text.Wrap
                }
            }
        }
    }
    InspectorSection {
        title: qsTr("Header")
        visible: view.jwt.present === true
        JsonBodyView {
            body: ({present: true, json: true, lines: view.jwt.headerLines, text: JSON.stringify(view.jwt.header, null, 2), size: 0})
        }
    }
    InspectorSection {
        title: qsTr("Claims")
        visible: view.jwt.present === true
        HeadersTable {
            headers: view.jwt.claims || []
        }
    }
}
