pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// A hook call's prefetch (template, query, outcome per key) and what the service read from the
// FHIR server itself during the call, under which scope.
ColumnLayout {
    id: view
    property var prefetch: []
    property var audit: []
    spacing: 6

    InspectorSection {
        title: qsTr("Prefetch")
        Label {
            visible: view.prefetch.length === 0
            text: qsTr("No prefetch for this exchange.")
            color: Theme.logMutedText
        }
        Repeater {
            model: view.prefetch
            delegate: ColumnLayout {
                id: entry1
                required property var modelData
                Layout.fillWidth: true
                spacing: 0
                Label {
                    text: entry1.modelData.key + "  →  " + entry1.modelData.outcome
                          + (entry1.modelData.status ? " (HTTP " + entry1.modelData.status + ")" : "")
                    color: entry1.modelData.outcome === "omitted" || entry1.modelData.outcome === "operation-outcome"
                           ? Theme.warning : Theme.logText
                    font.bold: true
                }
                CodeText {
                    text: entry1.modelData.template + (entry1.modelData.query ? "\n" + entry1.modelData.query : "")
                          + (entry1.modelData.reason ? "\n" + entry1.modelData.reason : "")
                    color: Theme.logMutedText
                }
            }
        }
    }
    InspectorSection {
        title: qsTr("Access audit (the service's own FHIR reads)")
        Label {
            visible: view.audit.length === 0
            text: qsTr("The service read nothing from the FHIR server during this call.")
            color: Theme.logMutedText
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Repeater {
            model: view.audit
            delegate: CodeText {
                id: entry2
                required property var modelData
                text: entry2.modelData.method + " " + entry2.modelData.url + "  " + entry2.modelData.status + "  "
                      + (entry2.modelData.scope ? qsTr("under %1").arg(entry2.modelData.scope) : entry2.modelData.outcome)
            }
        }
    }
}
