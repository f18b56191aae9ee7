pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Order entry: pick from the formulary or imaging catalogue (fires order-select), review the
// draft orders that suggestions change, and sign them (fires order-sign; the Order dispatch
// screen dispatches them). The deprecated medication-prescribe is offered when Settings allow.
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
            onTextChanged: OrdersController.catalogue.filter = text
        }
        ListView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: OrdersController.catalogue
            delegate: ItemDelegate {
                id: item
                required property string code
                // `display` is also AbstractButton's (FINAL) property: read the role off the model.
                required property var model
                required property string kind
                width: ListView.view.width
                text: item.model.display
                ToolTip.visible: hovered
                ToolTip.text: item.kind + " " + item.code + qsTr(" · click to order")
                onClicked: OrdersController.addOrder(item.code)
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
            id: draftList
            objectName: "draftOrders"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: OrdersController.draftOrders
            delegate: ItemDelegate {
                id: order
                required property string reference
                required property var model // `display` is AbstractButton's too (FINAL)
                required property string status
                width: ListView.view.width
                contentItem: RowLayout {
                    ElidedLabel {
                        Layout.fillWidth: true
                        text: order.model.display
                        elide: Text.ElideRight
                        color: Theme.text
                    }
                    Label {
                        text: order.status
                        color: Theme.mutedText
                    }
                    ToolButton {
                        text: "✕"
                        onClicked: OrdersController.removeOrder(order.reference)
                    }
                }
            }
            Label {
                anchors.centerIn: parent
                width: parent.width - 24
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.Wrap
                visible: draftList.count === 0
                text: qsTr("No draft orders: pick one from the catalogue")
                color: Theme.mutedText
            }
        }
        RowLayout {
            Layout.alignment: Qt.AlignRight
            // The deprecated hook, only when the workspace turns it on (Settings).
            Button {
                objectName: "prescribe"
                visible: OrdersController.medicationPrescribe
                text: qsTr("Prescribe (medication-prescribe, deprecated)")
                enabled: draftList.count > 0
                onClicked: OrdersController.prescribe()
            }
            PrimaryButton {
                text: qsTr("Sign orders (order-sign)")
                highlighted: true
                enabled: draftList.count > 0
                onClicked: OrdersController.signOrders()
            }
        }
    }
}
