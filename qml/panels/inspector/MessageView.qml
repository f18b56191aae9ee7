import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// A request or a response: the start line, the header table and the body.
ColumnLayout {
    id: view
    property var message: ({})
    spacing: 4

    Label {
        Layout.fillWidth: true
        text: view.message.startLine || ""
        color: Theme.logText
        font.family: Theme.monospace
        font.pixelSize: Theme.codePixelSize
        font.bold: true
        wrapMode: Text.WrapAnywhere
    }
    InspectorSection {
        title: qsTr("Headers")
        HeadersTable {
            headers: view.message.headers || []
        }
    }
    InspectorSection {
        title: qsTr("Body")
        JsonBodyView {
            body: view.message.body || ({})
        }
    }
}
