pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Header lines as a two-column table (credentials already redacted by the C++ side).
GridLayout {
    id: table
    property var headers: []
    columns: 2
    columnSpacing: 12
    rowSpacing: 1
    Layout.fillWidth: true

    Repeater {
        model: table.headers
        delegate: Label {
            id: entry1
            required property var modelData
            required property int index
            Layout.row: index
            Layout.column: 0
            Layout.alignment: Qt.AlignTop
            text: entry1.modelData.name
            color: Theme.codeKey
            font.family: Theme.monospace
            font.pixelSize: Theme.codePixelSize
        }
    }
    Repeater {
        model: table.headers
        delegate: TextEdit {
            id: entry2
            required property var modelData
            required property int index
            Layout.row: index
            Layout.column: 1
            Layout.fillWidth: true
            text: entry2.modelData.value
            readOnly: true
            selectByMouse: true
            wrapMode: TextEdit.WrapAnywhere
            color: Theme.logText
            font.family: Theme.monospace
            font.pixelSize: Theme.codePixelSize
        }
    }
    Label {
        visible: table.headers.length === 0
        text: qsTr("(no headers)")
        color: Theme.logMutedText
        font.pixelSize: Theme.codePixelSize
    }
}
