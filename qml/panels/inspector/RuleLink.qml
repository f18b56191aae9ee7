import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// A rule id from docs/rules.md: click to read its text; the tooltip shows the one-line rule.
Label {
    id: link
    property var rule: ({})
    signal clicked(string id)

    visible: rule && rule.id !== undefined
    text: rule && rule.id ? "<a href=\"rule:" + rule.id + "\">" + rule.id + "</a>" : ""
    textFormat: Text.StyledText
    linkColor: Theme.accent
    font.bold: true
    onLinkActivated: link.clicked(rule.id)
    HoverHandler {
        id: hover
        cursorShape: Qt.PointingHandCursor
    }
    ToolTip.visible: hover.hovered && rule && rule.text !== undefined
    ToolTip.text: rule && rule.text ? rule.text + " (" + rule.severity + ")" : ""
}
