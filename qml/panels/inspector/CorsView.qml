pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// What a browser at the configured origin would decide: the verdict, the failing stage and the
// rule it breaks, Chromium's and Firefox's console lines, the fix, and the warnings.
ColumnLayout {
    id: view
    property var cors: ({})
    signal ruleClicked(string id)
    spacing: 6

    readonly property color verdictColor: cors.verdict === "fail" ? Theme.critical
                                        : cors.verdict === "pass-with-warning" ? Theme.warning : Theme.success

    Label {
        visible: view.cors.evaluated !== true
        text: qsTr("No CORS evaluation for this exchange (it is not a call a browser would make).")
        color: Theme.logMutedText
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    RowLayout {
        visible: view.cors.evaluated === true
        spacing: 8
        Rectangle {
            objectName: "corsVerdict"
            implicitWidth: verdictLabel.implicitWidth + 16
            implicitHeight: verdictLabel.implicitHeight + 6
            radius: 4
            color: view.verdictColor
            Label {
                id: verdictLabel
                anchors.centerIn: parent
                text: (view.cors.verdict || "").toUpperCase()
                color: "white"
                font.bold: true
            }
        }
        Label {
            text: view.cors.stage && view.cors.stage !== "none" ? qsTr("failing stage: %1").arg(view.cors.stage) : ""
            color: Theme.logText
        }
        RuleLink {
            rule: view.cors.rule || ({})
            onClicked: id => view.ruleClicked(id)
        }
    }
    InspectorSection {
        title: qsTr("Chromium console")
        visible: (view.cors.chromium || "").length > 0
        CodeText {
            objectName: "chromiumMessage"
            text: view.cors.chromium || ""
        }
    }
    InspectorSection {
        title: qsTr("Firefox console")
        visible: (view.cors.firefoxMessage || "").length > 0
        CodeText {
            text: view.cors.firefoxMessage || ""
        }
        RuleLink {
            rule: view.cors.firefoxRule || ({})
            onClicked: id => view.ruleClicked(id)
        }
    }
    InspectorSection {
        title: qsTr("Fix")
        visible: (view.cors.hint || "").length > 0
        Label {
            objectName: "corsHint"
            Layout.fillWidth: true
            text: view.cors.hint || ""
            color: Theme.logText
            wrapMode: Text.Wrap
        }
    }
    InspectorSection {
        title: qsTr("Warnings")
        visible: (view.cors.warnings || []).length > 0
        Repeater {
            model: view.cors.warnings || []
            delegate: ColumnLayout {
                id: entry1
                required property var modelData
                Layout.fillWidth: true
                RuleLink {
                    rule: entry1.modelData.rule
                    onClicked: id => view.ruleClicked(id)
                }
                Label {
                    Layout.fillWidth: true
                    text: entry1.modelData.message + (entry1.modelData.hint ? "\n" + entry1.modelData.hint : "")
                    color: Theme.logText
                    wrapMode: Text.Wrap
                }
            }
        }
    }
    Label {
        visible: view.cors.evaluated === true
        Layout.fillWidth: true
        text: qsTr("Cross-origin: %1 · preflight: %2 · cached for %3 s · target: %4")
            .arg(view.cors.crossOrigin ? qsTr("yes") : qsTr("no"))
            .arg(view.cors.preflightRequired ? qsTr("required") : qsTr("not needed"))
            .arg(view.cors.preflightCacheSeconds).arg(view.cors.targetAddressSpace)
        color: Theme.logMutedText
        wrapMode: Text.Wrap
        font.pixelSize: Math.round(11 * Theme.fontScale)
    }
}
