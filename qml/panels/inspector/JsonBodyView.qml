pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// A body: JSON as syntax-coloured lines whose objects and arrays fold (click ▾), other text
// as is; Copy puts the whole (redacted) body on the clipboard.
ColumnLayout {
    id: view
    property var body: ({})
    property var folded: []
    readonly property var lines: body.lines || []
    signal copied
    spacing: 2
    Layout.fillWidth: true

    function hidden(index) {
        for (const start of folded) {
            if (start < index && index <= lines[start].end)
                return true;
        }
        return false;
    }
    function toggle(index) {
        const at = folded.indexOf(index);
        folded = at >= 0 ? folded.filter(i => i !== index) : folded.concat([index]);
    }
    onBodyChanged: folded = []

    RowLayout {
        Layout.fillWidth: true
        visible: view.body.present === true
        Label {
            Layout.fillWidth: true
            text: qsTr("%1 bytes").arg(view.body.size) + (view.body.truncated ? qsTr(", truncated") : "")
            color: Theme.logMutedText
            font.pixelSize: Math.round(11 * Theme.fontScale)
        }
        ToolButton {
            objectName: "foldAll"
            visible: view.lines.length > 2
            text: view.folded.length > 0 ? qsTr("Unfold") : qsTr("Fold all")
            font.pixelSize: Math.round(11 * Theme.fontScale)
            onClicked: {
                if (view.folded.length > 0) {
                    view.folded = [];
                    return;
                }
                const all = [];
                for (let i = 1; i < view.lines.length; ++i)
                    if (view.lines[i].end > i && view.lines[i].depth === 1)
                        all.push(i);
                view.folded = all;
            }
        }
        ToolButton {
            objectName: "copyBody"
            text: qsTr("Copy")
            font.pixelSize: Math.round(11 * Theme.fontScale)
            onClicked: {
                AppController.log.copy(view.body.text);
                view.copied();
            }
        }
    }
    Repeater {
        model: view.lines
        delegate: RowLayout {
            id: line
            required property var modelData
            required property int index
            readonly property bool foldable: modelData.end > index
            readonly property bool isFolded: view.folded.indexOf(index) >= 0
            visible: !view.hidden(index)
            spacing: 0
            Layout.fillWidth: true
            Label {
                Layout.preferredWidth: Math.round(14 * Theme.fontScale)
                text: line.foldable ? (line.isFolded ? "▸" : "▾") : ""
                color: Theme.logMutedText
                font.pixelSize: Theme.codePixelSize
                MouseArea {
                    anchors.fill: parent
                    enabled: line.foldable
                    cursorShape: Qt.PointingHandCursor
                    onClicked: view.toggle(line.index)
                }
            }
            Text {
                Layout.fillWidth: true
                leftPadding: line.modelData.depth * Math.round(14 * Theme.fontScale)
                textFormat: Text.RichText
                text: Theme.codeStyle + line.modelData.html + (line.isFolded ? " …" : "")
                color: Theme.logText
                font.family: Theme.monospace
                font.pixelSize: Theme.codePixelSize
                wrapMode: Text.WrapAnywhere
            }
        }
    }
    TextEdit {
        Layout.fillWidth: true
        visible: view.body.present === true && view.body.json !== true
        text: view.body.text || ""
        readOnly: true
        selectByMouse: true
        wrapMode: TextEdit.WrapAnywhere
        textFormat: TextEdit.PlainText
        color: Theme.logText
        font.family: Theme.monospace
        font.pixelSize: Theme.codePixelSize
    }
    Label {
        visible: view.body.present !== true
        text: qsTr("(no body)")
        color: Theme.logMutedText
        font.pixelSize: Theme.codePixelSize
    }
}
