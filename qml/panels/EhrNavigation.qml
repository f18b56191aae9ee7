import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The EHR's left navigation: one entry per workflow screen; each screen fires its own hooks.
Rectangle {
    id: root

    property alias currentIndex: list.currentIndex
    readonly property string currentTitle: screens.titleAt(list.currentIndex)

    implicitWidth: Theme.navigationWidth
    color: Theme.surface
    border.color: Theme.border

    NavigationModel {
        id: screens
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 1
        spacing: 0

        SectionHeader {
            Layout.fillWidth: true
            title: qsTr("EHR")
        }
        ListView {
            id: list
            objectName: "navigationList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            model: screens
            currentIndex: AppController.initialScreen
            onCurrentIndexChanged: SettingsController.saveLastScreen(screens.nameAt(currentIndex))
            delegate: ItemDelegate {
                id: entry
                required property int index
                required property string title
                required property string hooks

                width: ListView.view.width
                highlighted: ListView.isCurrentItem
                onClicked: entry.ListView.view.currentIndex = entry.index
                contentItem: ColumnLayout {
                    spacing: 1
                    Label {
                        text: entry.title
                        color: entry.highlighted ? Theme.accent : Theme.text
                        font.bold: entry.highlighted
                    }
                    Label {
                        // Wraps rather than elides: the hooks a screen fires are worth reading.
                        Layout.fillWidth: true
                        text: entry.hooks
                        color: Theme.mutedText
                        font.pixelSize: 11
                        wrapMode: Text.Wrap
                    }
                }
            }
        }
    }
}
