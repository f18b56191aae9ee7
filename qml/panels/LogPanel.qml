pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import QtQuick.Controls.Material
import Hookbench

// Every HTTP exchange, newest last: discovery, hook calls, prefetch, the services' FHIR reads,
// feedback. Selecting one shows it in the inspector on the right.
Rectangle {
    id: root

    property alias model: exchangeList.model
    readonly property int count: exchangeList.count
    property int selectedRow: -1
    property var details: ({})
    property string exportMessage

    implicitHeight: Theme.logHeight
    color: Theme.logBackground
    // The log is a dark panel: its buttons, tabs and text fields use the dark variant.
    Material.theme: Material.Dark

    function verdictColor(verdict) {
        return verdict === "fail" ? Theme.critical : verdict === "pass-with-warning" ? Theme.warning
                                                                                   : Theme.success;
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        SectionHeader {
            Layout.fillWidth: true
            title: qsTr("Log")
            subtitle: root.exportMessage.length > 0 ? root.exportMessage
                    : root.count > 0 ? qsTr("%n exchange(s)", "", root.count) : ""
            foreground: Theme.logText
            Button {
                objectName: "exportHar"
                text: qsTr("Export HAR")
                flat: true
                enabled: root.count > 0
                onClicked: root.exportMessage = AppController.log.exportHar()
            }
        }
        SplitView {
            Layout.fillWidth: true
            Layout.fillHeight: true

            ListView {
                id: exchangeList
                objectName: "exchangeList"
                SplitView.fillWidth: true
                clip: true
                onCountChanged: scrollToEnd.restart()
                Timer {
                    id: scrollToEnd
                    interval: 0
                    onTriggered: exchangeList.positionViewAtEnd()
                }
                delegate: Rectangle {
                    id: row
                    required property int index
                    required property string kind
                    required property string method
                    required property string url
                    required property int status
                    required property real duration
                    required property string corsVerdict
                    required property string summary

                    width: ListView.view.width
                    height: 22
                    color: root.selectedRow === row.index ? "#2c3a52" : (row.index % 2 ? "#1f2736" : "transparent")

                    RowLayout {
                        anchors.fill: parent
                        anchors.leftMargin: 12
                        anchors.rightMargin: 8
                        spacing: 10
                        Label {
                            Layout.preferredWidth: 64
                            text: row.kind
                            color: Theme.bannerMutedText
                            font.family: Theme.monospace
                            font.pixelSize: 11
                        }
                        Label {
                            Layout.preferredWidth: 56
                            text: row.method
                            color: Theme.logText
                            font.family: Theme.monospace
                            font.pixelSize: 11
                        }
                        Label {
                            Layout.preferredWidth: 36
                            text: row.status > 0 ? row.status : "—"
                            color: row.status >= 400 || row.status === 0 ? "#ff8a80" : "#a5d6a7"
                            font.family: Theme.monospace
                            font.pixelSize: 11
                        }
                        Label {
                            Layout.preferredWidth: 60
                            horizontalAlignment: Text.AlignRight
                            text: row.duration >= 0 ? row.duration.toFixed(1) + " ms" : ""
                            color: Theme.bannerMutedText
                            font.family: Theme.monospace
                            font.pixelSize: 11
                        }
                        Rectangle {
                            Layout.preferredWidth: 46
                            Layout.preferredHeight: 14
                            radius: 3
                            visible: row.corsVerdict.length > 0
                            color: root.verdictColor(row.corsVerdict)
                            Label {
                                anchors.centerIn: parent
                                text: row.corsVerdict === "fail" ? "CORS ✕" : row.corsVerdict === "pass" ? "CORS ✓" : "CORS !"
                                color: "white"
                                font.pixelSize: 9
                                font.bold: true
                            }
                        }
                        Item {
                            Layout.preferredWidth: 46
                            visible: row.corsVerdict.length === 0
                        }
                        Label {
                            Layout.preferredWidth: Math.min(420, implicitWidth)
                            text: row.url
                            color: Theme.logText
                            font.family: Theme.monospace
                            font.pixelSize: 11
                            elide: Text.ElideMiddle
                        }
                        Label {
                            Layout.fillWidth: true
                            text: row.summary
                            color: Theme.bannerMutedText
                            font.pixelSize: 11
                            elide: Text.ElideRight
                        }
                    }
                    TapHandler {
                        onTapped: {
                            root.selectedRow = row.index;
                            root.details = AppController.log.details(row.index);
                        }
                    }
                }
            }
            ExchangeInspector {
                SplitView.preferredWidth: root.selectedRow >= 0 ? root.width * 0.45 : 0
                visible: root.selectedRow >= 0
                details: root.details
                onCloseRequested: root.selectedRow = -1
            }
        }
    }
    EmptyState {
        objectName: "logEmptyState"
        anchors.centerIn: parent
        width: parent.width - 48
        visible: root.count === 0
        textColor: Theme.logText
        title: qsTr("No exchanges yet")
        hint: qsTr("Each request Hookbench sends or serves is listed here with its CORS verdict.")
    }
}
