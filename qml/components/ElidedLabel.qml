import QtQuick
import QtQuick.Controls

// A one-line label that may have to elide (a narrow column, a long name): when it does, its whole
// text is a hover away. For delegates' contentItem, where a HoverHandler of their own would need
// an id (which makes the deferred contentItem immediate).
Label {
    id: label
    elide: Text.ElideRight
    ToolTip.visible: hover.hovered && label.truncated
    ToolTip.text: label.text
    HoverHandler {
        id: hover
    }
}
