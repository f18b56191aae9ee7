// Card rules: V3 (required fields), V4 (summary length), V5 (indicator), V6-V9 (suggestions),
// V13 (overrideReasons), V19 (detail), V20 (uuids present).
#include "core/numbers.h"
#include "core/validator_util.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::core::detail {

namespace {

// V4 decision: the limit counts Unicode code points (what a reader perceives as characters,
// and what JavaScript's [...s].length and Python's len() give), not UTF-16 units, so an emoji
// or a CJK extension character counts once. "<140-character" read literally allows 139:
// exactly 140 is a warning, more is an error.
qsizetype codePoints(const QString &text)
{
    return text.toUcs4().size();
}

void checkSummary(Checker &check, const QString &summary, const QString &where)
{
    const qsizetype length = codePoints(summary);
    if (length > 140)
        check.error(
            u"V4"_s, where,
            u"summary must be fewer than 140 characters, it has %1"_s.arg(groupedNumber(length)));
    else if (length == 140)
        check.warning(u"V4"_s, where,
                      u"summary must be \"<140-character\": 140 is one too many under the literal"
                      u" reading"_s);
    // "one-sentence summary": advisory, so only an info.
    static const QRegularExpression sentenceBreak(u"[.!?]\\s+\\p{Lu}"_s);
    if (sentenceBreak.match(summary).hasMatch())
        check.info(u"V4"_s, where, u"summary should be a single sentence"_s);
}

void checkIndicator(Checker &check, const QJsonObject &card, const QString &pointer)
{
    const QString indicator
        = check.requireString(card, u"indicator"_s, pointer, u"V3"_s, u"card.indicator"_s);
    if (indicator.isEmpty())
        return;
    if (indicator == u"hard-stop")
        check.error(u"V5"_s, pointer + u"/indicator"_s,
                    u"indicator \"hard-stop\" is pre-1.0; use info, warning or critical"_s);
    else if (indicator != u"info" && indicator != u"warning" && indicator != u"critical")
        check.error(u"V5"_s, pointer + u"/indicator"_s,
                    u"indicator must be info, warning or critical, not \"%1\""_s.arg(indicator));
}

void checkSuggestions(Checker &check, const QJsonObject &card, const QString &pointer)
{
    const QJsonArray suggestions
        = check.optionalArray(card, u"suggestions"_s, pointer, u"V6"_s, u"card.suggestions"_s);
    const QJsonValue behaviorValue = card.value(u"selectionBehavior"_s);
    const QString behavior = check.optionalString(card, u"selectionBehavior"_s, pointer, u"V7"_s,
                                                  u"card.selectionBehavior"_s);
    const QString behaviorPointer = pointer + u"/selectionBehavior"_s;
    const bool hasSuggestions = card.contains(u"suggestions"_s);
    if (hasSuggestions && behaviorValue.isUndefined())
        check.error(u"V6"_s, behaviorPointer,
                    u"selectionBehavior must be provided when suggestions are present"_s);
    if (!behavior.isEmpty()) {
        const bool known = behavior == u"at-most-one" || (!check.isV1() && behavior == u"any");
        if (!known)
            check.error(
                u"V7"_s, behaviorPointer,
                u"selectionBehavior must be %1, not \"%2\"; clients treat the card as an"
                u" error"_s.arg(check.isV1() ? u"at-most-one (1.0)"_s : u"at-most-one or any"_s,
                                behavior));
        if (!hasSuggestions)
            check.warning(u"V7"_s, behaviorPointer,
                          u"selectionBehavior without suggestions has no effect"_s);
    }
    int recommended = 0;
    for (qsizetype i = 0; i < suggestions.size(); ++i) {
        const QString where = pointer + u"/suggestions/%1"_s.arg(i);
        if (!suggestions.at(i).isObject()) {
            check.error(u"V9"_s, where, u"each suggestion must be an object"_s);
            continue;
        }
        const QJsonObject suggestion = suggestions.at(i).toObject();
        check.requireString(suggestion, u"label"_s, where, u"V9"_s, u"suggestion.label"_s);
        const QJsonValue isRecommended = suggestion.value(u"isRecommended"_s);
        if (!isRecommended.isUndefined() && !isRecommended.isBool())
            check.error(
                u"V9"_s, where + u"/isRecommended"_s,
                u"isRecommended must be a JSON boolean, not %1"_s.arg(jsonTypeName(isRecommended)));
        if (isRecommended.toBool())
            ++recommended;
        check.optionalString(suggestion, u"uuid"_s, where, u"V20"_s, u"suggestion.uuid"_s);
        if (!check.isV1() && !suggestion.contains(u"uuid"_s))
            check.info(u"V20"_s, where,
                       u"suggestion has no uuid: acceptance cannot be reported as feedback"_s);
        const QJsonArray actions = check.optionalArray(suggestion, u"actions"_s, where, u"V10"_s,
                                                       u"suggestion.actions"_s);
        for (qsizetype j = 0; j < actions.size(); ++j)
            checkAction(check, actions.at(j), where + u"/actions/%1"_s.arg(j), false);
    }
    if (behavior == u"at-most-one" && recommended > 1)
        check.error(u"V8"_s, pointer + u"/suggestions"_s,
                    u"with selectionBehavior at-most-one at most one suggestion may have"
                    u" isRecommended true (%1 do)"_s.arg(groupedNumber(recommended)));
}

void checkOverrideReasons(Checker &check, const QJsonObject &card, const QString &pointer)
{
    const QJsonArray reasons = check.optionalArray(card, u"overrideReasons"_s, pointer, u"V13"_s,
                                                   u"card.overrideReasons"_s);
    for (qsizetype i = 0; i < reasons.size(); ++i) {
        const QString where = pointer + u"/overrideReasons/%1"_s.arg(i);
        if (!reasons.at(i).isObject()) {
            check.error(u"V13"_s, where, u"each override reason must be a Coding object"_s);
            continue;
        }
        const QJsonObject coding = reasons.at(i).toObject();
        check.requireString(coding, u"code"_s, where, u"V13"_s, u"overrideReasons Coding.code"_s);
        check.requireString(coding, u"system"_s, where, u"V13"_s,
                            u"overrideReasons Coding.system"_s);
        check.requireString(coding, u"display"_s, where, u"V13"_s,
                            u"overrideReasons Coding.display (shown to the user)"_s);
    }
}

void checkDetail(Checker &check, const QJsonObject &card, const QString &pointer)
{
    static const QRegularExpression dangerous(
        u"<\\s*(script|iframe|object|embed|style)\\b|javascript:|\\son[a-z]+\\s*="_s,
        QRegularExpression::CaseInsensitiveOption);
    static const QRegularExpression html(u"<\\s*/?\\s*[A-Za-z][A-Za-z0-9]*[\\s>/]"_s);
    const QJsonValue value = card.value(u"detail"_s);
    if (value.isUndefined())
        return;
    const QString where = pointer + u"/detail"_s;
    if (!value.isString()) {
        check.error(
            u"V19"_s, where,
            u"detail must be a GitHub-Flavored Markdown string, not %1"_s.arg(jsonTypeName(value)));
        return;
    }
    const QString detail = value.toString();
    if (!detail.isEmpty() && detail.trimmed().isEmpty())
        check.error(u"V19"_s, where, u"detail must not be blank: omit it instead"_s);
    if (dangerous.match(detail).hasMatch())
        check.warning(u"V19"_s, where,
                      u"detail contains script-capable HTML; clients sanitize it, so it will not"
                      u" render as intended"_s);
    else if (html.match(detail).hasMatch())
        check.warning(u"V19"_s, where,
                      u"detail contains raw HTML; GFM clients may strip or escape it"_s);
}

} // namespace

void checkCard(Checker &check, const QJsonValue &value, const QString &pointer)
{
    if (!value.isObject()) {
        check.error(u"V3"_s, pointer,
                    u"each card must be an object, not %1"_s.arg(jsonTypeName(value)));
        return;
    }
    const QJsonObject card = value.toObject();
    const QString summary
        = check.requireString(card, u"summary"_s, pointer, u"V3"_s, u"card.summary"_s);
    checkSummary(check, summary, pointer + u"/summary"_s);
    checkIndicator(check, card, pointer);
    checkSource(check, card, pointer);
    checkSuggestions(check, card, pointer);
    checkOverrideReasons(check, card, pointer);
    checkLinks(check, card, pointer);
    checkDetail(check, card, pointer);
    check.optionalString(card, u"uuid"_s, pointer, u"V20"_s, u"card.uuid"_s);
    if (!check.isV1() && !card.contains(u"uuid"_s))
        check.warning(u"V20"_s, pointer,
                      u"card has no uuid: the client cannot send feedback for it"_s);
    if (check.isV1() && card.contains(u"overrideReasons"_s))
        check.info(u"V13"_s, pointer + u"/overrideReasons"_s,
                   u"overrideReasons are not defined in CDS Hooks 1.0"_s);
}

} // namespace hb::core::detail
