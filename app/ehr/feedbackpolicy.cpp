#include "ehr/feedbackpolicy.h"

namespace hb::ehr {

std::optional<core::Feedback> feedbackForAcceptance(const core::Card &card, int suggestion,
                                                    const QDateTime &when)
{
    if (card.uuid.isEmpty() || suggestion < 0 || suggestion >= card.suggestions.size())
        return std::nullopt;
    const QString suggestionUuid = card.suggestions.at(suggestion).uuid;
    if (suggestionUuid.isEmpty())
        return std::nullopt;
    core::Feedback feedback;
    feedback.card = card.uuid;
    feedback.outcome = core::FeedbackOutcome::Accepted;
    feedback.acceptedSuggestions = {suggestionUuid};
    feedback.outcomeTimestamp = when.toUTC();
    return feedback;
}

std::optional<core::Feedback> feedbackForDismissal(const core::Card &card, int reasonIndex,
                                                   const QString &comment, const QDateTime &when)
{
    if (card.uuid.isEmpty())
        return std::nullopt;
    core::Feedback feedback;
    feedback.card = card.uuid;
    feedback.outcome = core::FeedbackOutcome::Overridden;
    feedback.outcomeTimestamp = when.toUTC();
    core::OverrideReason reason;
    if (reasonIndex >= 0 && reasonIndex < card.overrideReasons.size())
        reason.reason = card.overrideReasons.at(reasonIndex);
    reason.userComment = comment.trimmed();
    if (!reason.isEmpty())
        feedback.overrideReason = reason;
    return feedback;
}

QString feedbackStatusLine(int httpStatus, const QString &reason, const QString &error)
{
    using namespace Qt::StringLiterals;
    if (httpStatus <= 0)
        return u"feedback failed: "_s + (error.isEmpty() ? u"no answer"_s : error);
    const QString status = (u"HTTP %1 %2"_s.arg(httpStatus).arg(reason)).trimmed();
    if (httpStatus == 200)
        return u"feedback sent: "_s + status;
    if (httpStatus == 404) // the spec makes the endpoint optional for a service
        return u"no feedback endpoint: "_s + status;
    if (httpStatus >= 200 && httpStatus < 300) // received, though a service answers 200
        return u"feedback sent: %1 (expected 200)"_s.arg(status);
    return u"feedback failed: "_s + status;
}

QString feedbackNotSentLine()
{
    return QStringLiteral("no feedback sent: the card or suggestion has no uuid");
}

} // namespace hb::ehr
