pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
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

    header: PatientBanner {
        objectName: "patientBanner"
        patientName: AppController.patientName
        patientDetails: AppController.patientDetails
        userName: AppController.userName
        fhirServer: AppController.fhirServer
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
        x: 60
        y: 40
        width: window.width - 120
        height: window.height - 160
        modal: true
        padding: 0
        property url url
        property string title
        contentItem: Loader {
            active: browserPopup.visible
            sourceComponent: BrowserView {
                url: browserPopup.url
                title: browserPopup.title
                onCloseRequested: browserPopup.close()
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
}
