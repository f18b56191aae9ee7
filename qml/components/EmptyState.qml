import QtQuick
import QtQuick.Layouts
import QtQuick.Controls

// What a panel shows while it has nothing to show: a title and a hint of what to do next.
ColumnLayout {
    id: root

    property string title
    property string hint
    property color textColor: Theme.mutedText

    spacing: 4

    Label {
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: root.title
        color: root.textColor
        font.pixelSize: 15
        font.bold: true
        wrapMode: Text.WordWrap
    }
    Label {
        Layout.fillWidth: true
        horizontalAlignment: Text.AlignHCenter
        text: root.hint
        color: root.textColor
        opacity: 0.8
        wrapMode: Text.WordWrap
    }
}
