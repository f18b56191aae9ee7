import QtQuick
import QtQuick.Controls
import Hookbench

// The call to action of a screen (fire, discover, sign). Material's highlighted Button paints its
// fill through a layer effect that software OpenGL (Xvfb, llvmpipe) can leave blank, which showed
// white text on white in every screenshot; this fill is a plain rectangle in the theme's accent.
Button {
    id: control

    highlighted: true // white text, as Material gives a filled button
    background: Rectangle {
        implicitWidth: 64
        implicitHeight: 36
        radius: 2
        color: !control.enabled ? Theme.mutedText
                                : control.down ? Qt.darker(Theme.accent, 1.25)
                                               : control.hovered ? Qt.lighter(Theme.accent, 1.15) : Theme.accent
    }
}
