pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Window
import Hookbench

// Every HTTP exchange: discovery, hook calls, prefetch, the services' FHIR reads, feedback.
// Filter bar on top, the list below, the selected exchange in the inspector on the right. The
// panel can be detached into its own window (and attached back) without losing its state.
Rectangle {
    id: root

    property alias model: logFilter.log
    readonly property alias filter: logFilter
    readonly property int count: logFilter.count
    readonly property int total: logFilter.total
    property var selectedId: -1
    property var details: ({})
    property string exportMessage
    property bool detached: false
    readonly property bool inspectorOpen: root.details.id !== undefined

    implicitHeight: Theme.logHeight
    color: Theme.logBackground

    /// Shortcut targets (AppShortcuts.qml).
    function focusFilter() {
        filterBar.textField.forceActiveFocus();
        filterBar.textField.selectAll();
    }
    function openInspector() {
        const row = Math.max(0, exchangeList.currentIndex);
        if (exchangeList.count > 0)
            select(row);
    }
    function select(row) {
        if (logFilter.sourceRow(row) < 0)
            return;
        exchangeList.currentIndex = row;
        root.selectedId = logFilter.exchangeIdAt(row);
        root.details = logFilter.details(row);
    }
    function closeInspector() {
        root.details = {};
        root.selectedId = -1;
    }

    LogFilterModel {
        id: logFilter
        objectName: "logFilterModel"
        newestFirst: true
        // Screenshot scripts (HOOKBENCH_LOG_SELECT) open one exchange as soon as it arrives.
        onCountChanged: if (UiSettings.logSelect.length > 0) selectLater.restart()
    }
    Timer {
        id: selectLater
        interval: 0
        onTriggered: root.selectRequested()
    }
    // After the models settled (not inside their insert notification).
    function selectRequested() {
        {
            const wanted = UiSettings.logSelect;
            if (wanted.length === 0 || root.inspectorOpen)
                return;
            const parts = wanted.split(":");
            const row = logFilter.firstRowMatching(parts[0]);
            if (row < 0)
                return;
            root.select(row);
            const tab = ["request", "response", "cors", "jwt", "findings", "trace", "timing", "curl"]
                .indexOf(parts.length > 1 ? parts[1] : (parts[0] === "cors-fail" ? "cors" : "request"));
            inspector.currentTab = Math.max(0, tab);
        }
    }

    Item {
        id: dock
        anchors.fill: parent

        ColumnLayout {
            id: content
            objectName: "logContent"
            parent: root.detached ? detachedWindow.contentItem : dock
            anchors.fill: parent
            spacing: 0

            SectionHeader {
                Layout.fillWidth: true
                title: qsTr("Log")
                subtitle: root.exportMessage.length > 0 ? root.exportMessage
                        : logFilter.filtered ? qsTr("%1 of %2 exchange(s)").arg(root.count).arg(root.total)
                        : root.count > 0 ? qsTr("%n exchange(s)", "", root.count) : ""
                foreground: Theme.logText
                Button {
                    objectName: "exportHar"
                    text: qsTr("Export HAR…")
                    flat: true
                    enabled: root.count > 0
                    onClicked: harDialog.open()
                }
                Button {
                    objectName: "bugReport"
                    text: qsTr("Bug report")
                    flat: true
                    enabled: root.count > 0
                    onClicked: root.exportMessage = logFilter.log.writeBugReport("")
                    ToolTip.visible: hovered
                    ToolTip.text: qsTr("Write HAR, cards, findings, decoded JWTs and versions into a folder")
                }
                Button {
                    objectName: "detachLog"
                    text: root.detached ? qsTr("Attach") : qsTr("Detach")
                    flat: true
                    onClicked: root.detached = !root.detached
                }
            }
            LogFilterBar {
                id: filterBar
                Layout.fillWidth: true
                Layout.leftMargin: 8
                Layout.rightMargin: 8
                filter: logFilter
            }
            SplitView {
                Layout.fillWidth: true
                Layout.fillHeight: true

                ListView {
                    id: exchangeList
                    objectName: "exchangeList"
                    SplitView.fillWidth: true
                    SplitView.minimumWidth: 300
                    clip: true
                    model: logFilter
                    keyNavigationEnabled: true
                    currentIndex: -1
                    ScrollBar.vertical: ScrollBar {}
                    Keys.onReturnPressed: root.select(currentIndex)
                    delegate: LogRow {
                        width: ListView.view.width
                        selected: exchangeId === root.selectedId
                        onClicked: root.select(index)
                        onDoubleClicked: root.select(index)
                    }
                }
                ExchangeInspector {
                    id: inspector
                    objectName: "exchangeInspector"
                    SplitView.preferredWidth: root.inspectorOpen ? root.width * 0.5 : 0
                    SplitView.minimumWidth: root.inspectorOpen ? 320 : 0
                    visible: root.inspectorOpen
                    details: root.details
                    onCloseRequested: root.closeInspector()
                    onMessage: text => root.exportMessage = text
                }
            }
        }
        Label {
            anchors.centerIn: parent
            visible: root.detached
            text: qsTr("The log is in its own window.")
            color: Theme.logMutedText
        }
    }
    EmptyState {
        objectName: "logEmptyState"
        anchors.centerIn: parent
        width: parent.width - 48
        visible: root.total === 0 && !root.detached
        textColor: Theme.logText
        title: qsTr("No exchanges yet")
        hint: qsTr("Each request Hookbench sends or serves is listed here with its CORS verdict.")
    }

    Window {
        id: detachedWindow
        objectName: "detachedLogWindow"
        title: qsTr("Hookbench log")
        width: 1200
        height: 700
        color: Theme.logBackground
        visible: root.detached
        onClosing: root.detached = false
    }

    FileDialog {
        id: harDialog
        title: qsTr("Export the log as HAR")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("HAR files (*.har)")]
        defaultSuffix: "har"
        onAccepted: root.exportMessage = logFilter.log.saveHar(selectedFile)
    }
}
