import QtQuick
import QtQuick.Layouts
import Hookbench

// The main screen area: the EHR screen chosen in the navigation.
Rectangle {
    id: root

    property string title
    property int currentIndex: 0

    color: Theme.window

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        SectionHeader {
            Layout.fillWidth: true
            title: root.title
        }
        Item {
            Layout.fillWidth: true
            Layout.fillHeight: true

            EmptyState {
                anchors.centerIn: parent
                width: Math.min(parent.width - 48, 420)
                title: root.title
                hint: qsTr("Select a patient to begin.")
            }
        }
    }
}
