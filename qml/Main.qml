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
    color: Theme.window

    AppShortcuts { window: window }

    // Window geometry and splitter sizes come back from the last session (QSettings).
    Component.onCompleted: {
        const saved = SettingsController.windowGeometry();
        if (saved.width >= minimumWidth && saved.height >= minimumHeight) {
            x = saved.x;
            y = saved.y;
            width = saved.width;
            height = saved.height;
        }
        const sizes = SettingsController.splitterSizes("main");
        if (sizes.length === 2 && sizes[1] >= 80)
            logPanel.SplitView.preferredHeight = sizes[1];
        const columns = SettingsController.splitterSizes("columns");
        if (columns.length === 3 && columns[0] >= 160 && columns[2] >= 280) {
            navigation.SplitView.preferredWidth = columns[0];
            cardsColumn.SplitView.preferredWidth = columns[2];
        }
    }
    onClosing: {
        SettingsController.saveWindowGeometry(Qt.rect(x, y, width, height));
        SettingsController.saveSplitterSizes("main", [columnsSplit.height, logPanel.height]);
        SettingsController.saveSplitterSizes("columns", [navigation.width, screenArea.width, cardsColumn.width]);
    }

    menuBar: WorkspaceMenu {
        objectName: "workspaceMenu"
    }

    header: ColumnLayout {
        spacing: 0
        PatientBanner {
            objectName: "patientBanner"
            Layout.fillWidth: true
            patientName: PatientController.patientName
            patientDetails: PatientController.patientDetails
            userName: PatientController.userName
            fhirServer: (PatientController.encounterId.length > 0
                         ? qsTr("encounter %1 · ").arg(PatientController.encounterId)
                         : qsTr("no encounter · ")) + PatientController.fhirServer
            patients: PatientController.patients
            onPatientPicked: id => PatientController.selectPatient(id)
        }
        // What the user must know: a port that was taken, a corrupt workspace file, ...
        Rectangle {
            objectName: "noticeBar"
            Layout.fillWidth: true
            visible: AppController.notices.length > 0 || WorkspaceController.message.length > 0
            implicitHeight: noticeRow.implicitHeight + 8
            color: Theme.noticeBackground
            RowLayout {
                id: noticeRow
                x: 12
                width: parent.width - 24
                anchors.verticalCenter: parent.verticalCenter
                Label {
                    objectName: "noticeText"
                    Layout.fillWidth: true
                    text: AppController.notices.length > 0 ? AppController.notices[0] : WorkspaceController.message
                    wrapMode: Text.Wrap
                    color: Theme.text
                }
                ToolButton {
                    visible: AppController.notices.length > 0
                    text: "✕"
                    onClicked: AppController.dismissNotice(0)
                }
            }
        }
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Vertical

        SplitView {
            id: columnsSplit
            SplitView.fillHeight: true
            orientation: Qt.Horizontal

            EhrNavigation {
                id: navigation
                objectName: "navigation"
                SplitView.preferredWidth: Theme.navigationWidth
                SplitView.minimumWidth: 160
            }
            ScreenArea {
                id: screenArea
                objectName: "screenArea"
                SplitView.fillWidth: true
                title: navigation.currentTitle
                currentIndex: navigation.currentIndex
            }
            CardsColumn {
                id: cardsColumn
                objectName: "cardsColumn"
                SplitView.preferredWidth: Theme.cardsWidth
                SplitView.minimumWidth: 280
                model: InvocationController.cards
                pendingCalls: InvocationController.pendingCalls
            }
        }
        LogPanel {
            id: logPanel
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
        visible: ConsentController.service.length > 0
        title: qsTr("Allow %1 to read FHIR data?").arg(ConsentController.service)
        contentItem: ColumnLayout {
            spacing: 6
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: qsTr("The service asks for an access token with these scopes:")
            }
            Repeater {
                model: ConsentController.scopes
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
                    onClicked: ConsentController.answer(false)
                }
                PrimaryButton {
                    objectName: "allowConsent"
                    text: qsTr("Allow")
                    highlighted: true
                    onClicked: ConsentController.answer(true)
                }
            }
        }
    }
    Connections {
        target: InvocationController
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
