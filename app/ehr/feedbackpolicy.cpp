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

} // namespace hb::ehr
