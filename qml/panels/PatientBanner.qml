import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The EHR's patient banner: who is open, who is the user, which encounter, which FHIR server.
Rectangle {
    id: root

    property string patientName
    property string patientDetails
    property string userName
    property string fhirServer

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
