import QtQuick
import QtQuick.Layouts
import QtQuick.Controls

// The title row at the top of a panel.
Rectangle {
    id: root

    property string title
    property string subtitle
    property color foreground: Theme.text
    default property alias actions: actionRow.data

    implicitHeight: 40
    color: "transparent"

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 12
        anchors.rightMargin: 8
        spacing: Theme.spacing

        Label {
            text: root.title
            color: root.foreground
            font.pixelSize: 13
            font.bold: true
            font.capitalization: Font.AllUppercase
            font.letterSpacing: 0.6
        }
        Label {
            Layout.fillWidth: true
            text: root.subtitle
            color: root.foreground
            opacity: 0.65
            elide: Text.ElideRight
            // Elided when it does not fit: the whole text on hover.
            ToolTip.visible: elidedHover1.hovered && truncated
            ToolTip.text: text
            HoverHandler {
                id: elidedHover1
            }
        }
        RowLayout {
            id: actionRow
            spacing: 4
        }
    }
}
