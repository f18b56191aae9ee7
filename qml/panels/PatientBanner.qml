pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import QtQuick.Controls.Material
import Hookbench

// The EHR's patient banner: who is open (and the picker to open another), who the user is, and
// which FHIR server the chart comes from.
Rectangle {
    id: root

    property string patientName
    property string patientDetails
    property string userName
    property string fhirServer
    property var patients: null
    signal patientPicked(string patientId)

    implicitHeight: Theme.bannerHeight
    color: Theme.bannerBackground

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 16
        anchors.rightMargin: 16
        spacing: 16

        Label {
            text: "Hookbench"
            color: Theme.bannerText
            font.pixelSize: 20
            font.bold: true
        }
        Rectangle {
            Layout.preferredWidth: 1
            Layout.fillHeight: true
            Layout.topMargin: 14
            Layout.bottomMargin: 14
            color: Theme.bannerMutedText
            opacity: 0.4
        }
        ColumnLayout {
            Layout.fillWidth: true
            spacing: 2
            Label {
                objectName: "patientName"
                text: root.patientName.length > 0 ? root.patientName : qsTr("No patient selected")
                color: Theme.bannerText
                font.pixelSize: 16
                font.bold: true
            }
            Label {
                text: root.patientDetails.length > 0 ? root.patientDetails
                                                     : qsTr("Pick a patient to open a chart")
                color: Theme.bannerMutedText
            }
        }
        ComboBox {
            id: picker
            objectName: "patientPicker"
            visible: root.patients !== null
            Layout.preferredWidth: 260
            model: root.patients
            textRole: "name"
            valueRole: "patientId"
            displayText: qsTr("Open patient…")
            // Light text and arrow on the dark banner in both themes (the style's default
            // foreground is dark in the light theme: unreadable there); the list keeps the theme's.
            Material.foreground: Theme.bannerText
            onActivated: root.patientPicked(picker.currentValue)
            delegate: ItemDelegate {
                id: choice
                required property string name
                required property string demonstrates
                width: picker.width * 1.6
                contentItem: ColumnLayout {
                    spacing: 0
                    Label {
                        text: choice.name
                        font.bold: true
                        color: Theme.text
                    }
                    ElidedLabel {
                        Layout.fillWidth: true
                        color: Theme.text
                        text: choice.demonstrates
                        font.pixelSize: 11
                        elide: Text.ElideRight
                        opacity: 0.7
                    }
                }
            }
        }
        ColumnLayout {
            spacing: 2
            Label {
                Layout.alignment: Qt.AlignRight
                text: root.userName.length > 0 ? root.userName : qsTr("No user")
                color: Theme.bannerText
            }
            Label {
                Layout.alignment: Qt.AlignRight
                text: root.fhirServer.length > 0 ? root.fhirServer : qsTr("No FHIR server")
                color: Theme.bannerMutedText
                font.family: Theme.monospace
                font.pixelSize: 11
            }
        }
    }
}
