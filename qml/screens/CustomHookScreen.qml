pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Any hook, any context: the editor starts from the hook catalogue's builder, every keystroke is
// checked against the catalogue (C++: session/customhook), and the call goes to one service
// with exactly this context and the prefetch keys ticked below.
RowLayout {
    id: root

    spacing: Theme.spacing

    ColumnLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 3
        Layout.margins: 12
        spacing: 6

        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Hook")
                color: Theme.text
            }
            ComboBox {
                id: hookName
                objectName: "hookName"
                Layout.fillWidth: true
                editable: true
                model: CustomHookController.hooks
                Component.onCompleted: editText = CustomHookController.hook
                onEditTextChanged: CustomHookController.hook = editText
            }
            Button {
                text: qsTr("Prefill from the catalogue")
                onClicked: CustomHookController.prefill()
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: CustomHookController.knownHook ? Theme.mutedText : Theme.warning
            text: CustomHookController.knownHook ? qsTr("Library hook: types and required fields are checked.")
                                   : qsTr("Not in the CDS Hooks library: the context is only checked for being a JSON object.")
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                id: editor
                objectName: "contextEditor"
                font.family: Theme.monospace
                text: CustomHookController.contextText
                onTextChanged: CustomHookController.contextText = text
                wrapMode: TextEdit.NoWrap
                background: Rectangle {
                    color: Theme.surface
                    border.color: CustomHookController.valid ? Theme.border : Theme.critical
                    radius: Theme.radius
                }
            }
        }
        Repeater {
            model: CustomHookController.findings
            Label {
                required property string modelData
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: modelData
                color: modelData.startsWith("error") ? Theme.critical : Theme.warning
            }
        }
        Label {
            visible: CustomHookController.findings.length === 0
            text: qsTr("The context matches the catalogue.")
            color: Theme.success
        }
    }
    ColumnLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.preferredWidth: 2
        Layout.margins: 12
        spacing: 6

        Label {
            text: qsTr("Service")
            font.bold: true
            color: Theme.text
        }
        ComboBox {
            id: service
            objectName: "service"
            Layout.fillWidth: true
            model: CustomHookController.serviceIds
            onCurrentTextChanged: CustomHookController.chooseService(currentText)
        }
        Label {
            text: qsTr("Prefetch keys sent")
            font.bold: true
            color: Theme.text
        }
        Repeater {
            id: keys
            model: CustomHookController.prefetchKeys
            CheckBox {
                required property string modelData
                text: modelData
                checked: true
            }
        }
        Label {
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            color: Theme.mutedText
            text: qsTr("Tokens this hook fills: %1").arg(CustomHookController.prefetchTokenText)
        }
        Button {
            objectName: "send"
            text: qsTr("Send %1").arg(CustomHookController.hook)
            enabled: CustomHookController.valid && !CustomHookController.busy && service.currentText.length > 0
            onClicked: {
                let chosen = [];
                for (let i = 0; i < keys.count; ++i) {
                    const box = keys.itemAt(i);
                    if (box && box.checked)
                        chosen.push(box.text);
                }
                CustomHookController.fire(service.currentText, chosen);
            }
        }
        ScrollView {
            Layout.fillWidth: true
            Layout.fillHeight: true
            TextArea {
                objectName: "result"
                readOnly: true
                wrapMode: TextEdit.Wrap
                font.family: Theme.monospace
                text: CustomHookController.result
                color: Theme.text
            }
        }
    }
}
