pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Validation findings, worst first as the validator reports them; each rule id opens its text.
ColumnLayout {
    id: view
    property var findings: []
    signal ruleClicked(string id)
    spacing: 6

    Label {
        visible: view.findings.length === 0
        text: qsTr("No findings: nothing in this exchange breaks a rule Hookbench checks.")
        color: Theme.logMutedText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    Repeater {
        model: view.findings
        delegate: RowLayout {
            id: entry1
            required property var modelData
            Layout.fillWidth: true
            spacing: 8
            Label {
                text: entry1.modelData.severity
                color: entry1.modelData.severity === "error" ? Theme.critical
                     : entry1.modelData.severity === "warning" ? Theme.warning : Theme.info
                font.bold: true
                Layout.preferredWidth: Math.round(58 * Theme.fontScale)
                Layout.alignment: Qt.AlignTop
            }
            RuleLink {
                objectName: "findingRule"
                rule: entry1.modelData.rule
                Layout.preferredWidth: Math.round(48 * Theme.fontScale)
                Layout.alignment: Qt.AlignTop
                onClicked: id => view.ruleClicked(id)
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label {
                    Layout.fillWidth: true
                    text: entry1.modelData.message
                    color: Theme.logText
                    wrapMode: Text.Wrap
                }
                Label {
                    Layout.fillWidth: true
                    visible: entry1.modelData.pointer.length > 0
                    text: entry1.modelData.pointer
                    color: Theme.logMutedText
                    font.family: Theme.monospace
                    font.pixelSize: Math.round(11 * Theme.fontScale)
                }
            }
        }
    }
}
