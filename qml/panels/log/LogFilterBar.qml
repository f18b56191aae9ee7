pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The log's filter bar: each control sets one filter of the LogFilterModel; the free text is
// applied after a short pause so typing stays smooth at 100,000 exchanges.
RowLayout {
    id: bar

    required property LogFilterModel filter
    property alias textField: text

    spacing: 6

    component Choice: ComboBox {
        id: choice
        required property string what
        property var values: []
        property string current: ""
        signal picked(string value)
        model: AppController.log.withAll(qsTr("all %1").arg(what), values)
        currentIndex: Math.max(0, values.indexOf(current) + 1)
        onActivated: index => picked(index === 0 ? "" : values[index - 1])
        implicitContentWidthPolicy: ComboBox.WidestText
        font.pixelSize: Math.round(11 * Theme.fontScale)
        Layout.preferredHeight: Math.round(28 * Theme.fontScale)
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Show only exchanges of this %1").arg(what)
    }

    TextField {
        id: text
        objectName: "logFilterText"
        Layout.fillWidth: true
        Layout.minimumWidth: 120
        Layout.preferredHeight: Math.round(28 * Theme.fontScale)
        placeholderText: qsTr("Filter: URL or body text (Ctrl+F)")
        font.pixelSize: Math.round(11 * Theme.fontScale)
        selectByMouse: true
        onTextChanged: debounce.restart()
        Keys.onEscapePressed: text.clear()
        Timer {
            id: debounce
            interval: 200
            onTriggered: bar.filter.text = text.text
        }
    }
    Choice {
        objectName: "kindFilter"
        what: qsTr("kinds")
        values: ["discovery", "preflight", "hook", "prefetch", "fhir", "feedback", "token"]
        current: bar.filter.kind
        onPicked: value => bar.filter.kind = value
    }
    Choice {
        objectName: "serviceFilter"
        what: qsTr("services")
        values: bar.filter.count >= 0 && AppController.log ? AppController.log.services() : []
        current: bar.filter.service
        onPicked: value => bar.filter.service = value
    }
    Choice {
        objectName: "statusFilter"
        what: qsTr("statuses")
        values: ["2xx", "3xx", "4xx", "5xx", "none"]
        current: bar.filter.statusClass
        onPicked: value => bar.filter.statusClass = value
    }
    Choice {
        objectName: "corsFilter"
        what: qsTr("CORS")
        values: ["pass", "pass-with-warning", "fail", "none"]
        current: bar.filter.corsVerdict
        onPicked: value => bar.filter.corsVerdict = value
    }
    Choice {
        objectName: "severityFilter"
        what: qsTr("findings")
        values: ["error", "warning", "info"]
        current: bar.filter.minSeverity
        onPicked: value => bar.filter.minSeverity = value
    }
    ToolButton {
        objectName: "newestFirst"
        text: bar.filter.newestFirst ? qsTr("Newest first") : qsTr("Oldest first")
        font.pixelSize: Math.round(11 * Theme.fontScale)
        onClicked: bar.filter.newestFirst = !bar.filter.newestFirst
        ToolTip.visible: hovered
        ToolTip.text: qsTr("Change the order of the log")
    }
    ToolButton {
        objectName: "clearFilters"
        text: qsTr("Clear")
        enabled: bar.filter.filtered || text.text.length > 0
        font.pixelSize: Math.round(11 * Theme.fontScale)
        onClicked: {
            text.clear();
            bar.filter.clearFilters();
        }
    }
}
