pragma Singleton
import QtQuick
import Hookbench

// Colours and sizes shared by every view, so the window looks the same everywhere. Light or dark
// follows UiSettings.themeMode; "system" reads the platform palette's window colour.
QtObject {
    id: theme

    // Qt 6.4 has no colour-scheme hint: a dark system palette has a dark window colour.
    readonly property SystemPalette systemPalette: SystemPalette {}
    readonly property bool systemDark: systemPalette.window.hslLightness < 0.5
    readonly property bool dark: UiSettings.themeMode === "dark"
                                 || (UiSettings.themeMode === "system" && systemDark)
    readonly property real fontScale: UiSettings.fontScale

    readonly property color window: dark ? "#14181f" : "#f4f6f9"
    readonly property color surface: dark ? "#1e242e" : "#ffffff"
    readonly property color border: dark ? "#343d4b" : "#dde2ea"
    readonly property color text: dark ? "#e3e8ef" : "#1d2733"
    readonly property color mutedText: dark ? "#9aa7b8" : "#5f6b7a"
    readonly property color accent: dark ? "#4fb3d4" : "#0f6e8c"
    readonly property color bannerBackground: dark ? "#0c2233" : "#12344d"
    readonly property color bannerText: "#ffffff"
    readonly property color bannerMutedText: "#b8c7d6"
    readonly property color info: dark ? "#6d9ff0" : "#2f6fd6"
    readonly property color warning: dark ? "#f0a050" : "#d9822b"
    readonly property color critical: dark ? "#f06060" : "#c23030"
    readonly property color success: dark ? "#5cc08a" : "#2e8b57"
    /// The notice bar (a taken port, a corrupt workspace): a warm tint readable under `text`.
    readonly property color noticeBackground: dark ? "#3a2c14" : "#fff4e0"

    // The log and the inspector: a code-editor look in both themes.
    readonly property color logBackground: dark ? "#10141b" : "#fbfcfd"
    readonly property color logAlternate: dark ? "#171d27" : "#f1f4f8"
    readonly property color logSelection: dark ? "#2c3a52" : "#d6e6f5"
    readonly property color logText: dark ? "#d7dee8" : "#1d2733"
    readonly property color logMutedText: dark ? "#8e9bb0" : "#5f6b7a"
    readonly property color statusOk: dark ? "#a5d6a7" : "#2e7d32"
    readonly property color statusBad: dark ? "#ff8a80" : "#c62828"
    // JSON syntax colours (the inspector's <span class> names).
    readonly property color codeKey: dark ? "#9cdcfe" : "#0451a5"
    readonly property color codeString: dark ? "#ce9178" : "#a31515"
    readonly property color codeNumber: dark ? "#b5cea8" : "#098658"
    readonly property color codeLiteral: dark ? "#569cd6" : "#0000ff"
    readonly property string codeStyle: "<style>.key{color:%1}.string{color:%2}.number{color:%3}.literal{color:%4}</style>"
        .arg(codeKey).arg(codeString).arg(codeNumber).arg(codeLiteral)

    readonly property int spacing: 8
    readonly property int radius: 6
    readonly property int bannerHeight: 64
    readonly property int navigationWidth: 210
    readonly property int cardsWidth: 400
    readonly property int logHeight: 260
    readonly property int logRowHeight: Math.round(24 * fontScale)
    readonly property int codePixelSize: Math.round(12 * fontScale)
    readonly property string monospace: "DejaVu Sans Mono"
}
