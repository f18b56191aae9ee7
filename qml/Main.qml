import QtQuick
import QtQuick.Controls
import Hookbench

// The main window: patient banner on top, EHR navigation | screen | cards, and the log below.
ApplicationWindow {
    id: window

    width: 1440
    height: 900
    minimumWidth: 960
    minimumHeight: 600
    visible: true
    title: qsTr("Hookbench %1").arg(AppController.version)
    color: Theme.window

    header: PatientBanner {
        objectName: "patientBanner"
    }

    SplitView {
        anchors.fill: parent
        orientation: Qt.Vertical

        SplitView {
            SplitView.fillHeight: true
            orientation: Qt.Horizontal

            EhrNavigation {
                id: navigation
                objectName: "navigation"
                SplitView.preferredWidth: Theme.navigationWidth
                SplitView.minimumWidth: 160
            }
            ScreenArea {
                objectName: "screenArea"
                SplitView.fillWidth: true
                title: navigation.currentTitle
                currentIndex: navigation.currentIndex
            }
            CardsColumn {
                objectName: "cardsColumn"
                SplitView.preferredWidth: Theme.cardsWidth
                SplitView.minimumWidth: 280
            }
        }
        LogPanel {
            objectName: "logPanel"
            SplitView.preferredHeight: Theme.logHeight
            SplitView.minimumHeight: 80
        }
    }
}
