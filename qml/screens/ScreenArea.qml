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
        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: root.currentIndex

            PatientChartScreen {}
            OrdersScreen {}
            WorkflowScreen {}
            WorkflowScreen {
                encounter: true
            }
            ServicesScreen {}
            SettingsScreen {}
        }
    }
}
