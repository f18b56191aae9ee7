pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Order entry: pick from the formulary or imaging catalogue (fires order-select), review the
// draft orders that suggestions change, and sign them (fires order-sign).
RowLayout {
    id: root

    spacing: Theme.spacing

    ColumnLayout {
        Layout.fillHeight: true
        Layout.fillWidth: true
        Layout.preferredWidth: 1 // the two columns share the width equally
        Layout.margins: 12
        spacing: 6

        Label {
            text: qsTr("Catalogue")
            font.bold: true
            color: Theme.text
        }
        TextField {
            id: filter
            Layout.fillWidth: true
            placeholderText: qsTr("Search medications and imaging")
        }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: AppController.searchCatalogue(filter.text)
            delegate: ItemDelegate {
                id: item
                required property var modelData
                width: ListView.view.width
                text: item.modelData.display
                ToolTip.visible: hovered
                ToolTip.text: item.modelData.kind + " " + item.modelData.code + qsTr(" · click to order")
                onClicked: AppController.addOrder(item.modelData.code)
            }
        }
    }
    ColumnLayout {
        Layout.fillHeight: true
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.margins: 12
        spacing: 6

        Label {
            text: qsTr("Draft orders")
            font.bold: true
            color: Theme.text
        }
        ListView {
            objectName: "draftOrders"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: AppController.draftOrders
            delegate: ItemDelegate {
                id: order
                required property var modelData
                width: ListView.view.width
                contentItem: RowLayout {
                    Label {
                        Layout.fillWidth: true
                        text: order.modelData.display
                        elide: Text.ElideRight
                        color: Theme.text
                    }
                    Label {
                        text: order.modelData.status
                        color: Theme.mutedText
                    }
                    ToolButton {
                        text: "✕"
                        onClicked: AppController.removeOrder(order.modelData.reference)
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                visible: AppController.draftOrders.length === 0
                text: qsTr("No draft orders: pick one from the catalogue")
                color: Theme.mutedText
            }
        }
        Button {
            Layout.alignment: Qt.AlignRight
            text: qsTr("Sign orders (order-sign)")
            highlighted: true
            enabled: AppController.draftOrders.length > 0
            onClicked: AppController.signOrders()
        }
    }
}
