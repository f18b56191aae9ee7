#pragma once

// Feedback named by ids on the command line (fire --accept / --override, the feedback command):
// which card, which suggestion or which override reason.
#include "core/feedback.h"

#include <QJsonArray>

#include <optional>

namespace hb::scenario {

struct FeedbackChoice
{
    bool accept = true;
    QString card; ///< card uuid (override; accept may leave it empty)
    QString suggestion; ///< suggestion uuid (accept)
    QString reasonCode; ///< override reason code
    QString reasonSystem;
    QString comment;
};

/// The feedback for a card and suggestion the caller names by uuid, without the card at hand.
[[nodiscard]] core::Feedback feedbackFromIds(const FeedbackChoice &choice);

/// The feedback for `choice` against the cards a call returned: the suggestion or card (named by
/// uuid, else exact label / summary, else 1-based number) must be there (else nullopt with
/// `error`); an override reason code the card offers carries its system.
/// `actions` receives the accepted suggestion's actions.
[[nodiscard]] std::optional<core::Feedback> feedbackFromCards(const QList<core::Card> &cards,
                                                              const FeedbackChoice &choice,
                                                              QString *error,
                                                              QJsonArray *actions = nullptr);

} // namespace hb::scenario
