import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The cards the services returned, rendered as an EHR would, newest invocation first.
Rectangle {
    id: root

    property alias model: cardList.model
    readonly property int count: cardList.count

    implicitWidth: Theme.cardsWidth
    color: Theme.window
    border.color: Theme.border

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 1
        spacing: 0

        SectionHeader {
            Layout.fillWidth: true
            title: qsTr("Cards")
            subtitle: root.count > 0 ? qsTr("%n card(s)", "", root.count) : ""
        }
        ListView {
            id: cardList
            objectName: "cardList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacing
            delegate: Rectangle {
                id: card
                required property string summary
                required property string indicator

                width: ListView.view.width - 2 * Theme.spacing
                x: Theme.spacing
                implicitHeight: summaryLabel.implicitHeight + 24
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.border

                Rectangle {
                    width: 4
                    height: parent.height
                    radius: 2
                    color: card.indicator === "critical" ? Theme.critical
                         : card.indicator === "warning" ? Theme.warning : Theme.info
                }
                Label {
                    id: summaryLabel
                    anchors.fill: parent
                    anchors.margins: 12
                    text: card.summary
                    wrapMode: Text.WordWrap
                    color: Theme.text
                }
            }
        }
    }
    EmptyState {
        objectName: "cardsEmptyState"
        anchors.centerIn: parent
        width: parent.width - 48
        visible: root.count === 0
        title: qsTr("No cards yet")
        hint: qsTr("Fire a hook at a service: its cards, and any error it returned, appear here.")
    }
}
