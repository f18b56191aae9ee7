import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Where Hookbench runs and how it identifies itself; the CLI offers every knob meanwhile.
ColumnLayout {
    spacing: 8

    Label {
        Layout.margins: 12
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        color: Theme.text
        text: AppController.statusText
    }
    Label {
        Layout.leftMargin: 12
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        color: Theme.mutedText
        text: qsTr("Calls are signed with your own ES384 key (published at the embedded server's "
                   + "/.well-known/jwks.json) and checked as a browser page at "
                   + "https://sandbox.cds-hooks.org would see them. Use hookbench-cli keys, token, cors "
                   + "and fire for rotation, deliberate JWT faults and other origins.")
    }
    Item {
        Layout.fillHeight: true
    }
}
