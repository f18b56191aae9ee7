import QtQuick
import QtQuick.Layouts
import Hookbench

// The main screen area: the EHR screen chosen in the navigation. Screens load the first time
// they are shown, so launch pays only for the chart.
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

            Loader {
                // Loaded when first shown, then kept (it keeps what the user typed).
                active: root.currentIndex === 0 || status === Loader.Ready
                sourceComponent: chart
            }
            Loader {
                // Loaded when first shown, then kept (it keeps what the user typed).
                active: root.currentIndex === 1 || status === Loader.Ready
                sourceComponent: orders
            }
            Loader {
                // Loaded when first shown, then kept (it keeps what the user typed).
                active: root.currentIndex === 2 || status === Loader.Ready
                sourceComponent: scheduling
            }
            Loader {
                // Loaded when first shown, then kept (it keeps what the user typed).
                active: root.currentIndex === 3 || status === Loader.Ready
                sourceComponent: encounter
            }
            Loader {
                // Loaded when first shown, then kept (it keeps what the user typed).
                active: root.currentIndex === 4 || status === Loader.Ready
                sourceComponent: services
            }
            Loader {
                // Loaded when first shown, then kept (it keeps what the user typed).
                active: root.currentIndex === 5 || status === Loader.Ready
                sourceComponent: settings
            }
            Loader {
                active: root.currentIndex === 6 || status === Loader.Ready
                sourceComponent: patientSearch
            }
            Loader {
                active: root.currentIndex === 7 || status === Loader.Ready
                sourceComponent: customHook
            }
        }
    }

    Component {
        id: chart
        PatientChartScreen {}
    }
    Component {
        id: orders
        OrdersScreen {}
    }
    Component {
        id: scheduling
        WorkflowScreen {}
    }
    Component {
        id: encounter
        WorkflowScreen {
            encounter: true
        }
    }
    Component {
        id: services
        ServicesScreen {}
    }
    Component {
        id: settings
        SettingsScreen {}
    }
    Component {
        id: patientSearch
        PatientSearchScreen {}
    }
    Component {
        id: customHook
        CustomHookScreen {}
    }
}
