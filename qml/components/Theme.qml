pragma Singleton
import QtQuick

// Colours and sizes shared by every view, so the window looks the same everywhere.
QtObject {
    readonly property color window: "#f4f6f9"
    readonly property color surface: "#ffffff"
    readonly property color border: "#dde2ea"
    readonly property color text: "#1d2733"
    readonly property color mutedText: "#5f6b7a"
    readonly property color accent: "#0f6e8c"
    readonly property color bannerBackground: "#12344d"
    readonly property color bannerText: "#ffffff"
    readonly property color bannerMutedText: "#b8c7d6"
    readonly property color info: "#2f6fd6"
    readonly property color warning: "#d9822b"
    readonly property color critical: "#c23030"
    readonly property color success: "#2e8b57"
    readonly property color logBackground: "#1b2230"
    readonly property color logText: "#d7dee8"

    readonly property int spacing: 8
    readonly property int radius: 6
    readonly property int bannerHeight: 64
    readonly property int navigationWidth: 210
    readonly property int cardsWidth: 400
    readonly property int logHeight: 210
    readonly property string monospace: "DejaVu Sans Mono"
}
