import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The chart an EHR opens (firing patient-view): problems, medications, allergies, results.
ScrollView {
    id: root

    contentWidth: availableWidth

    ColumnLayout {
        width: root.availableWidth
        spacing: Theme.spacing

        RowLayout {
            Layout.fillWidth: true
            Layout.margins: 12
            Label {
                Layout.fillWidth: true
                text: InvocationController.lastFire
                color: Theme.mutedText
                elide: Text.ElideRight
                // Elided when it does not fit: the whole text on hover.
                ToolTip.visible: elidedHover1.hovered && truncated
                ToolTip.text: text
                HoverHandler {
                    id: elidedHover1
                }
            }
            PrimaryButton {
                objectName: "firePatientView"
                text: qsTr("Fire patient-view")
                highlighted: true
                onClicked: InvocationController.fireHook("patient-view")
            }
        }
        GridLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 12
            Layout.rightMargin: 12
            columns: width > 700 ? 2 : 1
            columnSpacing: Theme.spacing
            rowSpacing: Theme.spacing

            ListSection {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                title: qsTr("Allergies")
                accent: Theme.critical
                entries: PatientController.allergies
                emptyText: qsTr("No known allergies")
            }
            ListSection {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                title: qsTr("Problems")
                entries: PatientController.conditions
            }
            ListSection {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                title: qsTr("Active medications")
                entries: PatientController.medications
            }
            ListSection {
                Layout.fillWidth: true
                Layout.alignment: Qt.AlignTop
                title: qsTr("Encounters")
                entries: PatientController.encounters
            }
            ListSection {
                Layout.fillWidth: true
                Layout.columnSpan: parent.columns
                title: qsTr("Latest results")
                entries: PatientController.observations
            }
        }
        Item {
            Layout.preferredHeight: 12
        }
    }
}
