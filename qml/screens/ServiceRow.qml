pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// One row of the services registry: what the service is, where it came from, how its last call
// went; expanded, its own settings (saved in the workspace).
ItemDelegate {
    id: row

    required property int index
    required property string hook
    required property string title
    required property string serviceId
    required property string description
    required property string sourceUrl
    required property bool serviceEnabled
    required property string lastStatus
    required property real lastLatency
    required property string corsBadge
    required property bool lastOk
    required property string prefetchMode
    required property string accessToken
    required property var scopes
    required property bool scopesDerived
    required property string subject
    required property string jwtFault
    required property var prefetchKeys
    property bool expanded: false
    signal toggleSettings

    objectName: "service-" + serviceId + "-" + hook
    onClicked: InvocationController.fireService(row.sourceUrl, row.serviceId, row.hook)

    contentItem: ColumnLayout {
        spacing: 2
        RowLayout {
            spacing: Theme.spacing
            CheckBox {
                objectName: "enabled"
                checked: row.serviceEnabled
                padding: 0
                onToggled: ServicesController.setEnabled(row.index, checked)
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Fire this service when its hook fires")
            }
            Label {
                text: row.title
                font.bold: true
                color: row.serviceEnabled ? Theme.text : Theme.mutedText
            }
            Label {
                text: row.hook
                color: Theme.accent
                font.pixelSize: 11
                leftPadding: 5
                rightPadding: 5
                topPadding: 2
                bottomPadding: 2
                background: Rectangle {
                    radius: 3
                    color: "#e6f0f4"
                }
            }
            Label {
                text: row.serviceId
                color: Theme.mutedText
                font.family: Theme.monospace
                font.pixelSize: 11
            }
            Item {
                Layout.fillWidth: true
            }
            Label {
                objectName: "lastStatus"
                visible: row.lastStatus.length > 0
                text: row.lastStatus + (row.lastLatency >= 0 ? qsTr(" · %1 ms").arg(Math.round(row.lastLatency)) : "")
                color: row.lastOk ? Theme.success : Theme.critical
                font.pixelSize: 11
            }
            Label {
                visible: row.corsBadge.length > 0
                text: "CORS " + row.corsBadge
                color: "white"
                font.pixelSize: 10
                font.bold: true
                leftPadding: 5
                rightPadding: 5
                topPadding: 2
                bottomPadding: 2
                background: Rectangle {
                    radius: 3
                    color: row.corsBadge === "fail" ? Theme.critical : row.corsBadge === "pass" ? Theme.success : Theme.warning
                }
            }
            ToolButton {
                objectName: "settingsToggle"
                text: row.expanded ? "▴" : "⚙"
                onClicked: row.toggleSettings()
            }
        }
        ElidedLabel {
            Layout.fillWidth: true
            Layout.leftMargin: 30
            visible: row.description.length > 0
            text: row.description
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
            color: Theme.mutedText
            font.pixelSize: 12
        }
        GridLayout {
            objectName: "serviceSettings"
            Layout.fillWidth: true
            Layout.leftMargin: 30
            visible: row.expanded
            columns: 4
            columnSpacing: 10
            Label {
                text: qsTr("Prefetch")
            }
            ComboBox {
                model: ["all", "none", "keys"]
                currentIndex: Math.max(0, model.indexOf(row.prefetchMode))
                onActivated: ServicesController.setPrefetchMode(row.index, currentText)
            }
            Label {
                text: qsTr("Token")
            }
            ComboBox {
                model: ["mock", "none", "expired"]
                currentIndex: Math.max(0, model.indexOf(row.accessToken))
                onActivated: ServicesController.setAccessToken(row.index, currentText)
            }
            Label {
                text: qsTr("Keys sent")
                visible: row.prefetchMode === "keys"
            }
            TextField {
                Layout.columnSpan: 3
                Layout.fillWidth: true
                visible: row.prefetchMode === "keys"
                placeholderText: row.prefetchKeys.join(", ")
                onEditingFinished: ServicesController.setChosenKeys(row.index, text.split(/[\s,]+/).filter(k => k.length > 0))
            }
            Label {
                text: qsTr("Scopes")
            }
            TextField {
                Layout.columnSpan: 3
                Layout.fillWidth: true
                text: row.scopesDerived ? "" : row.scopes.join(" ")
                placeholderText: qsTr("derived from its prefetch")
                onEditingFinished: ServicesController.setScopes(row.index, text)
            }
            Label {
                text: qsTr("Subject")
            }
            TextField {
                Layout.fillWidth: true
                text: row.subject
                placeholderText: row.serviceId
                onEditingFinished: ServicesController.setSubject(row.index, text)
            }
            Label {
                text: qsTr("JWT")
            }
            ComboBox {
                Layout.fillWidth: true
                model: ServicesController.jwtFaults
                currentIndex: Math.max(0, model.indexOf(row.jwtFault))
                onActivated: ServicesController.setJwtFault(row.index, currentText)
            }
            Label {
                Layout.columnSpan: 3
                text: qsTr("from %1").arg(row.sourceUrl)
                color: Theme.mutedText
                font.pixelSize: 11
            }
            Button {
                objectName: "removeService"
                text: qsTr("Remove service")
                flat: true
                onClicked: ServicesController.removeService(row.index)
            }
        }
    }
}
