pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// One exchange in full, as readable views: the request and response (header tables, foldable
// JSON), the CORS verdict with its fix, the client JWT check by check, the findings with their
// rules, the prefetch trace and access audit, the timing bar, and curl to repeat it. The data is
// prepared in C++ (hb::net::inspectorView); this file only lays it out.
Rectangle {
    id: root

    property var details: ({})
    readonly property var tabNames: [qsTr("Request"), qsTr("Response"), qsTr("CORS"), qsTr("JWT"),
        qsTr("Findings"), qsTr("Trace"), qsTr("Timing"), qsTr("curl")]
    property alias currentTab: tabs.currentIndex
    signal closeRequested
    signal message(string text)

    color: Theme.surface

    function showRule(id) {
        ruleDialog.ruleId = id;
        ruleDialog.open();
    }
    function openEngineCheck() {
        enginePopup.exchangeId = root.details.id;
        enginePopup.open();
    }
    function countOf(list) {
        return list ? list.length : 0;
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        RowLayout {
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.topMargin: 4
            Label {
                objectName: "inspectorTitle"
                Layout.fillWidth: true
                text: root.details.title || ""
                color: Theme.text
                font.family: Theme.monospace
                font.pixelSize: Theme.codePixelSize
                font.bold: true
                elide: Text.ElideMiddle
                ToolTip.visible: titleHover.hovered && truncated
                ToolTip.text: text
                HoverHandler {
                    id: titleHover
                }
            }
            // Repeats the call from a real Chromium page at the configured origin, beside
            // Hookbench's own probe (web/CorsCheckView.qml; WebEngine loads on first use).
            Button {
                objectName: "checkInChromium"
                text: qsTr("Check in Chromium")
                flat: true
                enabled: root.details.id !== undefined && /^\S+ https?:/.test(root.details.title || "")
                onClicked: root.openEngineCheck()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Repeat the preflight and the call from a Qt WebEngine page at the configured origin and compare verdicts")
            }
            ToolButton {
                objectName: "closeInspector"
                text: "✕"
                onClicked: root.closeRequested()
                ToolTip.visible: hovered
                ToolTip.text: qsTr("Close the inspector (Esc)")
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.leftMargin: 10
            Layout.rightMargin: 10
            visible: (root.details.summary || "").length > 0
            text: root.details.summary || ""
            color: root.details.summaryKind === "error" || root.details.summaryKind === "cors" ? Theme.critical
                 : root.details.summaryKind === "findings" || root.details.summaryKind === "warning" ? Theme.warning
                 : Theme.mutedText
            wrapMode: Text.Wrap
            maximumLineCount: 3
            elide: Text.ElideRight
            // Elided when it does not fit: the whole text on hover.
            ToolTip.visible: elidedHover1.hovered && truncated
            ToolTip.text: text
            HoverHandler {
                id: elidedHover1
            }
        }
        TabBar {
            id: tabs
            objectName: "inspectorTabs"
            Layout.fillWidth: true
            Repeater {
                model: root.tabNames
                delegate: TabButton {
                    required property string modelData
                    required property int index
                    text: modelData + (index === 4 && root.countOf(root.details.findings) > 0
                                       ? " (" + root.details.findings.length + ")" : "")
                    width: implicitWidth
                }
            }
        }
        ScrollView {
            id: scroll
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentWidth: availableWidth
            clip: true

            StackLayout {
                width: scroll.availableWidth - 20
                x: 10
                currentIndex: tabs.currentIndex

                MessageView {
                    objectName: "requestView"
                    message: root.details.request || ({})
                }
                MessageView {
                    objectName: "responseView"
                    message: root.details.response || ({})
                }
                CorsView {
                    objectName: "corsView"
                    cors: root.details.cors || ({})
                    onRuleClicked: id => root.showRule(id)
                }
                JwtView {
                    objectName: "jwtView"
                    jwt: root.details.jwt || ({})
                }
                FindingsView {
                    objectName: "findingsView"
                    findings: root.details.findings || []
                    onRuleClicked: id => root.showRule(id)
                }
                TraceView {
                    objectName: "traceView"
                    prefetch: root.details.prefetch || []
                    audit: root.details.audit || []
                }
                TimingBar {
                    objectName: "timingView"
                    timings: root.details.timings || ({})
                }
                CurlView {
                    objectName: "curlView"
                    details: root.details
                    onMessage: text => root.message(text)
                }
            }
        }
    }

    Popup {
        id: enginePopup
        objectName: "enginePopup"
        property var exchangeId: -1
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: Math.min(parent ? parent.width - 80 : 900, 1000)
        height: Math.min(parent ? parent.height - 80 : 600, 620)
        modal: true
        padding: 0
        // Loaded by URL (a Popup's content is created outside this file's context).
        Loader {
            id: engineLoader
            objectName: "engineLoader"
            anchors.fill: parent
            active: enginePopup.visible
            source: "../web/CorsCheckView.qml"
        }
        Binding {
            target: engineLoader.item
            property: "exchangeId"
            value: enginePopup.exchangeId
            when: engineLoader.item !== null
        }
        Connections {
            target: engineLoader.item
            ignoreUnknownSignals: true
            function onCloseRequested() {
                enginePopup.close();
            }
        }
    }

    RuleDialog {
        id: ruleDialog
        parent: Overlay.overlay
        anchors.centerIn: parent
        findings: root.details.findings || []
        cors: root.details.cors || ({})
    }
}
