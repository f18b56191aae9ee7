import QtQuick
import QtTest
import Hookbench

// A card renders as an EHR shows it and its buttons say what the user chose (C13, C22).
Item {
    id: root
    width: 420
    height: 600

    Component {
        id: cardComponent
        CardView {
            width: 400
            summary: "Warfarin and aspirin together raise the bleeding risk"
            detail: "<p><b>Consider</b> clopidogrel instead.</p>"
            indicator: "critical"
            sourceLabel: "Medication safety"
            selectionBehavior: "at-most-one"
            suggestions: [{ label: "Switch to clopidogrel", recommended: true, accepted: false, acceptable: true },
                          { label: "Lower the aspirin dose", recommended: false, accepted: false, acceptable: true }]
            links: [{ label: "Guideline", url: "https://example.org/g", type: "absolute", openable: true },
                    { label: "Evil", url: "javascript:alert(1)", type: "absolute", openable: false }]
            overrideReasons: ["Patient refused", "Not applicable"]
        }
    }
    SignalSpy {
        id: acceptSpy
        signalName: "suggestionAccepted"
    }
    SignalSpy {
        id: sourceLinkSpy
        signalName: "sourceLinkActivated"
    }
    SignalSpy {
        id: dismissSpy
        signalName: "dismissRequested"
    }

    TestCase {
        name: "CardView"
        when: windowShown

        function test_rendersSummaryAndMarkdown() {
            const card = createTemporaryObject(cardComponent, root);
            compare(findChild(card, "summary").text, "Warfarin and aspirin together raise the bleeding risk");
            const detail = findChild(card, "detail");
            verify(detail.visible); // critical cards show their detail expanded
            compare(detail.textFormat, Text.RichText);
        }

        function test_acceptEmitsIndexAndAtMostOneLocksOthers() {
            const card = createTemporaryObject(cardComponent, root);
            acceptSpy.target = card;
            acceptSpy.clear();
            const first = findChild(card, "suggestion0");
            verify(first.highlighted); // isRecommended is highlighted (C13)
            mouseClick(first);
            compare(acceptSpy.count, 1);
            compare(acceptSpy.signalArguments[0][0], 0);
            // The model marks it accepted and says (acceptable) that the other can no longer be.
            card.suggestions = [{ label: "Switch to clopidogrel", recommended: true, accepted: true, acceptable: false },
                                { label: "Lower the aspirin dose", recommended: false, accepted: false, acceptable: false }];
            verify(!findChild(card, "suggestion1").enabled);
        }

        // Material fills a button through a layer effect that software OpenGL (Xvfb, llvmpipe) can
        // leave blank: the recommended suggestion was white text on white in every screenshot.
        function test_recommendedSuggestionHasAPlainFill() {
            const card = createTemporaryObject(cardComponent, root);
            const recommended = findChild(card, "suggestion0").background;
            compare(recommended.color, Theme.accent);
            verify(!recommended.layer.enabled);
            const other = findChild(card, "suggestion1").background;
            verify(!other.layer.enabled);
            compare(other.border.color, Theme.border);
        }

        function test_anyAllowsSeveral() {
            const card = createTemporaryObject(cardComponent, root, { selectionBehavior: "any" });
            card.suggestions = [{ label: "A", recommended: false, accepted: true, acceptable: false },
                                { label: "B", recommended: false, accepted: false, acceptable: true }];
            verify(findChild(card, "suggestion1").enabled);
        }

        function test_unsafeLinkIsDisabled() {
            const card = createTemporaryObject(cardComponent, root);
            verify(findChild(card, "link0").enabled);
            verify(!findChild(card, "link1").enabled);
        }

        function test_dismissSendsChosenOverrideReason() {
            const card = createTemporaryObject(cardComponent, root);
            dismissSpy.target = card;
            dismissSpy.clear();
            findChild(card, "overrideReason").currentIndex = 1; // "Not applicable"
            mouseClick(findChild(card, "dismiss"));
            compare(dismissSpy.count, 1);
            compare(dismissSpy.signalArguments[0][0], 1);
        }

        function test_errorCardOffersNoSuggestionButtons() {
            // Even if suggestions reach it, an error card (C12) shows none.
            const card = createTemporaryObject(cardComponent, root, {
                indicator: "error", errorText: "selectionBehavior 'exactly-one' is not at-most-one or any" });
            verify(!findChild(card, "suggestion0").visible || !findChild(card, "suggestion0").parent.visible);
        }

        function test_errorCardShowsTheError() {
            const card = createTemporaryObject(cardComponent, root, {
                indicator: "error", errorText: "HTTP 500 Internal Server Error", suggestions: [] });
            verify(findChild(card, "errorText").visible);
            verify(!findChild(card, "dismiss").visible);
        }

        // A discovery error is Chromium's sentence, then Hookbench's hint on its own line: each
        // line is a paragraph of its own (a gap between them), still plain text (service text).
        function test_errorTextKeepsItsParagraphs() {
            const card = createTemporaryObject(cardComponent, root, {
                indicator: "error", suggestions: [],
                errorText: "Access to XMLHttpRequest has been <b>blocked</b> by CORS policy.\n\n"
                           + "The preflight was answered 404 Not Found, so the URL is probably wrong.\n" });
            const first = findChild(card, "errorParagraph0");
            const second = findChild(card, "errorParagraph1");
            verify(first && second, "one label per paragraph");
            verify(!findChild(card, "errorParagraph2"), "blank lines make no empty paragraph");
            compare(first.text, "Access to XMLHttpRequest has been <b>blocked</b> by CORS policy.");
            compare(second.text, "The preflight was answered 404 Not Found, so the URL is probably wrong.");
            compare(first.textFormat, Text.PlainText);
            compare(second.textFormat, Text.PlainText);
            verify(second.y >= first.y + first.height + 4, "a paragraph gap, not just a line break");
        }

        // Source icon, topic and link (issue 11): the icon only through the card-icon provider,
        // the topic as a chip, the link's target on screen and opened through the signal.
        function test_sourceTopicChipAndLink() {
            const card = createTemporaryObject(cardComponent, root, {
                sourceTopic: "Drug interaction", sourceUrl: "https://guidelines.example.org/warfarin" });
            const chip = findChild(card, "sourceTopic");
            verify(chip.visible);
            verify(chip.width > 0);
            const link = findChild(card, "sourceLink");
            verify(link.visible);
            verify(link.text.indexOf("guidelines.example.org") >= 0, link.text);
            sourceLinkSpy.target = card;
            sourceLinkSpy.clear();
            mouseClick(link);
            compare(sourceLinkSpy.count, 1);
            compare(sourceLinkSpy.signalArguments[0][0], "https://guidelines.example.org/warfarin");
        }

        function test_noTopicNoLinkNoIcon() {
            const card = createTemporaryObject(cardComponent, root);
            verify(!findChild(card, "sourceTopic").visible);
            verify(!findChild(card, "sourceLink").visible);
            verify(!findChild(card, "sourceIcon").visible);
        }

        function test_iconOnlyFromTheProvider() {
            for (const untrusted of ["file:///etc/hostname", "data:image/png;base64,iVBORw0KGgo=",
                                     "https://example.org/icon.png", "qrc:/icons/48.png"]) {
                const card = createTemporaryObject(cardComponent, root, { sourceIcon: untrusted });
                const icon = findChild(card, "sourceIcon");
                compare(icon.source.toString(), "", untrusted);
                verify(!icon.visible);
            }
            const card = createTemporaryObject(cardComponent, root, { sourceIcon: "image://cardicon/1" });
            const icon = findChild(card, "sourceIcon");
            compare(icon.source.toString(), "image://cardicon/1");
            // Capped whatever the provider holds: a 20 px slot decoded at most 40 px.
            compare(icon.sourceSize.width, 40);
            compare(icon.sourceSize.height, 40);
        }

        function test_feedbackStatusLineShowsOnceThereIsOne() {
            const card = createTemporaryObject(cardComponent, root, { summary: "s" });
            verify(!findChild(card, "feedbackStatus").visible);
            card.feedbackStatus = "feedback failed: HTTP 500 Internal Server Error";
            verify(findChild(card, "feedbackStatus").visible);
            compare(findChild(card, "feedbackStatus").text, "feedback failed: HTTP 500 Internal Server Error");
        }
    }
}
