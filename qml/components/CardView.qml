pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// One CDS card as an EHR renders it: indicator, summary, source, markdown detail, suggestions,
// links and the dismiss (override) flow. Presentation only: whether a suggestion can still be
// accepted comes from the model (its `acceptable` member); the signals go to the controller.
// A developer's view on top: a "spec" badge and the rule ids when the service sent the card
// wrong, and a note where the display bounds shortened a field (both written by CardsModel).
Rectangle {
    id: root

    property string summary
    property string detail
    property string indicator: "info"
    property string sourceLabel
    property string sourceUrl
    /// Only "image://cardicon/..." (a fetched, capped, decoded icon: bridge/cardicons.h) is shown;
    /// any other URL is ignored, so no file:, data: or remote URL is ever loaded from here.
    property string sourceIcon
    property string sourceTopic
    property string serviceTitle
    property var suggestions: []
    property string selectionBehavior
    property var links: []
    property var overrideReasons: []
    property bool dismissed: false
    property string errorText
    property string feedbackStatus // what the feedback POST answered (CardsModel says it)
    property bool detailExpanded: indicator !== "info"
    /// The validator's findings inside this card: {ruleId, severity, pointer, message, line, cli}.
    property var findings: []
    property string specBadge // "SPEC · 1 error"; "" for a card that breaks no rule
    property string specSeverity // error, warning, info or ""
    property var truncationNotes: [] // "summary shortened from 1,048,576 characters to 300"
    property bool findingsExpanded: specSeverity === "error"

    signal suggestionAccepted(int index)
    signal dismissRequested(int reasonIndex, string comment)
    signal linkActivated(int index)
    signal markdownLinkActivated(string url)
    signal sourceLinkActivated(string url)

    readonly property color indicatorColor: indicator === "critical" ? Theme.critical
                                          : indicator === "warning" ? Theme.warning
                                          : indicator === "error" ? Theme.critical : Theme.info
    readonly property color specColor: specSeverity === "error" ? Theme.critical
                                     : specSeverity === "warning" ? Theme.warning : Theme.mutedText
    function severityColor(severity: string): color {
        return severity === "error" ? Theme.critical : severity === "warning" ? Theme.warning : Theme.mutedText;
    }

    implicitHeight: content.implicitHeight + 24
    radius: Theme.radius
    // An error card is tinted red in both themes (a light tint under dark-theme text was unreadable).
    color: indicator === "error" ? (Theme.dark ? "#3b2226" : "#fdf0f0") : Theme.surface
    border.color: indicator === "error" ? Theme.critical : Theme.border
    opacity: dismissed ? 0.55 : 1

    Rectangle {
        width: 5
        height: parent.height
        radius: 2
        color: root.indicatorColor
    }

    ColumnLayout {
        id: content
        x: 17
        y: 12
        width: root.width - 29
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            spacing: 6
            Rectangle {
                implicitWidth: badge.implicitWidth + 10
                implicitHeight: badge.implicitHeight + 4
                radius: 3
                color: root.indicatorColor
                Label {
                    id: badge
                    anchors.centerIn: parent
                    text: root.indicator.toUpperCase()
                    color: "white"
                    font.pixelSize: 10
                    font.bold: true
                }
            }
            Rectangle {
                id: specBadgeBox
                objectName: "specBadge"
                visible: root.specBadge.length > 0
                implicitWidth: specBadgeRow.implicitWidth + 10
                implicitHeight: specBadgeRow.implicitHeight + 4
                Layout.minimumWidth: implicitWidth // the source label gives way, not the badge
                radius: 3
                // Notes only: an outline, so white text never sits on the muted grey.
                readonly property bool notesOnly: root.specSeverity === "info"
                color: notesOnly ? "transparent" : root.specColor
                border.color: root.specColor
                Row {
                    id: specBadgeRow
                    anchors.centerIn: parent
                    spacing: 4
                    Label {
                        objectName: "specBadgeText"
                        text: root.specBadge
                        color: specBadgeBox.notesOnly ? Theme.mutedText : "white"
                        font.pixelSize: 10
                        font.bold: true
                    }
                    Label {
                        text: root.findingsExpanded ? "▾" : "▸"
                        color: specBadgeBox.notesOnly ? Theme.mutedText : "white"
                        font.pixelSize: 10
                    }
                }
                Accessible.role: Accessible.Button
                Accessible.name: root.specBadge
                Accessible.description: root.findings.map(finding => finding.line).join("; ")
                // The lines `hookbench-cli fire` prints for this card: severity, rule, pointer.
                ToolTip.visible: specHover.hovered
                ToolTip.text: root.findings.map(finding => finding.cli).join("\n")
                HoverHandler {
                    id: specHover
                    cursorShape: Qt.PointingHandCursor
                }
                TapHandler {
                    onTapped: root.findingsExpanded = !root.findingsExpanded
                }
            }
            Image {
                id: sourceIconImage
                objectName: "sourceIcon"
                readonly property bool trusted: root.sourceIcon.startsWith("image://cardicon/")
                visible: trusted && status === Image.Ready
                source: trusted ? root.sourceIcon : ""
                Layout.preferredWidth: 20
                Layout.preferredHeight: 20
                sourceSize.width: 40
                sourceSize.height: 40
                fillMode: Image.PreserveAspectFit
                asynchronous: true
                cache: false
            }
            Label {
                id: sourceText
                objectName: "sourceLabel"
                Layout.fillWidth: true
                // With the spec badge the row is full: the topic chip gives way before the source.
                Layout.minimumWidth: Math.min(implicitWidth, 90)
                text: root.sourceLabel
                color: Theme.mutedText
                font.pixelSize: 11
                elide: Text.ElideRight
                ToolTip.visible: sourceHover.hovered && truncated
                ToolTip.text: text
                HoverHandler {
                    id: sourceHover
                }
            }
            Rectangle {
                objectName: "sourceTopic"
                visible: root.sourceTopic.length > 0
                // fillWidth up to its text: a chip that can shrink (elided, with its tooltip) when
                // the badges leave the row short; a non-fill item would keep its width and push
                // the row past the card's edge.
                Layout.fillWidth: true
                Layout.maximumWidth: Math.min(implicitWidth, 160)
                Layout.minimumWidth: Math.min(implicitWidth, 48)
                implicitWidth: topicText.implicitWidth + 12
                implicitHeight: topicText.implicitHeight + 4
                radius: height / 2
                color: "transparent"
                border.color: Theme.border
                Label {
                    id: topicText
                    anchors.centerIn: parent
                    width: Math.min(implicitWidth, parent.width - 12)
                    text: root.sourceTopic
                    color: Theme.mutedText
                    font.pixelSize: 10
                    elide: Text.ElideRight
                    ToolTip.visible: topicHover.hovered && truncated
                    ToolTip.text: qsTr("Topic: %1").arg(text)
                    HoverHandler {
                        id: topicHover
                    }
                }
            }
            Label {
                visible: root.dismissed
                text: qsTr("Dismissed")
                color: Theme.mutedText
                font.pixelSize: 11
                font.italic: true
            }
        }
        Label {
            objectName: "summary"
            Layout.fillWidth: true
            text: root.summary
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            font.bold: true
            font.pixelSize: 14
            color: Theme.text
        }
        Label {
            objectName: "truncationNotes"
            Layout.fillWidth: true
            visible: root.truncationNotes.length > 0
            text: root.truncationNotes.join("\n")
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pixelSize: 11
            font.italic: true
        }
        ColumnLayout {
            objectName: "specFindings"
            Layout.fillWidth: true
            visible: root.findings.length > 0 && root.findingsExpanded
            spacing: 2
            Repeater {
                model: root.findings
                delegate: Label {
                    id: findingLine
                    required property var modelData
                    Layout.fillWidth: true
                    text: findingLine.modelData.line
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: root.severityColor(findingLine.modelData.severity)
                    font.pixelSize: 11
                }
            }
        }
        Label {
            objectName: "sourceLink"
            Layout.fillWidth: true
            visible: root.sourceUrl.length > 0 && root.errorText.length === 0
            // The link's target is always on screen (its host, the whole URL on hover).
            text: qsTr("↗ Source: %1").arg(root.sourceUrl.replace(/^https?:\/\//, "").split("/")[0])
            color: Theme.accent
            font.pixelSize: 11
            font.underline: sourceLinkHover.hovered
            elide: Text.ElideRight
            ToolTip.visible: sourceLinkHover.hovered
            ToolTip.text: root.sourceUrl
            HoverHandler {
                id: sourceLinkHover
                cursorShape: Qt.PointingHandCursor
            }
            TapHandler {
                onTapped: root.sourceLinkActivated(root.sourceUrl)
            }
        }
        // An error is partly the service's or Chromium's text, so plain text only; its lines are
        // paragraphs (a discovery error puts Hookbench's hint after Chromium's sentence), which a
        // single label would run together.
        ColumnLayout {
            objectName: "errorText"
            Layout.fillWidth: true
            visible: root.errorText.length > 0
            spacing: 6
            Repeater {
                model: root.errorText.split("\n").filter(paragraph => paragraph.trim().length > 0)
                delegate: Label {
                    id: errorParagraph
                    required property string modelData
                    required property int index
                    objectName: "errorParagraph" + index
                    Layout.fillWidth: true
                    text: errorParagraph.modelData
                    textFormat: Text.PlainText
                    wrapMode: Text.Wrap
                    color: Theme.critical
                }
            }
        }
        Label {
            objectName: "detail"
            Layout.fillWidth: true
            visible: root.detail.length > 0 && root.detailExpanded
            text: root.detail
            // `detail` is HTML that hb::ehr::renderCardDetail wrote from the parsed markdown
            // (fixed tags, no images, only checked http(s) links), never the service's own text.
            textFormat: Text.RichText
            wrapMode: Text.Wrap
            color: Theme.text
            onLinkActivated: link => root.markdownLinkActivated(link)
        }
        Label {
            visible: root.detail.length > 0 && !root.detailExpanded
            text: qsTr("Show details")
            color: Theme.accent
            font.underline: true
            TapHandler {
                onTapped: root.detailExpanded = true
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            visible: root.suggestions.length > 0 && root.errorText.length === 0
            Repeater {
                model: root.suggestions
                delegate: Button {
                    id: suggestionButton
                    required property var modelData
                    required property int index
                    objectName: "suggestion" + index
                    width: Math.min(implicitWidth, content.width)
                    text: (suggestionButton.modelData.accepted ? "✓ " : "") + suggestionButton.modelData.label
                    highlighted: suggestionButton.modelData.recommended
                    enabled: suggestionButton.modelData.acceptable === true
                    // Material fills a button through a layer effect that software OpenGL can
                    // leave blank (see PrimaryButton.qml): the recommended suggestion was white
                    // text on white. A plain fill for it, an outline for the others.
                    background: Rectangle {
                        implicitWidth: 64
                        implicitHeight: 36
                        radius: 2
                        color: !suggestionButton.highlighted
                               ? (suggestionButton.down ? Theme.border : "transparent")
                               : !suggestionButton.enabled ? Theme.mutedText
                               : suggestionButton.down ? Qt.darker(Theme.accent, 1.25)
                               : suggestionButton.hovered ? Qt.lighter(Theme.accent, 1.15) : Theme.accent
                        border.color: suggestionButton.highlighted ? "transparent" : Theme.border
                    }
                    onClicked: root.suggestionAccepted(suggestionButton.index)
                }
            }
        }
        Flow {
            Layout.fillWidth: true
            spacing: 6
            visible: root.links.length > 0
            Repeater {
                model: root.links
                delegate: Button {
                    id: linkButton
                    required property var modelData
                    required property int index
                    objectName: "link" + index
                    width: Math.min(implicitWidth, content.width)
                    flat: true
                    text: (linkButton.modelData.type === "smart" ? "▶ " : "↗ ") + linkButton.modelData.label
                    enabled: linkButton.modelData.openable
                    ToolTip.visible: linkButton.hovered
                    ToolTip.text: linkButton.modelData.openable
                                  ? linkButton.modelData.url
                                  : qsTr("Blocked: not an http(s) URL (%1)").arg(linkButton.modelData.url)
                    onClicked: root.linkActivated(linkButton.index)
                }
            }
        }
        Label {
            objectName: "feedbackStatus"
            Layout.fillWidth: true
            visible: root.feedbackStatus.length > 0
            text: root.feedbackStatus
            textFormat: Text.PlainText
            wrapMode: Text.Wrap
            color: Theme.mutedText
            font.pixelSize: 11
        }
        RowLayout {
            Layout.fillWidth: true
            visible: !root.dismissed && root.errorText.length === 0
            spacing: 6
            ComboBox {
                id: reasonBox
                objectName: "overrideReason"
                Layout.fillWidth: true
                visible: root.overrideReasons.length > 0
                model: root.overrideReasons
                currentIndex: -1
                displayText: currentIndex < 0 ? qsTr("Override reason…") : currentText
            }
            Item {
                Layout.fillWidth: true
                visible: root.overrideReasons.length === 0
            }
            Button {
                objectName: "dismiss"
                text: qsTr("Dismiss")
                flat: true
                onClicked: root.dismissRequested(reasonBox.currentIndex, "")
            }
        }
    }
}
