pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The discovered CDS services (registry keyed by id + hook), each with its prefetch keys.
// Clicking one fires its hook at every service registered for that hook.
ColumnLayout {
    id: root

    spacing: 0

    RowLayout {
        Layout.fillWidth: true
        Layout.margins: 12
        spacing: Theme.spacing
        TextField {
            id: urlField
            objectName: "discoveryUrl"
            Layout.fillWidth: true
            placeholderText: qsTr("Your CDS service base URL, e.g. http://localhost:3000")
            text: AppController.discoveryUrl
            onAccepted: AppController.discover(text)
        }
        Button {
            text: qsTr("Discover")
            highlighted: true
            onClicked: AppController.discover(urlField.text)
        }
        Button {
            text: qsTr("Demo services")
            flat: true
            onClicked: AppController.discover(AppController.demoDiscoveryUrl)
        }
        Button {
            text: qsTr("Misbehaviour lab")
            flat: true
            onClicked: AppController.discover(AppController.labDiscoveryUrl)
        }
    }
    Label {
        Layout.fillWidth: true
        leftPadding: 12
        rightPadding: 12
        text: qsTr("%1 services · click one to fire its hook · %2").arg(list.count).arg(AppController.lastFire)
        color: Theme.mutedText
        elide: Text.ElideRight
    }
    ListView {
        id: list
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        spacing: 4
        model: AppController.services
        delegate: ItemDelegate {
            id: service
            required property var modelData
            width: ListView.view.width
            contentItem: ColumnLayout {
                spacing: 2
                RowLayout {
                    Label {
                        text: service.modelData.title
                        font.bold: true
                        color: Theme.text
                    }
                    Label {
                        text: service.modelData.id + " · " + service.modelData.hook
                        color: Theme.accent
                        font.family: Theme.monospace
                    }
                }
                Label {
                    Layout.fillWidth: true
                    text: service.modelData.description
                    wrapMode: Text.Wrap
                    color: Theme.mutedText
                }
                Label {
                    visible: service.modelData.prefetch.length > 0
                    text: qsTr("prefetch: ") + service.modelData.prefetch
                    color: Theme.mutedText
                    font.pixelSize: 11
                }
            }
            onClicked: AppController.fireHook(service.modelData.hook)
        }
    }
}
