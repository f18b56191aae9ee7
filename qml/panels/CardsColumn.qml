pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// The cards the services returned, rendered as an EHR would: failed services first (as error
// cards), then critical, warning, info.
Rectangle {
    id: root

    property alias model: cardList.model
    property int pendingCalls: 0
    readonly property int count: cardList.count

    implicitWidth: Theme.cardsWidth
    color: Theme.window
    border.color: Theme.border

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: 1
        spacing: 0

        SectionHeader {
            Layout.fillWidth: true
            title: qsTr("Cards")
            subtitle: root.pendingCalls > 0 ? qsTr("waiting for %n service(s)…", "", root.pendingCalls)
                    : root.count > 0 ? qsTr("%n card(s)", "", root.count) : ""
            BusyDots {
                objectName: "callsBusy"
                running: root.pendingCalls > 0
            }
            ToolButton {
                objectName: "cancelCalls"
                visible: root.pendingCalls > 0
                text: qsTr("Cancel")
                font.pixelSize: 11
                onClicked: InvocationController.cancel()
            }
        }
        ListView {
            id: cardList
            objectName: "cardList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: Theme.spacing
            delegate: Item {
                id: row
                required property int index
                required property string summary
                required property string detail
                required property string indicator
                required property string sourceLabel
                required property var suggestions
                required property string selectionBehavior
                required property var links
                required property var overrideReasons
                required property bool dismissed
                required property string errorText
                required property string hook
                required property string serviceId
                required property string sourceUrl
                required property string sourceIcon
                required property string sourceTopic
                required property string feedbackStatus
                required property var findings
                required property string specBadge
                required property string specSeverity
                required property var truncationNotes

                width: ListView.view.width
                height: view.implicitHeight

                CardView {
                    id: view
                    x: Theme.spacing
                    width: row.width - 2 * Theme.spacing
                    summary: row.summary
                    detail: row.detail
                    indicator: row.indicator
                    sourceLabel: row.sourceLabel + (row.hook.length > 0 ? " · " + row.serviceId + " · " + row.hook : "")
                    sourceUrl: row.sourceUrl
                    sourceIcon: row.sourceIcon
                    sourceTopic: row.sourceTopic
                    suggestions: row.suggestions
                    selectionBehavior: row.selectionBehavior
                    links: row.links
                    overrideReasons: row.overrideReasons
                    dismissed: row.dismissed
                    errorText: row.errorText
                    feedbackStatus: row.feedbackStatus
                    findings: row.findings
                    specBadge: row.specBadge
                    specSeverity: row.specSeverity
                    truncationNotes: row.truncationNotes
                    onSuggestionAccepted: suggestion => InvocationController.acceptSuggestion(row.index, suggestion)
                    onDismissRequested: (reason, comment) => InvocationController.dismissCard(row.index, reason, comment)
                    onLinkActivated: link => InvocationController.openCardLink(row.index, link)
                    onMarkdownLinkActivated: url => InvocationController.openUrl(url)
                    onSourceLinkActivated: url => InvocationController.openUrl(url)
                }
            }
        }
    }
    EmptyState {
        objectName: "cardsEmptyState"
        anchors.centerIn: parent
        width: parent.width - 48
        visible: root.count === 0
        title: qsTr("No cards yet")
        hint: qsTr("Fire a hook at a service: its cards, and any error it returned, appear here.")
    }
}
