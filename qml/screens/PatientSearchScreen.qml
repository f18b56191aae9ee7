pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Layouts
import QtQuick.Controls
import Hookbench

// Patient search against the current FHIR source (embedded or remote): name, identifier and
// birth date, one server page at a time. Clicking a row opens that patient's chart.
ColumnLayout {
    id: root

    spacing: 6

    // Both belong to the patient controller (they outlive the screen).
    readonly property PatientSearchModel results: PatientController.search
    readonly property EhrPickers pickers: PatientController.pickers

    // The user and encounter the EHR acts in (shown in the banner with the patient).
    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        spacing: Theme.spacing
        Label {
            text: qsTr("User")
            color: Theme.text
        }
        ComboBox {
            id: user
            objectName: "userPicker"
            Layout.fillWidth: true
            editable: true
            model: root.pickers.users
            textRole: "label"
            valueRole: "reference"
            onActivated: root.pickers.useUser(currentValue)
            onAccepted: root.pickers.useUser(editText)
        }
        Label {
            text: qsTr("Encounter")
            color: Theme.text
        }
        ComboBox {
            objectName: "encounterPicker"
            Layout.preferredWidth: 280
            model: root.pickers.encounters
            textRole: "label"
            valueRole: "id"
            onActivated: root.pickers.useEncounter(currentValue)
        }
    }
    Label {
        Layout.leftMargin: 12
        visible: root.pickers.error.length > 0
        text: root.pickers.error
        color: Theme.critical
    }

    RowLayout {
        Layout.fillWidth: true
        Layout.margins: 12
        spacing: Theme.spacing
        TextField {
            id: name
            objectName: "searchName"
            Layout.fillWidth: true
            placeholderText: qsTr("Name")
            onAccepted: root.results.search(name.text, identifier.text, birthDate.text)
        }
        TextField {
            id: identifier
            Layout.preferredWidth: 180
            placeholderText: qsTr("Identifier ([system|]value)")
            // The hint is elided in a narrow field: the whole of it on hover.
            ToolTip.visible: hovered && text.length === 0
            ToolTip.text: placeholderText
            onAccepted: root.results.search(name.text, identifier.text, birthDate.text)
        }
        TextField {
            id: birthDate
            Layout.preferredWidth: 150
            placeholderText: qsTr("Birth date (1980, ge1980-01-01)")
            // The hint is elided in a narrow field: the whole of it on hover.
            ToolTip.visible: hovered && text.length === 0
            ToolTip.text: placeholderText
            onAccepted: root.results.search(name.text, identifier.text, birthDate.text)
        }
        Button {
            objectName: "searchButton"
            text: qsTr("Search")
            enabled: !root.results.busy
            onClicked: root.results.search(name.text, identifier.text, birthDate.text)
        }
    }
    Label {
        Layout.leftMargin: 12
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        color: root.results.error.length > 0 ? Theme.critical : Theme.mutedText
        text: root.results.error.length > 0 ? root.results.error
            : root.results.source.length === 0 ? qsTr("Search the FHIR source by name, identifier or birth date.")
            : (root.results.total >= 0 ? qsTr("%1 patients on %2").arg(root.results.total).arg(root.results.source)
                                  : root.results.source)
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: 24
        Layout.rightMargin: 12
        Repeater {
            model: [qsTr("Name"), qsTr("Sex"), qsTr("Birth date"), qsTr("Id")]
            Label {
                required property string modelData
                required property int index
                Layout.preferredWidth: index === 0 ? 260 : (index === 3 ? 200 : 110)
                text: modelData
                font.bold: true
                color: Theme.mutedText
            }
        }
    }
    ListView {
        objectName: "searchResults"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.leftMargin: 12
        Layout.rightMargin: 12
        clip: true
        model: root.results
        delegate: ItemDelegate {
            id: row
            required property int index
            required property string patientId
            required property string name
            required property string gender
            required property string birthDate
            width: ListView.view.width
            onClicked: root.results.open(row.index)
            contentItem: RowLayout {
                ElidedLabel {
                    Layout.preferredWidth: 260
                    text: row.name
                    elide: Text.ElideRight
                    color: Theme.text
                }
                Label {
                    Layout.preferredWidth: 110
                    text: row.gender
                    color: Theme.text
                }
                Label {
                    Layout.preferredWidth: 110
                    text: row.birthDate
                    color: Theme.text
                }
                Label {
                    Layout.preferredWidth: 200
                    text: row.patientId
                    font.family: Theme.monospace
                    color: Theme.mutedText
                }
            }
        }
    }
    RowLayout {
        Layout.margins: 12
        Button {
            text: qsTr("Previous page")
            enabled: root.results.hasPrevious
            onClicked: root.results.previous()
        }
        Label {
            text: qsTr("page %1").arg(root.results.page + 1)
            color: Theme.mutedText
        }
        Button {
            objectName: "nextPage"
            text: qsTr("Next page")
            enabled: root.results.hasNext
            onClicked: root.results.next()
        }
    }
    Component.onCompleted: {
        root.results.search("", "", "");
        root.pickers.searchUsers("");
        root.pickers.loadEncounters();
    }
}
