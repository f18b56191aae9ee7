#pragma once

#include "core/feedback.h"

#include <QDateTime>

#include <optional>

namespace hb::ehr {

/// The feedback an EHR sends when the user accepts suggestion `suggestion` of `card` (C21):
/// nothing when the card or that suggestion has no uuid, since the service could not match it.
[[nodiscard]] std::optional<core::Feedback>
feedbackForAcceptance(const core::Card &card, int suggestion,
                      const QDateTime &when = QDateTime::currentDateTimeUtc());

/// The feedback for dismissing `card` (overridden), with the card's override reason number
/// `reasonIndex` (-1: none) and the user's comment (C21, C22). Nothing without a card uuid.
/// The overrideReason member is left out rather than sent empty.
[[nodiscard]] std::optional<core::Feedback>
feedbackForDismissal(const core::Card &card, int reasonIndex, const QString &comment,
                     const QDateTime &when = QDateTime::currentDateTimeUtc());

/// The line a card shows once its feedback POST ended: "feedback sent: HTTP 200", "no feedback
/// endpoint: HTTP 404", "feedback failed: HTTP 500 Internal Server Error" or, with no answer
/// (`httpStatus` 0), "feedback failed: " and the transport's `error`.
[[nodiscard]] QString feedbackStatusLine(int httpStatus, const QString &reason,
                                         const QString &error);
/// The line of a card whose accept/override sent nothing (no card or suggestion uuid, C21).
[[nodiscard]] QString feedbackNotSentLine();

} // namespace hb::ehr
