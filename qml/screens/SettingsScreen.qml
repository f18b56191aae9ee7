import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Where the EHR's data comes from (the FHIR source; a pasted bearer token stays in the session)
// and how every following call is made (saved in the workspace): the browser origin the CORS
// emulation plays, the token grant, the spec version, the client identity, and per-service
// settings applied to every service at once (each service's own are on the Services screen).
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
            text: qsTr("FHIR source")
            color: Theme.text
        }
        TextField {
            id: fhirUrl
            objectName: "fhirUrl"
            Layout.fillWidth: true
            text: SettingsController.fhirUrl
            placeholderText: qsTr("empty: the embedded FHIR server; else a FHIR R4 base URL")
            // The hint is elided in a narrow field: the whole of it on hover.
            ToolTip.visible: hovered && text.length === 0
            ToolTip.text: placeholderText
        }
        Label {
            text: qsTr("FHIR authentication")
            color: Theme.text
        }
        ComboBox {
            id: fhirAuth
            objectName: "fhirAuth"
            Layout.fillWidth: true
            model: ["none", "bearer", "backend-services"]
            currentIndex: Math.max(0, model.indexOf(SettingsController.fhirAuth))
        }
        Label {
            visible: fhirAuth.currentText === "bearer"
            text: qsTr("Bearer token")
            color: Theme.text
        }
        TextField {
            id: fhirToken
            objectName: "fhirToken"
            visible: fhirAuth.currentText === "bearer"
            Layout.fillWidth: true
            echoMode: TextInput.Password
            placeholderText: SettingsController.fhirTokenSet
                             ? qsTr("a token is set for this session (paste another to replace it)")
                             : qsTr("paste the token: kept for this session only, never saved")
        }
        Label {
            visible: fhirAuth.currentText === "backend-services"
            text: qsTr("Client id")
            color: Theme.text
        }
        TextField {
            id: fhirClientId
            objectName: "fhirClientId"
            visible: fhirAuth.currentText === "backend-services"
            Layout.fillWidth: true
            text: SettingsController.fhirClientId
            placeholderText: qsTr("the client id registered with the FHIR server")
        }
        Item {
            implicitWidth: 1
        }
        RowLayout {
            Layout.fillWidth: true
            Button {
                objectName: "useFhirSource"
                text: qsTr("Use this FHIR source")
                onClicked: {
                    fhirProblem.text = SettingsController.setFhirSource(fhirUrl.text, fhirAuth.currentText,
                                                                        fhirToken.text, fhirClientId.text);
                    fhirToken.clear(); // the token stays in the session, not in the form
                }
            }
            Label {
                id: fhirProblem
                objectName: "fhirProblem"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                color: Theme.critical
            }
        }
        Item {
            implicitWidth: 1
        }
        Label {
            objectName: "fhirStatus"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: SettingsController.fhirStatus
            color: Theme.mutedText
        }
        Label {
            text: qsTr("Browser origin (CORS)")
            color: Theme.text
        }
        TextField {
            objectName: "origin"
            Layout.fillWidth: true
            text: SettingsController.origin
            placeholderText: qsTr("empty: no CORS emulation (a desktop EHR)")
            onEditingFinished: SettingsController.origin = text
        }
        Label {
            text: qsTr("CORS rules")
            color: Theme.text
        }
        ComboBox {
            objectName: "corsMode"
            Layout.fillWidth: true
            model: ["browser", "strict", "off"]
            currentIndex: Math.max(0, model.indexOf(SettingsController.corsMode))
            onActivated: SettingsController.corsMode = currentText
        }
        Label {
            text: qsTr("Token grant")
            color: Theme.text
        }
        ComboBox {
            objectName: "grantPolicy"
            Layout.fillWidth: true
            model: ["pre-authorized", "ask-user"]
            currentIndex: SettingsController.grantPolicy === "ask-user" ? 1 : 0
            onActivated: SettingsController.setGrantPolicy(currentText)
        }
        Label {
            text: qsTr("Spec version")
            color: Theme.text
        }
        ComboBox {
            objectName: "specVersion"
            Layout.fillWidth: true
            model: ["2.0", "1.0"]
            currentIndex: SettingsController.specVersion === "1.0" ? 1 : 0
            onActivated: SettingsController.specVersion = currentText
        }
        Label {
            text: qsTr("Client JWT issuer (iss)")
            color: Theme.text
        }
        TextField {
            objectName: "issuer"
            Layout.fillWidth: true
            text: SettingsController.issuer
            placeholderText: qsTr("built-in issuer")
            onEditingFinished: SettingsController.issuer = text
        }
        Label {
            text: qsTr("Client JWT, every service")
            color: Theme.text
        }
        ComboBox {
            objectName: "jwtFault"
            Layout.fillWidth: true
            model: ServicesController.jwtFaults
            currentIndex: Math.max(0, model.indexOf(SettingsController.allJwtFault))
            onActivated: SettingsController.setForAllServices("jwtFault", currentText)
        }
        Label {
            text: qsTr("fhirAuthorization, every service")
            color: Theme.text
        }
        ComboBox {
            objectName: "accessToken"
            Layout.fillWidth: true
            model: ["mock", "none", "expired"]
            currentIndex: Math.max(0, model.indexOf(SettingsController.allAccessToken))
            onActivated: SettingsController.setForAllServices("accessToken", currentText)
        }
        Label {
            text: qsTr("Prefetch, every service")
            color: Theme.text
        }
        ComboBox {
            objectName: "prefetch"
            Layout.fillWidth: true
            model: ["all", "none"]
            currentIndex: Math.max(0, model.indexOf(SettingsController.allPrefetch))
            onActivated: SettingsController.setForAllServices("prefetch", currentText)
        }
        Label {
            text: qsTr("Deprecated hooks")
            color: Theme.text
        }
        CheckBox {
            objectName: "medicationPrescribe"
            text: qsTr("medication-prescribe on the Orders screen")
            checked: SettingsController.medicationPrescribe
            onToggled: SettingsController.medicationPrescribe = checked
        }
        Label {
            Layout.columnSpan: 2
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("%1 (port %2, kept across launches). Calls are signed with your own key, published at the "
                       + "embedded server's /.well-known/jwks.json. A JWT fault shows in each exchange's JWT tab; "
                       + "the service should answer 401. Workspace: %3").arg(SettingsController.statusText).arg(SettingsController.embeddedPort).arg(WorkspaceController.path)
        }
    }
}
