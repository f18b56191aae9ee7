import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hookbench

// The main window: patient banner on top, EHR navigation | screen | cards, and the log below.
ApplicationWindow {
    id: window

    width: 1440
    height: 900
    minimumWidth: 960
    minimumHeight: 600
    visible: true
    title: qsTr("Hookbench %1").arg(AppController.version)
    color: Theme.window

    AppShortcuts { window: window }

    header: PatientBanner {
        objectName: "patientBanner"
        patientName: AppController.patientName
        patientDetails: AppController.patientDetails
        userName: AppController.userName
        fhirServer: (AppController.encounterId.length > 0
                     ? qsTr("encounter %1 · ").arg(AppController.encounterId)
                     : qsTr("no encounter · ")) + AppController.fhirServer
        patients: AppController.patients
        onPatientPicked: id => AppController.selectPatient(id)
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Vertical

        SplitView {
            SplitView.fillHeight: true
            orientation: Qt.Horizontal

            EhrNavigation {
                id: navigation
                objectName: "navigation"
                SplitView.preferredWidth: Theme.navigationWidth
                SplitView.minimumWidth: 160
            }
            ScreenArea {
                objectName: "screenArea"
                SplitView.fillWidth: true
                title: navigation.currentTitle
                currentIndex: navigation.currentIndex
            }
            CardsColumn {
                objectName: "cardsColumn"
                SplitView.preferredWidth: Theme.cardsWidth
                SplitView.minimumWidth: 280
                model: AppController.cards
                pendingCalls: AppController.pendingCalls
            }
        }
        LogPanel {
            objectName: "logPanel"
            SplitView.preferredHeight: Theme.logHeight
            SplitView.minimumHeight: 80
            model: AppController.log
        }
    }

    // Card links and SMART launches open here; WebEngine loads only on first use.
    Popup {
        id: browserPopup
        objectName: "browserPopup"
        x: 60
        y: 40
        width: window.width - 120
        height: window.height - 160
        modal: true
        padding: 0
        property url url
        property string title

        // Loaded by URL, not as an inline component: a Popup's content is created outside the
        // file's context, which inline (bound) components refuse.
        Loader {
            id: browserLoader
            objectName: "browserLoader"
            anchors.fill: parent
            active: browserPopup.visible
            source: "web/BrowserView.qml"
        }
        Binding {
            target: browserLoader.item
            property: "url"
            value: browserPopup.url
        }
        Binding {
            target: browserLoader.item
            property: "title"
            value: browserPopup.title
        }
        Connections {
            target: browserLoader.item
            ignoreUnknownSignals: true
            function onCloseRequested() {
                browserPopup.close();
            }
        }
    }
    // The ask-the-user grant policy: a service waits for this answer before it gets its token.
    Dialog {
        id: consentDialog
        objectName: "consentDialog"
        anchors.centerIn: parent
        width: 520
        modal: true
        closePolicy: Popup.NoAutoClose
        visible: AppController.consentService.length > 0
        title: qsTr("Allow %1 to read FHIR data?").arg(AppController.consentService)
        contentItem: ColumnLayout {
            spacing: 6
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("The service asks for an access token with these scopes:")
            }
            Repeater {
                model: AppController.consentScopes
                delegate: Label {
                    required property string modelData
                    text: "• " + modelData
                    font.family: Theme.monospace
                }
            }
            RowLayout {
                Layout.alignment: Qt.AlignRight
                Button {
                    objectName: "denyConsent"
                    text: qsTr("Deny")
                    flat: true
                    onClicked: AppController.answerConsent(false)
                }
                Button {
                    objectName: "allowConsent"
                    text: qsTr("Allow")
                    highlighted: true
                    onClicked: AppController.answerConsent(true)
                }
            }
        }
    }
    Connections {
        target: AppController
        function onBrowserRequested(url, title) {
            browserPopup.url = url;
            browserPopup.title = title;
            browserPopup.open();
        }
    }
    AboutDialog {
        id: aboutDialog
    }
    Shortcut {
        sequence: "F1"
        onActivated: aboutDialog.open()
    }
}
