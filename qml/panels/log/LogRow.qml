import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// One exchange in the log: kind, method, status, time, CORS badge, URL and the summary (the most
// important fact, coloured by what it is).
Rectangle {
    id: row

    required property int index
    required property var exchangeId
    required property string kind
    required property string method
    required property string url
    required property int status
    required property real duration
    required property string corsVerdict
    required property string summary
    required property string summaryKind
    property bool selected: false
    signal clicked
    signal doubleClicked

    height: Theme.logRowHeight
    color: selected ? Theme.logSelection : (index % 2 ? Theme.logAlternate : "transparent")

    readonly property int small: Math.round(11 * Theme.fontScale)

    function summaryColor() {
        switch (summaryKind) {
        case "error":
        case "cors":
            return Theme.critical;
        case "findings":
            return Theme.warning;
        case "warning":
            return Theme.warning;
        default:
            return Theme.logMutedText;
        }
    }

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 10
        anchors.rightMargin: 8
        spacing: 10
        Label {
            Layout.preferredWidth: Math.round(62 * Theme.fontScale)
            text: row.kind
            color: Theme.logMutedText
            font.family: Theme.monospace
            font.pixelSize: row.small
        }
        Label {
            Layout.preferredWidth: Math.round(54 * Theme.fontScale)
            text: row.method
            color: Theme.logText
            font.family: Theme.monospace
            font.pixelSize: row.small
        }
        Label {
            Layout.preferredWidth: Math.round(32 * Theme.fontScale)
            text: row.status > 0 ? row.status : "—"
            color: row.status >= 400 || row.status === 0 ? Theme.statusBad : Theme.statusOk
            font.family: Theme.monospace
            font.pixelSize: row.small
        }
        Label {
            Layout.preferredWidth: Math.round(64 * Theme.fontScale)
            horizontalAlignment: Text.AlignRight
            text: row.duration >= 0 ? row.duration.toFixed(1) + " ms" : ""
            color: Theme.logMutedText
            font.family: Theme.monospace
            font.pixelSize: row.small
        }
        Rectangle {
            Layout.preferredWidth: Math.round(52 * Theme.fontScale)
            Layout.preferredHeight: Math.round(16 * Theme.fontScale)
            radius: 3
            opacity: row.corsVerdict.length > 0 ? 1 : 0
            color: row.corsVerdict === "fail" ? Theme.critical
                 : row.corsVerdict === "pass-with-warning" ? Theme.warning : Theme.success
            Label {
                anchors.centerIn: parent
                text: row.corsVerdict === "fail" ? "CORS ✕" : row.corsVerdict === "pass" ? "CORS ✓" : "CORS !"
                color: "white"
                font.pixelSize: Math.round(9 * Theme.fontScale)
                font.bold: true
            }
        }
        Label {
            id: urlLabel
            Layout.preferredWidth: Math.min(Math.round(380 * Theme.fontScale), implicitWidth)
            text: row.url
            color: Theme.logText
            font.family: Theme.monospace
            font.pixelSize: row.small
            elide: Text.ElideMiddle
        }
        Label {
            id: summaryLabel
            Layout.fillWidth: true
            text: row.summary
            color: row.summaryColor()
            font.pixelSize: row.small
            elide: Text.ElideRight
        }
    }
    MouseArea {
        id: mouse
        anchors.fill: parent
        hoverEnabled: true
        onClicked: row.clicked()
        onDoubleClicked: row.doubleClicked()
    }
    // Eliding is unavoidable in a one-line row: the full URL and summary are a hover away.
    ToolTip.visible: mouse.containsMouse && (urlLabel.truncated || summaryLabel.truncated)
    ToolTip.delay: 600
    ToolTip.text: row.url + (row.summary.length > 0 ? "\n" + row.summary : "")
}
