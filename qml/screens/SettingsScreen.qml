import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// How every following call is made: the browser origin the CORS emulation plays, a deliberate
// client JWT fault, what fhirAuthorization carries and whether prefetch is sent.
ScrollView {
    id: root

    contentWidth: availableWidth

    GridLayout {
        width: root.availableWidth - 24
        x: 12
        y: 12
        columns: 2
        columnSpacing: 16
        rowSpacing: 10

        Label {
            text: qsTr("Browser origin (CORS)")
            color: Theme.text
        }
        TextField {
            objectName: "origin"
            Layout.fillWidth: true
            text: AppController.origin
            placeholderText: qsTr("empty: no CORS emulation (a desktop EHR)")
            onEditingFinished: AppController.origin = text
        }
        Label {
            text: qsTr("Client JWT")
            color: Theme.text
        }
        ComboBox {
            objectName: "jwtFault"
            Layout.fillWidth: true
            model: AppController.jwtFaults
            currentIndex: Math.max(0, AppController.jwtFaultIndex)
            onActivated: AppController.jwtFault = currentText
        }
        Label {
            text: qsTr("fhirAuthorization token")
            color: Theme.text
        }
        ComboBox {
            objectName: "accessToken"
            Layout.fillWidth: true
            model: ["mock", "none", "expired"]
            currentIndex: AppController.accessTokenMode === "none" ? 1 : AppController.accessTokenMode === "expired" ? 2 : 0
            onActivated: AppController.accessTokenMode = currentText
        }
        Label {
            text: qsTr("Token grant")
            color: Theme.text
        }
        ComboBox {
            objectName: "grantPolicy"
            Layout.fillWidth: true
            model: ["pre-authorized", "ask-user"]
            currentIndex: AppController.grantPolicy === "ask-user" ? 1 : 0
            onActivated: AppController.grantPolicy = currentText
        }
        Label {
            text: qsTr("Prefetch")
            color: Theme.text
        }
        ComboBox {
            objectName: "prefetch"
            Layout.fillWidth: true
            model: ["all", "none"]
            currentIndex: AppController.prefetchMode === "none" ? 1 : 0
            onActivated: AppController.prefetchMode = currentText
        }
        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("%1. Calls are signed with your own key, published at the embedded server's "
                       + "/.well-known/jwks.json. A JWT fault shows in each exchange's JWT tab; the "
                       + "service should answer 401. hookbench-cli offers the same settings per call "
                       + "(fire --jwt-fault, --access-token, --prefetch, --origin).").arg(AppController.statusText)
        }
    }
}
