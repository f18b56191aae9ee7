import QtQuick
import QtQuick.Controls
import QtTest
import Hookbench

// The About dialog (F1) names the build as `hookbench --version` does, and copies it for a
// bug report.
Item {
    id: root
    width: 900
    height: 600

    AboutDialog {
        id: about
    }
    TextEdit {
        id: pasteTarget
    }

    TestCase {
        name: "AboutDialog"
        when: windowShown

        function test_showsVersionCommitQtAndOpenSsl() {
            about.open();
            tryCompare(about, "opened", true);
            compare(findChild(about.contentItem, "aboutVersion").text, BuildInfo.version);
            verify(/^\d+\.\d+\.\d+$/.test(BuildInfo.version), BuildInfo.version);
            verify(/^([0-9a-f]{7,}(-dirty)?|unknown|\S+)$/.test(BuildInfo.commit), BuildInfo.commit);
            compare(findChild(about.contentItem, "aboutCommit").text, BuildInfo.commit);
            verify(findChild(about.contentItem, "aboutQt").text.startsWith("6."));
            verify(findChild(about.contentItem, "aboutOpenSsl").text.startsWith("OpenSSL 3"));
            // Every line fits: nothing is cut off at the dialog's edge.
            const openSsl = findChild(about.contentItem, "aboutOpenSsl");
            const right = openSsl.mapToItem(about.contentItem, openSsl.width, 0).x;
            verify(right <= about.contentItem.width, "OpenSSL version overflows the dialog");
            about.close();
            tryCompare(about, "visible", false);
        }

        function test_copyPutsTheVersionTextOnTheClipboard() {
            about.open();
            tryCompare(about, "opened", true);
            mouseClick(findChild(about.contentItem, "copyVersion"));
            pasteTarget.text = "";
            pasteTarget.paste();
            compare(pasteTarget.text, BuildInfo.versionText);
            verify(pasteTarget.text.startsWith("hookbench " + BuildInfo.version + "\n"));
            about.close();
        }
    }
}
