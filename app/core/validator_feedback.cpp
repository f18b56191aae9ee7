// validateFeedback(): a feedback POST body as a service receives it (C21).
#include "core/validator.h"
#include "core/validator_util.h"

#include <QDateTime>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::core {

using detail::Checker;

namespace {

void checkOverrideReason(Checker &check, const QJsonValue &value, const QString &pointer)
{
    if (!value.isObject() || value.toObject().isEmpty()) {
        check.error(u"C21"_s, pointer,
                    u"overrideReason must be an object with reason and/or userComment, never"
                    u" empty"_s);
        return;
    }
    const QJsonObject reason = value.toObject();
    check.optionalString(reason, u"userComment"_s, pointer, u"C21"_s, u"userComment"_s);
    const QJsonValue coding = reason.value(u"reason"_s);
    if (coding.isUndefined())
        return;
    if (!coding.isObject()) {
        check.error(u"C21"_s, pointer + u"/reason"_s, u"overrideReason.reason must be a Coding"_s);
        return;
    }
    check.requireString(coding.toObject(), u"code"_s, pointer + u"/reason"_s, u"C21"_s,
                        u"overrideReason.reason.code"_s);
    check.requireString(coding.toObject(), u"system"_s, pointer + u"/reason"_s, u"C21"_s,
                        u"overrideReason.reason.system"_s);
}

void checkTimestamp(Checker &check, const QJsonObject &item, const QString &pointer)
{
    // RFC 3339 §5.6 in UTC: date, "T", time with optional fraction, "Z".
    static const QRegularExpression utc(
        u"^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$"_s);
    const QString text = check.requireString(item, u"outcomeTimestamp"_s, pointer, u"C21"_s,
                                             u"outcomeTimestamp"_s);
    if (text.isEmpty())
        return;
    const bool parses = QDateTime::fromString(text, Qt::ISODateWithMs).isValid();
    if (!utc.match(text).hasMatch() || !parses)
        check.error(u"C21"_s, pointer + u"/outcomeTimestamp"_s,
                    u"outcomeTimestamp must be an RFC 3339 UTC time ending in Z, e.g."
                    u" 2021-12-11T10:05:31Z; got \"%1\""_s.arg(text));
}

void checkItem(Checker &check, const QJsonValue &value, const QString &pointer)
{
    if (!value.isObject()) {
        check.error(u"C21"_s, pointer, u"each feedback item must be an object"_s);
        return;
    }
    const QJsonObject item = value.toObject();
    check.requireString(item, u"card"_s, pointer, u"C21"_s, u"card (the card's uuid)"_s);
    const QString outcome
        = check.requireString(item, u"outcome"_s, pointer, u"C21"_s, u"outcome"_s);
    if (!outcome.isEmpty() && outcome != u"accepted" && outcome != u"overridden")
        check.error(u"C21"_s, pointer + u"/outcome"_s,
                    u"outcome must be accepted or overridden, not \"%1\""_s.arg(outcome));
    const QJsonValue accepted = item.value(u"acceptedSuggestions"_s);
    if (outcome == u"accepted" && accepted.isUndefined())
        check.error(u"C21"_s, pointer + u"/acceptedSuggestions"_s,
                    u"acceptedSuggestions is required when outcome is accepted"_s);
    const QJsonArray suggestions = accepted.toArray();
    for (qsizetype i = 0; i < suggestions.size(); ++i)
        check.requireString(suggestions.at(i).toObject(), u"id"_s,
                            pointer + u"/acceptedSuggestions/%1"_s.arg(i), u"C21"_s,
                            u"acceptedSuggestions[].id (a suggestion uuid)"_s);
    if (item.contains(u"overrideReason"_s)) {
        if (outcome == u"accepted")
            check.warning(u"C21"_s, pointer + u"/overrideReason"_s,
                          u"overrideReason only makes sense for an overridden card"_s);
        checkOverrideReason(check, item.value(u"overrideReason"_s), pointer + u"/overrideReason"_s);
    }
    checkTimestamp(check, item, pointer);
}

} // namespace

QList<Finding> validateFeedback(const QJsonObject &body, SpecVersion version)
{
    QList<Finding> out;
    Checker check(&out, version);
    if (version == SpecVersion::V1_0)
        check.info(u"C21"_s, QString(), u"feedback is not defined in CDS Hooks 1.0"_s);
    check.checkNoNullOrEmpty(body, QString(), {}, {u"extension"_s});
    check.checkExtensions(body, QString(), {});
    const QJsonValue items = body.value(u"feedback"_s);
    if (!items.isArray()) {
        check.error(u"C21"_s, u"/feedback"_s,
                    u"a feedback body is {\"feedback\": [...]}; feedback must be an array"_s);
        return out;
    }
    const QJsonArray list = items.toArray();
    for (qsizetype i = 0; i < list.size(); ++i)
        checkItem(check, list.at(i), u"/feedback/%1"_s.arg(i));
    return out;
}

} // namespace hb::core
