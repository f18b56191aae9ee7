pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Hookbench

// The main window's keyboard shortcuts, font scale and theme, in one place (Main.qml includes
// it once). F5 fires the last hook again, Alt+Down/Up walk the cards, Ctrl+F focuses the log
// filter, Ctrl+I opens the inspector, Esc closes it, Ctrl+Q quits, Ctrl+plus/minus/0 scale the
// fonts (kept across runs), Ctrl+Shift+T switches light/dark.
Item {
    id: shortcuts

    /// The ApplicationWindow (any object with font and title; the tests use an Item).
    required property var window
    readonly property Item windowContent: window.contentItem !== undefined ? window.contentItem : window
    // The window's own font size before scaling, taken once.
    property int basePixelSize: 0
    property string baseFamily
    Component.onCompleted: {
        const font = shortcuts.window.font;
        basePixelSize = font.pixelSize > 0 ? font.pixelSize : Math.round(font.pointSize * 4 / 3);
        baseFamily = font.family;
    }
    readonly property LogPanel logPanel: findByName(windowContent, "logPanel")
    readonly property ListView cardList: findByName(windowContent, "cardList")

    // The panels are Main.qml's; they are found by objectName so this file needs no ids there.
    function findByName(item, name) {
        if (!item)
            return null;
        if (item.objectName === name)
            return item;
        for (let i = 0; i < item.children.length; ++i) {
            const found = findByName(item.children[i], name);
            if (found)
                return found;
        }
        return null;
    }
    function stepCard(delta) {
        const list = shortcuts.cardList;
        if (!list || list.count === 0)
            return;
        list.currentIndex = Math.max(0, Math.min(list.count - 1, list.currentIndex + delta));
        list.positionViewAtIndex(list.currentIndex, ListView.Contain);
    }

    Binding {
        target: shortcuts.window
        property: "font"
        // Only when scaled: replacing the font at scale 1 would drop the style's own choice.
        when: shortcuts.basePixelSize > 0 && Theme.fontScale !== 1
        value: Qt.font({family: shortcuts.baseFamily,
                        pixelSize: Math.max(1, Math.round(shortcuts.basePixelSize * Theme.fontScale))})
    }
    // Only in dark: setting the theme in light would reset the style's accent on buttons.
    Binding {
        target: shortcuts.window.Material
        property: "theme"
        when: Theme.dark
        value: Material.Dark
    }
    // The platform adds " — Hookbench" unless the title ends with it: end with it, once.
    Binding {
        target: shortcuts.window
        property: "title"
        value: (PatientController.patientName.length > 0 ? PatientController.patientName + " · " : "")
               + WorkspaceController.fileName + " — Hookbench"
    }

    Shortcut {
        objectName: "fireAgainShortcut"
        sequences: ["F5", "Ctrl+R"]
        onActivated: {
            const hook = AppController.log.lastHook();
            InvocationController.fireHook(hook.length > 0 ? hook : "patient-view");
        }
    }
    Shortcut {
        objectName: "nextCardShortcut"
        sequence: "Alt+Down"
        onActivated: shortcuts.stepCard(1)
    }
    Shortcut {
        objectName: "previousCardShortcut"
        sequence: "Alt+Up"
        onActivated: shortcuts.stepCard(-1)
    }
    Shortcut {
        objectName: "focusFilterShortcut"
        sequences: ["Ctrl+F", "Ctrl+L"]
        onActivated: if (shortcuts.logPanel) shortcuts.logPanel.focusFilter()
    }
    Shortcut {
        objectName: "openInspectorShortcut"
        sequence: "Ctrl+I"
        onActivated: if (shortcuts.logPanel) shortcuts.logPanel.openInspector()
    }
    Shortcut {
        objectName: "closeInspectorShortcut"
        sequence: "Esc"
        enabled: shortcuts.logPanel !== null && shortcuts.logPanel.inspectorOpen
        onActivated: shortcuts.logPanel.closeInspector()
    }
    Shortcut {
        objectName: "quitShortcut"
        sequence: "Ctrl+Q"
        onActivated: Qt.quit()
    }
    Shortcut {
        objectName: "zoomInShortcut"
        sequences: ["Ctrl++", "Ctrl+="]
        onActivated: UiSettings.zoomIn()
    }
    Shortcut {
        objectName: "zoomOutShortcut"
        sequence: "Ctrl+-"
        onActivated: UiSettings.zoomOut()
    }
    Shortcut {
        objectName: "resetZoomShortcut"
        sequence: "Ctrl+0"
        onActivated: UiSettings.resetZoom()
    }
    Shortcut {
        objectName: "toggleThemeShortcut"
        sequence: "Ctrl+Shift+T"
        onActivated: UiSettings.themeMode = Theme.dark ? "light" : "dark"
    }
}
