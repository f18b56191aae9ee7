#pragma once

// Feedback a client POSTs to {base}/cds-services/{id}/feedback (C21).
#include "core/response.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::core {

enum class FeedbackOutcome { Accepted, Overridden };

struct OverrideReason
{
    std::optional<Coding> reason; ///< one of the card's overrideReasons, if the user picked one
    QString userComment;

    bool isEmpty() const { return !reason && userComment.isEmpty(); }
    /// Never an empty object: callers omit an empty OverrideReason (C21).
    QJsonObject toJson() const;
};

struct Feedback
{
    QString card; ///< card.uuid
    FeedbackOutcome outcome = FeedbackOutcome::Accepted;
    QStringList acceptedSuggestions; ///< suggestion uuids; required for Accepted
    std::optional<OverrideReason> overrideReason; ///< omitted when absent or empty
    QDateTime outcomeTimestamp;
    QJsonObject extension;

    QJsonObject toJson() const;
    /// Lenient parse (for services receiving feedback); validateFeedback() reports problems.
    static Feedback fromJson(const QJsonObject &json);
};

/// "accepted" / "overridden".
QString feedbackOutcomeName(FeedbackOutcome outcome);
/// UTC, RFC 3339, with "Z" (e.g. 2021-12-11T10:05:31Z; milliseconds when not zero).
QString formatOutcomeTimestamp(const QDateTime &when);
/// `{"feedback": [...]}`: the body of one POST (one service per POST).
QJsonObject feedbackBody(const QList<Feedback> &items);
/// The items of a `{"feedback": [...]}` body (non-objects skipped).
QList<Feedback> parseFeedbackBody(const QJsonObject &body);

} // namespace hb::core
