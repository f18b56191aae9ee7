import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// A titled block of one-line entries on a chart screen ("Problems", "Medications", ...).
Rectangle {
    id: root

    property string title
    property var entries: []
    property string emptyText: qsTr("None recorded")
    property color accent: Theme.accent

    implicitHeight: column.implicitHeight + 20
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.border

    ColumnLayout {
        id: column
        x: 12
        y: 10
        width: root.width - 24
        spacing: 4

        Label {
            text: root.title
            font.bold: true
            color: root.accent
        }
        Repeater {
            model: root.entries
            delegate: Label {
                required property string modelData
                Layout.fillWidth: true
                text: "• " + modelData
                textFormat: Text.PlainText
                wrapMode: Text.Wrap
                color: Theme.text
            }
        }
        Label {
            visible: root.entries.length === 0
            text: root.emptyText
            color: Theme.mutedText
            font.italic: true
        }
    }
}
