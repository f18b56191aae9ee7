pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The services registry: discovery sources (each re-discoverable and removable on its own) and
// every service they listed, with its settings and the status of its last call. Clicking a
// service fires that service alone; the hook buttons on the other screens fire every enabled
// service of their hook.
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
            onAccepted: ServicesController.addSource(text)
            // The hint is elided in a narrow window: the whole of it on hover.
            ToolTip.visible: hovered && text.length === 0
            ToolTip.text: placeholderText
        }
        PrimaryButton {
            objectName: "addSource"
            text: qsTr("Add source")
            highlighted: true
            onClicked: ServicesController.addSource(urlField.text)
        }
        Button {
            text: qsTr("Demo services")
            flat: true
            onClicked: ServicesController.addSource("demo")
        }
        Button {
            text: qsTr("Misbehaviour lab")
            flat: true
            onClicked: ServicesController.addSource("lab")
        }
    }
    Label {
        objectName: "servicesMessage"
        Layout.fillWidth: true
        leftPadding: 12
        rightPadding: 12
        visible: text.length > 0
        text: ServicesController.message
        color: Theme.mutedText
        elide: Text.ElideRight
        // Elided when it does not fit: the whole text on hover.
        ToolTip.visible: elidedHover1.hovered && truncated
        ToolTip.text: text
        HoverHandler {
            id: elidedHover1
        }
    }
    ListView {
        id: sourceList
        objectName: "sourceList"
        Layout.fillWidth: true
        Layout.preferredHeight: contentHeight
        Layout.maximumHeight: 180
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        Layout.topMargin: 6
        clip: true
        spacing: 4
        model: ServicesController.sources
        delegate: Rectangle {
            id: source
            required property string url
            required property string resolvedUrl
            required property string label
            required property int serviceCount
            required property string discoveredAt
            required property string error
            required property bool busy

            width: ListView.view.width
            implicitHeight: sourceRow.implicitHeight + 12
            radius: Theme.radius
            color: Theme.surface
            border.color: source.error.length > 0 ? Theme.critical : Theme.border

            RowLayout {
                id: sourceRow
                x: 10
                width: parent.width - 20
                anchors.verticalCenter: parent.verticalCenter
                spacing: Theme.spacing
                ColumnLayout {
                    Layout.fillWidth: true
                    spacing: 1
                    Label {
                        text: qsTr("%1 · %n service(s)", "", source.serviceCount).arg(source.label)
                        font.bold: true
                        color: Theme.text
                    }
                    Label {
                        Layout.fillWidth: true
                        text: source.resolvedUrl + (source.discoveredAt.length > 0 ? qsTr(" · discovered %1").arg(source.discoveredAt) : "")
                        color: Theme.mutedText
                        font.family: Theme.monospace
                        font.pixelSize: 11
                        elide: Text.ElideMiddle
                        ToolTip.visible: sourceUrlHover.hovered && truncated
                        ToolTip.text: text
                        HoverHandler {
                            id: sourceUrlHover
                        }
                    }
                    Label {
                        objectName: "sourceError"
                        Layout.fillWidth: true
                        visible: source.error.length > 0
                        text: source.error
                        color: Theme.critical
                        font.pixelSize: 11
                        wrapMode: Text.Wrap
                    }
                }
                BusyDots {
                    running: source.busy
                }
                Button {
                    objectName: "rediscover"
                    text: qsTr("Re-discover")
                    flat: true
                    onClicked: ServicesController.rediscover(source.url)
                }
                Button {
                    objectName: "removeSource"
                    text: qsTr("Remove")
                    flat: true
                    onClicked: ServicesController.removeSource(source.url)
                }
            }
        }
    }
    Label {
        Layout.fillWidth: true
        leftPadding: 12
        topPadding: 8
        text: qsTr("%n service(s) · click one to fire it alone · the checkbox includes it when its hook fires", "", serviceList.count)
        color: Theme.mutedText
        font.pixelSize: 11
    }
    ListView {
        id: serviceList
        objectName: "serviceList"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.topMargin: 4
        clip: true
        spacing: 2
        model: ServicesController.services
        property int expanded: -1
        delegate: ServiceRow {
            width: ListView.view.width
            expanded: serviceList.expanded === index
            onToggleSettings: serviceList.expanded = expanded ? -1 : index
        }
    }
}
