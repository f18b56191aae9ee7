import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// A titled block inside an inspector view.
ColumnLayout {
    id: section
    property string title
    default property alias content: body.data
    spacing: 4
    Layout.fillWidth: true

    Label {
        text: section.title
        visible: section.title.length > 0
        color: Theme.logMutedText
        font.bold: true
        font.pixelSize: Math.round(11 * Theme.fontScale)
        font.capitalization: Font.AllUppercase
        Layout.topMargin: 6
    }
    ColumnLayout {
        id: body
        Layout.fillWidth: true
        spacing: 2
    }
}
