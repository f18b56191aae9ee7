pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import Hookbench

// The main screen area: the EHR screen chosen in the navigation, one loader per row of the
// screen table (NavigationModel). Screens load the first time they are shown, then stay (they
// keep what the user typed), so launch pays only for the first one.
Rectangle {
    id: root

    property string title
    property int currentIndex: 0

    color: Theme.window

    NavigationModel {
        id: screens
    }

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

            Repeater {
                model: screens
                delegate: Loader {
                    id: screenLoader
                    required property int index
                    required property string file
                    required property string name
                    objectName: "screen-" + name
                    active: root.currentIndex === index || status === Loader.Ready
                    // Resolved against this file's folder (screens/).
                    source: active ? Qt.resolvedUrl(screenLoader.file) : ""
                }
            }
        }
    }
}
