#include "scenario/feedbackchoice.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace hb::scenario {

core::Feedback feedbackFromIds(const FeedbackChoice &choice)
{
    core::Feedback feedback;
    feedback.card = choice.card;
    feedback.outcomeTimestamp = QDateTime::currentDateTimeUtc();
    if (choice.accept) {
        feedback.outcome = core::FeedbackOutcome::Accepted;
        feedback.acceptedSuggestions = {choice.suggestion};
        return feedback;
    }
    feedback.outcome = core::FeedbackOutcome::Overridden;
    core::OverrideReason reason;
    if (!choice.reasonCode.isEmpty())
        reason.reason = core::Coding {choice.reasonCode, choice.reasonSystem, {}};
    reason.userComment = choice.comment;
    if (!reason.isEmpty())
        feedback.overrideReason = reason;
    return feedback;
}

std::optional<core::Feedback> feedbackFromCards(const QList<core::Card> &cards,
                                                const FeedbackChoice &choice, QString *error,
                                                QJsonArray *actions)
{
    FeedbackChoice resolved = choice;
    // A uuid, else the exact label / summary (case-insensitive), else a 1-based position: demo
    // services mint new uuids on every answer, so a script cannot know them in advance.
    auto names
        = [](const QString &wanted, const QString &uuid, const QString &label, int position) {
              if (!uuid.isEmpty() && uuid == wanted)
                  return 3;
              if (label.compare(wanted, Qt::CaseInsensitive) == 0)
                  return 2;
              return QString::number(position) == wanted ? 1 : 0;
          };
    if (choice.accept) {
        const core::Card *bestCard = nullptr;
        const core::Suggestion *best = nullptr;
        int bestScore = 0, position = 0;
        for (const auto &card : cards) {
            for (const auto &suggestion : card.suggestions) {
                const int score
                    = names(choice.suggestion, suggestion.uuid, suggestion.label, ++position);
                if (score > bestScore) {
                    bestScore = score;
                    best = &suggestion;
                    bestCard = &card;
                }
            }
        }
        if (best) {
            if (bestCard->uuid.isEmpty() || best->uuid.isEmpty()) {
                *error = u"suggestion '%1' or its card has no uuid, so feedback cannot name it "
                         u"(C21)"_s.arg(best->label);
                return std::nullopt;
            }
            resolved.card = bestCard->uuid;
            resolved.suggestion = best->uuid;
            if (actions) {
                for (const auto &action : best->actions)
                    actions->append(action.raw);
            }
            return feedbackFromIds(resolved);
        }
        QStringList known;
        for (const auto &card : cards)
            for (const auto &suggestion : card.suggestions)
                known.append(u"%1 (%2)"_s.arg(suggestion.uuid, suggestion.label));
        *error = u"no suggestion '%1' (uuid, label or number); the cards offer: %2"_s.arg(
            choice.suggestion, known.isEmpty() ? u"none"_s : known.join(u", "_s));
        return std::nullopt;
    }
    const core::Card *chosen = nullptr;
    int bestScore = 0, position = 0;
    for (const auto &card : cards) {
        const int score = names(choice.card, card.uuid, card.summary, ++position);
        if (score > bestScore) {
            bestScore = score;
            chosen = &card;
        }
    }
    if (chosen) {
        const core::Card &card = *chosen;
        if (card.uuid.isEmpty()) {
            *error = u"card '%1' has no uuid, so feedback cannot name it (C21)"_s.arg(card.summary);
            return std::nullopt;
        }
        resolved.card = card.uuid;
        for (const auto &coding : card.overrideReasons) {
            if (coding.code == choice.reasonCode && resolved.reasonSystem.isEmpty())
                resolved.reasonSystem = coding.system;
        }
        return feedbackFromIds(resolved);
    }
    QStringList known;
    for (const auto &card : cards)
        known.append(u"%1 (%2)"_s.arg(card.uuid, card.summary));
    *error = u"no card '%1' (uuid, summary or number); the cards are: %2"_s.arg(
        choice.card, known.isEmpty() ? u"none"_s : known.join(u", "_s));
    return std::nullopt;
}

} // namespace hb::scenario
