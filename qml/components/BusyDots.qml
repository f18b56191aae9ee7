import QtQuick
import QtQuick.Controls

// A cheap busy indicator: three dots that change twice a second. The animated BusyIndicator
// repaints every frame, which costs most of a core under software rendering (#16); this one
// asks for two frames a second.
Label {
    id: root

    property bool running: false
    property int phase: 0

    visible: running
    text: "●●●".substring(0, phase + 1) + "○○○".substring(phase + 1)
    color: Theme.accent
    font.pixelSize: 10

    Timer {
        interval: 500
        repeat: true
        running: root.running && root.visible
        onTriggered: root.phase = (root.phase + 1) % 3
    }
}
