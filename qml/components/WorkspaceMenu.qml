pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import Hookbench

// File menu: New, Open, Save, Save As and the recent workspaces (WorkspaceController).
MenuBar {
    id: root

    Menu {
        title: qsTr("&File")
        Action {
            text: qsTr("&New workspace…")
            onTriggered: newDialog.open()
        }
        Action {
            text: qsTr("&Open workspace…")
            shortcut: "Ctrl+O"
            onTriggered: openDialog.open()
        }
        Menu {
            id: recentMenu
            title: qsTr("Open &recent")
            enabled: WorkspaceController.recent.length > 0
            Repeater {
                model: WorkspaceController.recent
                delegate: MenuItem {
                    required property string modelData
                    text: modelData
                    onTriggered: WorkspaceController.open("file://" + modelData)
                }
            }
        }
        Action {
            text: qsTr("&Save")
            shortcut: "Ctrl+S"
            onTriggered: WorkspaceController.save()
        }
        Action {
            text: qsTr("Save &as…")
            shortcut: "Ctrl+Shift+S"
            onTriggered: saveDialog.open()
        }
        MenuSeparator {}
        Action {
            text: qsTr("&Quit")
            shortcut: "Ctrl+Q"
            onTriggered: Qt.quit()
        }
    }

    FileDialog {
        id: openDialog
        title: qsTr("Open a workspace")
        nameFilters: [qsTr("Workspaces (*.json)")]
        onAccepted: WorkspaceController.open(selectedFile)
    }
    FileDialog {
        id: saveDialog
        title: qsTr("Save the workspace as")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("Workspaces (*.json)")]
        onAccepted: WorkspaceController.saveAs(selectedFile)
    }
    FileDialog {
        id: newDialog
        title: qsTr("New workspace")
        fileMode: FileDialog.SaveFile
        nameFilters: [qsTr("Workspaces (*.json)")]
        onAccepted: WorkspaceController.newWorkspace(selectedFile)
    }
}
