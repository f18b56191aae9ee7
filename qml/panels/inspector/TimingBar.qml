pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The exchange's time as one bar: queue, connect, wait, receive (they add up to the total).
ColumnLayout {
    id: view
    property var timings: ({})
    readonly property real total: timings.total || 0
    readonly property var phases: [
        {name: qsTr("queue"), ms: timings.queue || 0, color: Theme.logMutedText},
        {name: qsTr("connect"), ms: timings.connect || 0, color: Theme.warning},
        {name: qsTr("wait"), ms: timings.wait || 0, color: Theme.info},
        {name: qsTr("receive"), ms: timings.receive || 0, color: Theme.success}
    ]
    spacing: 6

    Label {
        text: view.total > 0 ? qsTr("%1 ms in total").arg(view.total.toFixed(3)) : qsTr("Not sent, or no timing recorded.")
        color: Theme.logText
        font.bold: true
    }
    Row {
        objectName: "timingBar"
        Layout.fillWidth: true
        height: Math.round(14 * Theme.fontScale)
        visible: view.total > 0
        Repeater {
            model: view.phases
            delegate: Rectangle {
                id: entry1
                required property var modelData
                width: parent.width * entry1.modelData.ms / view.total
                height: parent.height
                color: entry1.modelData.color
            }
        }
    }
    Repeater {
        model: view.total > 0 ? view.phases : []
        delegate: RowLayout {
            id: entry2
            required property var modelData
            spacing: 6
            Rectangle {
                width: 10
                height: 10
                color: entry2.modelData.color
            }
            Label {
                text: entry2.modelData.name + ": " + entry2.modelData.ms.toFixed(3) + " ms"
                color: Theme.logText
            }
        }
    }
    Label {
        visible: view.timings.ssl !== undefined && view.timings.ssl >= 0
        text: qsTr("of which TLS: %1 ms").arg((view.timings.ssl || 0).toFixed(3))
        color: Theme.logMutedText
    }
}
