import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// A rule's text from the shipped docs/rules.md, and the whole reference one click away.
Popup {
    id: dialog
    objectName: "ruleDialog"
    property string ruleId
    property var findings: []
    property var cors: ({})
    readonly property var rule: ruleId.length > 0 ? AppController.log.rule(ruleId) : ({})
    property bool showAll: false

    width: Math.min(760, parent ? parent.width - 80 : 760)
    height: showAll ? Math.min(620, parent ? parent.height - 80 : 620) : implicitHeight
    modal: true
    padding: 16
    onClosed: showAll = false

    background: Rectangle {
        color: Theme.surface
        border.color: Theme.border
        radius: Theme.radius
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 8
        Label {
            objectName: "ruleTitle"
            text: dialog.rule.id ? dialog.rule.id + " · " + dialog.rule.section : qsTr("%1 is not in the rules reference").arg(dialog.ruleId)
            color: Theme.text
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            objectName: "ruleText"
            visible: !dialog.showAll
            text: dialog.rule.html || ""
            textFormat: Text.StyledText
            color: Theme.text
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: !dialog.showAll && dialog.rule.severity !== undefined
            text: qsTr("Severity: %1").arg(dialog.rule.severity || "")
            color: Theme.mutedText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Label {
            visible: !dialog.showAll && (dialog.rule.url || "").startsWith("http")
            text: "<a href=\"" + dialog.rule.url + "\">" + dialog.rule.url + "</a>"
            textFormat: Text.StyledText
            linkColor: Theme.accent
            onLinkActivated: link => Qt.openUrlExternally(link)
            wrapMode: Text.WrapAnywhere
            Layout.fillWidth: true
        }
        ScrollView {
            visible: dialog.showAll
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                readOnly: true
                textFormat: TextEdit.MarkdownText
                text: dialog.showAll ? AppController.log.rulesMarkdown() : ""
                wrapMode: TextEdit.Wrap
                color: Theme.text
                background: null
            }
        }
        RowLayout {
            Button {
                text: dialog.showAll ? qsTr("Back to %1").arg(dialog.ruleId) : qsTr("All rules")
                onClicked: dialog.showAll = !dialog.showAll
            }
            Item {
                Layout.fillWidth: true
            }
            Button {
                text: qsTr("Close")
                onClicked: dialog.close()
            }
        }
    }
}
