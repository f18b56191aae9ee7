// validateResponse(): the top level of a service response (V1, V2, V18, V20 uniqueness, V21,
// V22); cards, actions and links are checked in validator_cards/actions/links.cpp.
#include "core/validator.h"
#include "core/validator_util.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace hb::core {

using detail::Checker;

namespace {

// V20: uuids are echoed in feedback, so they must identify one card / suggestion.
void checkUuidsUnique(Checker &check, const QJsonArray &cards)
{
    QSet<QString> seen;
    auto visit = [&](const QJsonValue &uuid, const QString &where) {
        if (!uuid.isString() || uuid.toString().isEmpty())
            return;
        if (seen.contains(uuid.toString()))
            check.error(u"V20"_s, where,
                        u"uuid %1 is used twice; card and suggestion uuids must be unique"_s.arg(
                            uuid.toString()));
        seen.insert(uuid.toString());
    };
    for (qsizetype i = 0; i < cards.size(); ++i) {
        const QJsonObject card = cards.at(i).toObject();
        const QString cardPointer = u"/cards/%1"_s.arg(i);
        visit(card.value(u"uuid"_s), cardPointer + u"/uuid"_s);
        const QJsonArray suggestions = card.value(u"suggestions"_s).toArray();
        for (qsizetype j = 0; j < suggestions.size(); ++j)
            visit(suggestions.at(j).toObject().value(u"uuid"_s),
                  cardPointer + u"/suggestions/%1/uuid"_s.arg(j));
    }
}

// V18: a card with an autolaunchable link may never be shown, so other guidance must be conveyed
// by the launched app.
void checkAutolaunch(Checker &check, const QJsonArray &cards)
{
    bool otherGuidance = false;
    QString autolaunchPointer;
    for (qsizetype i = 0; i < cards.size(); ++i) {
        const QJsonObject card = cards.at(i).toObject();
        bool cardAutolaunches = false;
        const QJsonArray links = card.value(u"links"_s).toArray();
        for (qsizetype j = 0; j < links.size(); ++j) {
            if (links.at(j).toObject().value(u"autolaunchable"_s).toBool()) {
                cardAutolaunches = true;
                if (autolaunchPointer.isEmpty())
                    autolaunchPointer = u"/cards/%1/links/%2/autolaunchable"_s.arg(i).arg(j);
            }
        }
        if (!cardAutolaunches || card.contains(u"suggestions"_s) || links.size() > 1)
            otherGuidance = true;
    }
    if (!autolaunchPointer.isEmpty() && otherGuidance)
        check.warning(u"V18"_s, autolaunchPointer,
                      u"an autolaunchable link may skip the card: the launched app must convey the"
                      u" response's other guidance"_s);
}

void checkSystemActions(Checker &check, const QJsonObject &response)
{
    const QJsonObject extension = response.value(u"extension"_s).toObject();
    if (extension.contains(u"systemActions"_s)) {
        check.warning(u"V21"_s, u"/extension/systemActions"_s,
                      u"systemActions belong at the top level of the response since 2.0, not in"
                      u" extension (pre-2.0 sandbox form; read here for compatibility)"_s);
    }
    const bool legacy = !response.contains(u"systemActions"_s);
    const QString pointer = legacy ? u"/extension/systemActions"_s : u"/systemActions"_s;
    const QJsonValue value
        = legacy ? extension.value(u"systemActions"_s) : response.value(u"systemActions"_s);
    if (value.isUndefined() || value.isNull())
        return;
    if (check.isV1() && !legacy)
        check.info(u"V21"_s, pointer, u"systemActions are not defined in CDS Hooks 1.0"_s);
    if (!value.isArray()) {
        check.error(
            u"V21"_s, pointer,
            u"systemActions must be an array of Actions, not %1"_s.arg(jsonTypeName(value)));
        return;
    }
    const QJsonArray actions = value.toArray();
    for (qsizetype i = 0; i < actions.size(); ++i)
        detail::checkAction(check, actions.at(i), jsonPointerAppend(pointer, i), true);
}

} // namespace

QList<Finding> validateResponse(const QJsonObject &response, const QString &hook,
                                SpecVersion version)
{
    Q_UNUSED(hook) // no rule of V1-V22 depends on the hook yet; kept for hook-specific checks
    QList<Finding> out;
    Checker check(&out, version);
    // V2 does not descend into FHIR resources (FHIR has its own rules) or extension contents
    // (pre-agreed between the parties).
    check.checkNoNullOrEmpty(response, QString(), {u"/cards"_s}, {u"resource"_s, u"extension"_s});
    check.checkExtensions(response, QString(), {u"resource"_s});

    const QJsonValue cardsValue = response.value(u"cards"_s);
    if (cardsValue.isUndefined()) {
        check.error(u"V1"_s, u"/cards"_s,
                    u"a response must have a cards array (use \"cards\": [] for no guidance)"_s);
    } else if (!cardsValue.isArray()) {
        check.error(u"V1"_s, u"/cards"_s,
                    u"cards must be an array, not %1"_s.arg(jsonTypeName(cardsValue)));
    }
    const QJsonArray cards = cardsValue.toArray();
    for (qsizetype i = 0; i < cards.size(); ++i)
        detail::checkCard(check, cards.at(i), u"/cards/%1"_s.arg(i));
    checkUuidsUnique(check, cards);
    checkAutolaunch(check, cards);
    checkSystemActions(check, response);
    return out;
}

} // namespace hb::core
