import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Scheduling and encounter workflow steps: each button is the moment an EHR fires the hook.
ColumnLayout {
    id: root

    property bool encounter: false

    spacing: 12

    Label {
        Layout.margins: 12
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        color: Theme.mutedText
        text: root.encounter
              ? qsTr("Encounter %1. Starting it fires encounter-start; discharging fires encounter-discharge.").arg(PatientController.encounterId)
              : qsTr("Booking a follow-up fires appointment-book with the proposed appointment.")
    }
    RowLayout {
        Layout.leftMargin: 12
        spacing: Theme.spacing
        PrimaryButton {
            visible: !root.encounter
            text: qsTr("Book follow-up in 14 days")
            highlighted: true
            onClicked: OrdersController.bookAppointment(14)
        }
        PrimaryButton {
            visible: root.encounter
            text: qsTr("Start encounter")
            highlighted: true
            onClicked: InvocationController.fireHook("encounter-start")
        }
        Button {
            visible: root.encounter
            text: qsTr("Discharge")
            onClicked: InvocationController.fireHook("encounter-discharge")
        }
    }
    Label {
        Layout.margins: 12
        Layout.fillWidth: true
        text: InvocationController.lastFire
        wrapMode: Text.Wrap
        color: Theme.text
    }
    Item {
        Layout.fillHeight: true
    }
}
