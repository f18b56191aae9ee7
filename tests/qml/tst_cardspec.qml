import QtQuick
import QtQml.Models
import QtTest
import Hookbench

// A card a service sent wrong says so on the card: a "spec" badge (how bad, how many) and the
// rule ids with their one-line messages; a field the model shortened says from how long. First
// the component alone, then the real chain: the lab's summary-too-long service fired through
// InvocationController into the cards column.
Item {
    id: root
    width: 420
    height: 900

    readonly property var v4: ({ ruleId: "V4", severity: "error", pointer: "/cards/0/summary",
                                 message: "summary must be fewer than 140 characters, it has 180",
                                 line: "V4 summary must be fewer than 140 characters, it has 180",
                                 cli: "error V4 /cards/0/summary: summary must be fewer than 140 characters, it has 180" })

    Component {
        id: cardComponent
        CardView {
            width: 400
            summary: "This summary keeps going"
            indicator: "info"
            sourceLabel: "Hookbench misbehaviour lab"
        }
    }
    Component {
        id: columnComponent
        CardsColumn {
            width: 400
            height: 900
            model: InvocationController.cards
            pendingCalls: InvocationController.pendingCalls
        }
    }

    Instantiator {
        id: registered
        model: ServicesController.services
        delegate: QtObject {
            required property string serviceId
        }
        function serviceIds() {
            const ids = [];
            for (let i = 0; i < count; ++i)
                ids.push(objectAt(i).serviceId);
            return ids;
        }
    }

    TestCase {
        name: "CardSpec"
        when: windowShown

        function textsOf(item, out) {
            if (item.text !== undefined && typeof item.text === "string" && item.visible)
                out.push(item.text);
            for (let i = 0; i < item.children.length; ++i)
                textsOf(item.children[i], out);
            return out;
        }

        function test_validCardHasNoBadge() {
            const card = createTemporaryObject(cardComponent, root);
            verify(!findChild(card, "specBadge").visible);
            verify(!findChild(card, "specFindings").visible);
            verify(!findChild(card, "truncationNotes").visible);
        }

        function test_badgeCountsAndListsTheFindings() {
            const card = createTemporaryObject(cardComponent, root, {
                findings: [root.v4], specBadge: "SPEC · 1 error", specSeverity: "error" });
            const badge = findChild(card, "specBadge");
            verify(badge.visible);
            verify(badge.width > 0 && badge.height > 0);
            compare(findChild(card, "specBadgeText").text, "SPEC · 1 error");
            compare(badge.color, Theme.critical);
            // An error is listed at once; the badge folds the list away and back.
            const list = findChild(card, "specFindings");
            verify(list.visible);
            verify(textsOf(list, []).indexOf("V4 summary must be fewer than 140 characters, it has 180") >= 0,
                   textsOf(list, []).join(" | "));
            mouseClick(badge);
            verify(!list.visible);
            mouseClick(badge);
            verify(list.visible);
        }

        function test_warningBadgeIsAmberAndFolded() {
            const card = createTemporaryObject(cardComponent, root, {
                findings: [{ ruleId: "V20", severity: "warning", pointer: "/cards/0", message: "card has no uuid",
                             line: "V20 card has no uuid", cli: "warning V20 /cards/0: card has no uuid" }],
                specBadge: "SPEC · 1 warning", specSeverity: "warning" });
            compare(findChild(card, "specBadge").color, Theme.warning);
            verify(!findChild(card, "specFindings").visible); // only a warning: folded
            mouseClick(findChild(card, "specBadge"));
            verify(findChild(card, "specFindings").visible);
        }

        function test_notesOnlyBadgeIsAnOutline() {
            const card = createTemporaryObject(cardComponent, root, {
                findings: [{ ruleId: "V4", severity: "info", pointer: "/cards/0/summary",
                             message: "summary should be a single sentence",
                             line: "V4 summary should be a single sentence", cli: "info V4 ..." }],
                specBadge: "SPEC · 1 note", specSeverity: "info" });
            const badge = findChild(card, "specBadge");
            verify(badge.visible);
            compare(badge.color, Qt.rgba(0, 0, 0, 0));
            compare(findChild(card, "specBadgeText").color, Theme.mutedText);
            verify(!findChild(card, "specFindings").visible);
        }

        function test_shortenedFieldSaysSo() {
            const card = createTemporaryObject(cardComponent, root, {
                truncationNotes: ["summary shortened from 1,048,576 characters to 300"] });
            const notes = findChild(card, "truncationNotes");
            verify(notes.visible);
            verify(notes.text.indexOf("summary shortened from 1,048,576 characters") >= 0, notes.text);
        }

        // The badge takes room from the source and the topic, never from the card's edge: at the
        // cards column's width the header row with both still fits (it ran 87 px past it).
        function test_headerRowFitsWithBadgeAndTopic() {
            const card = createTemporaryObject(cardComponent, root, {
                width: 371, indicator: "warning", sourceTopic: "Hookbench misbehaviour lab",
                sourceLabel: "Hookbench misbehaviour lab · hostile-1mb-summary · patient-view",
                findings: [root.v4], specBadge: "SPEC · 1 error", specSeverity: "error" });
            const row = findChild(card, "sourceLabel").parent;
            verify(row.width <= row.parent.width + 0.5, row.width + " > " + row.parent.width);
            const topic = findChild(card, "sourceTopic");
            verify(topic.x + topic.width <= row.width + 0.5);
            verify(findChild(card, "sourceLabel").width >= 60);
        }

        // The whole chain: the lab service's card in the real cards column carries the badge.
        function test_labCardInTheCardsColumn() {
            tryVerify(() => PatientController.patientName.length > 0, 30000, "no patient opened");
            const source = "embedded:lab:summary-too-long";
            ServicesController.addSource(source);
            try {
                checkLabCard(source);
            } finally {
                ServicesController.removeSource(source); // the services screen's test counts two
            }
        }
        function checkLabCard(source) {
            const column = createTemporaryObject(columnComponent, root);
            const list = findChild(column, "cardList");
            const cardOf = () => {
                for (let i = 0; i < list.count; ++i) {
                    const item = list.itemAtIndex(i);
                    if (item && item.serviceId === "summary-too-long")
                        return item;
                }
                return null;
            };
            // Discovery runs first; fire once the service is registered (other calls may still
            // be pending: the setup's lab has a service that never answers).
            tryVerify(() => registered.serviceIds().indexOf("summary-too-long") >= 0, 20000,
                      "the lab service was never discovered");
            InvocationController.fireService(source, "summary-too-long", "patient-view");
            tryVerify(() => cardOf() !== null, 20000, "the lab card never came");
            const card = cardOf();
            const badge = findChild(card, "specBadge");
            verify(badge.visible);
            verify(findChild(card, "specBadgeText").text.indexOf("1 error") >= 0, findChild(card, "specBadgeText").text);
            const texts = textsOf(findChild(card, "specFindings"), []);
            verify(texts.indexOf("V4 summary must be fewer than 140 characters, it has 180") >= 0, texts.join(" | "));
        }
    }
}
