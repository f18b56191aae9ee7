pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import QtWebEngine
import Hookbench

// "Check in Chromium": the exchange's call repeated from a Qt WebEngine page at the configured
// origin, beside Hookbench's own probe of the same call. EngineCorsCheck (C++) prepares the call
// and compares; this file hosts the engine and lays out both verdicts, the engine's console and
// its Chromium version, with a banner when they disagree.
Rectangle {
    id: root

    property var exchangeId: -1
    readonly property alias check: check
    signal closeRequested

    color: Theme.surface
    onExchangeIdChanged: if (exchangeId > 0) check.start(exchangeId)
    Component.onCompleted: if (exchangeId > 0) check.start(exchangeId)

    EngineCorsCheck {
        id: check
        objectName: "engineCheck"
        property string loadedScript
        onChanged: {
            // A new call to run: load the page at the origin, run the script once it is there.
            if (state === "running" && script.length > 0 && loadedScript !== script) {
                loadedScript = script;
                engineView.loadHtml(page, origin + "/");
            }
        }
    }

    // The engine: off the record (no preflight cache or cookies from an earlier check), no
    // windows, no plugins; 1x1 because the page has nothing to show.
    WebEngineView {
        id: engineView
        objectName: "engineView"
        width: 1
        height: 1
        profile: WebEngineProfile {
            offTheRecord: true
        }
        settings.javascriptCanOpenWindows: false
        settings.javascriptCanAccessClipboard: false
        settings.localContentCanAccessFileUrls: false
        settings.pluginsEnabled: false
        onLoadingChanged: request => {
            if (request.status === WebEngineView.LoadSucceededStatus) {
                check.setUserAgent(engineView.profile.httpUserAgent);
                engineView.runJavaScript(check.script);
            } else if (request.status === WebEngineView.LoadFailedStatus) {
                check.engineFailed(request.errorString);
            }
        }
        onJavaScriptConsoleMessage: (level, message, lineNumber, sourceID) => check.consoleMessage(level, message)
    }

    component VerdictColumn: ColumnLayout {
        id: column
        property string heading
        property var side: ({})
        property string detail
        // Two equal halves, side by side.
        Layout.fillWidth: true
        property real half
        Layout.preferredWidth: half
        Layout.maximumWidth: half
        Layout.alignment: Qt.AlignTop
        spacing: 6
        Label {
            Layout.fillWidth: true
            text: column.heading
            wrapMode: Text.Wrap
            color: Theme.text
            font.bold: true
        }
        Rectangle {
            objectName: "verdictChip"
            implicitWidth: verdictText.implicitWidth + 16
            implicitHeight: verdictText.implicitHeight + 6
            radius: 4
            color: !column.side.verdict ? Theme.border
                 : column.side.verdict === "fail" ? Theme.critical
                 : column.side.verdict === "pass-with-warning" ? Theme.warning : Theme.success
            Label {
                id: verdictText
                anchors.centerIn: parent
                text: column.side.verdict ? column.side.verdict.toUpperCase() : qsTr("waiting…")
                color: "white"
                font.bold: true
            }
        }
        Label {
            Layout.fillWidth: true
            visible: text.length > 0
            text: column.detail
            color: Theme.text
            wrapMode: Text.Wrap
            font.family: Theme.monospace
            font.pixelSize: Theme.codePixelSize
        }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 12
        spacing: 8

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: qsTr("Check in Chromium")
                color: Theme.text
                font.bold: true
                font.pixelSize: Math.round(16 * Theme.fontScale)
            }
            Button {
                objectName: "closeCheck"
                text: qsTr("Close")
                onClicked: root.closeRequested()
            }
        }
        Label {
            objectName: "checkRequest"
            Layout.fillWidth: true
            text: check.requestLine
            color: Theme.mutedText
            wrapMode: Text.WrapAnywhere
            font.family: Theme.monospace
            font.pixelSize: Theme.codePixelSize
        }
        Rectangle {
            objectName: "checkBanner"
            Layout.fillWidth: true
            implicitHeight: bannerText.implicitHeight + 12
            radius: 4
            readonly property bool disagree: check.compared && !check.agree
            color: check.state === "error" ? Theme.critical
                 : disagree ? Theme.critical
                 : check.compared ? Theme.success : Theme.border
            Label {
                id: bannerText
                objectName: "checkSummary"
                x: 8
                width: parent.width - 16
                anchors.verticalCenter: parent.verticalCenter
                text: check.state === "error" ? check.error
                    : check.state === "done" ? check.summary
                    : qsTr("Running the call in Hookbench and in Chromium…")
                color: check.state === "running" ? Theme.text : "white"
                font.bold: true
                wrapMode: Text.Wrap
            }
        }
        RowLayout {
            id: sides
            Layout.fillWidth: true
            spacing: 16
            VerdictColumn {
                objectName: "hookbenchSide"
                half: (sides.width - sides.spacing) / 2
                heading: qsTr("Hookbench")
                side: check.hookbench
                detail: check.hookbench.message || (check.hookbench.done
                                                     ? [qsTr("The page can read the answer.")].concat(check.hookbench.warnings).join("\n") : "")
            }
            VerdictColumn {
                objectName: "engineSide"
                half: (sides.width - sides.spacing) / 2
                heading: check.chromiumVersion.length > 0 ? qsTr("Chromium %1 (Qt WebEngine)").arg(check.chromiumVersion)
                                                          : qsTr("Chromium (Qt WebEngine)")
                side: check.engine
                detail: check.engine.failure ? check.engine.failure
                      : check.engine.done && !check.engine.blocked ? qsTr("onload ran: HTTP %1.").arg(check.engine.status)
                      : (check.engine.errors || []).join("\n")
            }
        }
        Label {
            text: qsTr("Engine console")
            color: Theme.text
            font.bold: true
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            TextArea {
                objectName: "engineConsole"
                readOnly: true
                wrapMode: TextEdit.WrapAnywhere
                font.family: Theme.monospace
                font.pixelSize: Theme.codePixelSize
                color: Theme.text
                text: (check.engine.console || []).length > 0 ? check.engine.console.join("\n")
                    : qsTr("(no console messages)")
                background: null
            }
        }
        Label {
            Layout.fillWidth: true
            text: qsTr("Both sides send the same method, URL, body and header names; Authorization carries a placeholder, never the call's token, so the service may answer 401 (CORS judges headers, not the status of the call).")
            color: Theme.mutedText
            wrapMode: Text.Wrap
            font.pixelSize: Math.round(11 * Theme.fontScale)
        }
    }
}
