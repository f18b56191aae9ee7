import QtQuick
import QtQuick.Layouts
import Hookbench

// Monospaced, selectable, wrapped text (console lines, curl commands, header values).
TextEdit {
    Layout.fillWidth: true
    readOnly: true
    selectByMouse: true
    wrapMode: TextEdit.WrapAnywhere
    textFormat: TextEdit.PlainText
    color: Theme.logText
    selectionColor: Theme.logSelection
    font.family: Theme.monospace
    font.pixelSize: Theme.codePixelSize
}
