#include "core/feedback.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::core {

QJsonObject OverrideReason::toJson() const
{
    QJsonObject json;
    if (reason)
        json.insert(u"reason"_s, reason->toJson());
    if (!userComment.isEmpty())
        json.insert(u"userComment"_s, userComment);
    return json;
}

QJsonObject Feedback::toJson() const
{
    QJsonObject json {{u"card"_s, card},
                      {u"outcome"_s, feedbackOutcomeName(outcome)},
                      {u"outcomeTimestamp"_s, formatOutcomeTimestamp(outcomeTimestamp)}};
    if (outcome == FeedbackOutcome::Accepted && !acceptedSuggestions.isEmpty()) {
        QJsonArray accepted;
        for (const QString &id : acceptedSuggestions)
            accepted.append(QJsonObject {{u"id"_s, id}});
        json.insert(u"acceptedSuggestions"_s, accepted);
    }
    if (overrideReason && !overrideReason->isEmpty())
        json.insert(u"overrideReason"_s, overrideReason->toJson());
    if (!extension.isEmpty())
        json.insert(u"extension"_s, extension);
    return json;
}

Feedback Feedback::fromJson(const QJsonObject &json)
{
    Feedback item;
    item.card = json.value(u"card"_s).toString();
    item.outcome = json.value(u"outcome"_s).toString() == u"overridden"
        ? FeedbackOutcome::Overridden
        : FeedbackOutcome::Accepted;
    for (const QJsonValue &accepted : json.value(u"acceptedSuggestions"_s).toArray())
        item.acceptedSuggestions.append(accepted.toObject().value(u"id"_s).toString());
    if (json.value(u"overrideReason"_s).isObject()) {
        const QJsonObject reason = json.value(u"overrideReason"_s).toObject();
        OverrideReason parsed;
        if (reason.value(u"reason"_s).isObject())
            parsed.reason = Coding::fromJson(reason.value(u"reason"_s).toObject());
        parsed.userComment = reason.value(u"userComment"_s).toString();
        item.overrideReason = parsed;
    }
    item.outcomeTimestamp
        = QDateTime::fromString(json.value(u"outcomeTimestamp"_s).toString(), Qt::ISODateWithMs);
    item.extension = json.value(u"extension"_s).toObject();
    return item;
}

QList<Feedback> parseFeedbackBody(const QJsonObject &body)
{
    QList<Feedback> items;
    for (const QJsonValue &item : body.value(u"feedback"_s).toArray()) {
        if (item.isObject())
            items.append(Feedback::fromJson(item.toObject()));
    }
    return items;
}

QString feedbackOutcomeName(FeedbackOutcome outcome)
{
    return outcome == FeedbackOutcome::Accepted ? u"accepted"_s : u"overridden"_s;
}

QString formatOutcomeTimestamp(const QDateTime &when)
{
    // toUTC(), not toTimeZone(QTimeZone::utc()): in Qt 6.4 the latter prints "+00:00", while a
    // Qt::UTC QDateTime prints the "Z" the feedback examples use.
    const QDateTime utc = when.toUTC();
    return utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate);
}

QJsonObject feedbackBody(const QList<Feedback> &items)
{
    QJsonArray array;
    for (const Feedback &item : items)
        array.append(item.toJson());
    return QJsonObject {{u"feedback"_s, array}};
}

} // namespace hb::core
