import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Every HTTP exchange, newest last: discovery, hook calls, preflights, feedback, FHIR reads.
Rectangle {
    id: root

    property alias model: exchangeList.model
    readonly property int count: exchangeList.count

    implicitHeight: Theme.logHeight
    color: Theme.logBackground

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        SectionHeader {
            Layout.fillWidth: true
            title: qsTr("Log")
            subtitle: root.count > 0 ? qsTr("%n exchange(s)", "", root.count) : ""
            foreground: Theme.logText
        }
        ListView {
            id: exchangeList
            objectName: "exchangeList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            delegate: Label {
                required property string method
                required property string url
                required property int status

                width: ListView.view.width
                leftPadding: 12
                text: method + " " + url + "  " + (status > 0 ? status : "—")
                color: Theme.logText
                font.family: Theme.monospace
                elide: Text.ElideMiddle
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
