import QtQuick
import QtTest
import Hookbench

// The window skeleton's panels: each shows a real empty state and reacts to its model.
Item {
    id: root
    width: 1200
    height: 800

    PatientBanner {
        id: banner
        width: root.width
    }
    CardsColumn {
        id: cards
        width: 400
        height: 600
    }
    LogPanel {
        id: log
        width: 800
        height: 200
    }

    ScreenArea {
        id: screens
        width: 800
        height: 600
    }

    TestCase {
        name: "Panels"
        when: windowShown

        function init() {
            banner.patientName = "";
            cards.model = null;
            log.model = null;
        }

        function test_bannerShowsPlaceholderThenPatient() {
            const label = findChild(banner, "patientName");
            compare(label.text, "No patient selected");
            banner.patientName = "Amy V. Shaw";
            compare(label.text, "Amy V. Shaw");
        }

        // With cards, the column is covered by tst_cardview.qml and the app's e2e screenshot test.
        function test_cardsEmptyStateWithoutModel() {
            const empty = findChild(cards, "cardsEmptyState");
            verify(empty.visible);
            compare(cards.count, 0);
        }

        // Screens load the first time they are shown, and stay loaded.
        function test_screensLoadWhenShown() {
            screens.currentIndex = 0;
            verify(findChild(screens, "firePatientView") !== null);
            verify(findChild(screens, "discoveryUrl") === null);
            screens.currentIndex = 5; // services (NavigationModel::screens())
            tryVerify(() => findChild(screens, "discoveryUrl") !== null);
            screens.currentIndex = 0;
            verify(findChild(screens, "discoveryUrl") !== null);
        }

        function test_logEmptyStateFollowsModel() {
            const empty = findChild(log, "logEmptyState");
            verify(empty.visible);
            log.model = AppController.log; // three exchanges (tst_qml.cpp)
            compare(log.count, 3);
            verify(!empty.visible);
        }
    }
}
