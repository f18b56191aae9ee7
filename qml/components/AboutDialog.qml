import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Hookbench

// About (F1): what this build is, so a bug report can name it. "Copy version details" puts the
// lines `hookbench --version` prints on the clipboard.
Dialog {
    id: root

    objectName: "aboutDialog"
    title: qsTr("About Hookbench")
    modal: true
    anchors.centerIn: parent
    width: 460
    standardButtons: Dialog.Close

    contentItem: ColumnLayout {
        spacing: Theme.spacing

        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            text: qsTr("A desktop CDS Hooks sandbox that plays the EHR: it fires hooks at CDS "
                       + "services, renders their cards and logs every HTTP exchange.")
        }
        GridLayout {
            columns: 2
            columnSpacing: 16
            rowSpacing: 4

            Label { text: qsTr("Version"); color: Theme.mutedText }
            Label { objectName: "aboutVersion"; text: BuildInfo.version }
            Label { text: qsTr("Commit"); color: Theme.mutedText }
            Label { objectName: "aboutCommit"; text: BuildInfo.commit; font.family: Theme.monospace }
            Label { text: qsTr("Qt"); color: Theme.mutedText }
            Label { objectName: "aboutQt"; text: BuildInfo.qtVersion }
            Label { text: qsTr("OpenSSL"); color: Theme.mutedText }
            Label { objectName: "aboutOpenSsl"; text: BuildInfo.openSslVersion }
            Label { text: qsTr("Licence"); color: Theme.mutedText }
            Label { text: "Apache-2.0" }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("For development and testing with synthetic data only; not a medical device.")
        }
        Button {
            objectName: "copyVersion"
            Layout.alignment: Qt.AlignLeft
            text: qsTr("Copy version details")
            flat: true
            onClicked: BuildInfo.copyVersionText()
        }
    }
}
