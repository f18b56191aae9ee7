pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Order dispatch: pick a signed order, pick its performer from the FHIR source (practitioners,
// their roles, organizations) or type one as Type/id, and dispatch it (fires order-dispatch with
// dispatchedOrders, performer and a fulfillment Task, built in C++).
RowLayout {
    id: root

    readonly property EhrPickers pickers: PatientController.pickers
    property string chosenOrder
    property string problem

    spacing: Theme.spacing

    ColumnLayout {
        Layout.fillHeight: true
        Layout.fillWidth: true
        Layout.preferredWidth: 1
        Layout.margins: 12
        spacing: 6

        Label {
            text: qsTr("Signed orders")
            font.bold: true
            color: Theme.text
        }
        ListView {
            id: signedList
            objectName: "signedOrders"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: OrdersController.signedOrders
            delegate: ItemDelegate {
                id: order
                required property string reference
                required property var model // `display` is AbstractButton's too (FINAL)
                required property string performer
                required property int index
                width: ListView.view.width
                highlighted: root.chosenOrder === order.reference
                onClicked: root.chosenOrder = order.reference
                // The first signed order is chosen until the user picks another.
                Component.onCompleted: if (order.index === 0 && root.chosenOrder.length === 0)
                                           root.chosenOrder = order.reference
                contentItem: ColumnLayout {
                    spacing: 2
                    Label {
                        Layout.fillWidth: true
                        text: order.model.display
                        elide: Text.ElideRight
                        color: Theme.text
                    }
                    Label {
                        Layout.fillWidth: true
                        text: order.performer.length > 0 ? qsTr("dispatched to %1").arg(order.performer)
                                                         : order.reference
                        elide: Text.ElideRight
                        font.pixelSize: 11
                        color: Theme.mutedText
                    }
                }
            }
            EmptyState {
                anchors.centerIn: parent
                width: parent.width - 24
                visible: signedList.count === 0
                title: qsTr("No signed orders")
                hint: qsTr("Sign draft orders on the Orders screen (order-sign), then dispatch them here.")
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
            text: qsTr("Performer")
            font.bold: true
            color: Theme.text
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                id: performerSearch
                objectName: "performerSearch"
                Layout.fillWidth: true
                placeholderText: qsTr("Search practitioners and organizations by name")
                // The hint is elided in a narrow field: the whole of it on hover.
                ToolTip.visible: hovered && text.length === 0
                ToolTip.text: placeholderText
                onAccepted: root.pickers.searchPerformers(text)
            }
            Button {
                text: qsTr("Search")
                onClicked: root.pickers.searchPerformers(performerSearch.text)
            }
        }
        ListView {
            objectName: "performers"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: root.pickers.performers
            delegate: ItemDelegate {
                id: candidate
                required property var modelData
                width: ListView.view.width
                highlighted: performer.text === candidate.modelData.reference
                text: candidate.modelData.label + "  ·  " + candidate.modelData.reference
                onClicked: performer.text = candidate.modelData.reference
            }
        }
        TextField {
            id: performer
            objectName: "performer"
            Layout.fillWidth: true
            placeholderText: qsTr("or type the performer as Type/id (Organization/radiology-west)")
            // The hint is elided in a narrow field: the whole of it on hover.
            ToolTip.visible: hovered && text.length === 0
            ToolTip.text: placeholderText
        }
        Label {
            Layout.fillWidth: true
            visible: root.problem.length > 0 || root.pickers.error.length > 0
            text: root.problem.length > 0 ? root.problem : root.pickers.error
            wrapMode: Text.Wrap
            color: Theme.critical
        }
        PrimaryButton {
            objectName: "dispatch"
            Layout.alignment: Qt.AlignRight
            text: qsTr("Dispatch (order-dispatch)")
            enabled: root.chosenOrder.length > 0 && performer.text.length > 0
            onClicked: root.problem = OrdersController.dispatchOrder(root.chosenOrder, performer.text)
        }
    }
    Component.onCompleted: root.pickers.searchPerformers("")
}
