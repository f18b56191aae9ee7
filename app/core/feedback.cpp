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
