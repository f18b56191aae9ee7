import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// curl to repeat the request: secrets redacted by default; "with live tokens" copies a command
// that replays (the tokens as sent and a freshly signed client JWT for this URL).
ColumnLayout {
    id: view
    property var details: ({})
    signal message(string text)
    spacing: 6

    CodeText {
        objectName: "curlText"
        text: view.details.curl || ""
    }
    RowLayout {
        Button {
            objectName: "copyCurl"
            text: qsTr("Copy")
            onClicked: {
                AppController.log.copy(view.details.curl);
                view.message(qsTr("curl copied (secrets redacted)"));
            }
        }
        Button {
            objectName: "copyLiveCurl"
            text: qsTr("Copy with live tokens")
            onClicked: {
                AppController.log.copy(AppController.log.curl(view.details.row, true));
                view.message(qsTr("curl with live tokens copied: it carries credentials, do not share it"));
            }
            ToolTip.visible: hovered
            ToolTip.text: qsTr("A fresh client JWT for this URL and the tokens as sent, so the command replays")
        }
    }
}
