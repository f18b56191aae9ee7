#pragma once

// A scenario file (docs/scenario.schema.json): named steps, each a hook call with expectations,
// optionally followed by feedback (accept a suggestion, override a card). Steps share one EHR
// state, so order-select -> accept -> order-sign works as in the app.
#include "scenario/callsetup.h"
#include "storage/workspace.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::scenario {

/// A count that may be exact or a range.
struct CountRange
{
    int min = 0;
    int max = -1; ///< -1: no upper bound
    [[nodiscard]] bool contains(qsizetype n) const { return n >= min && (max < 0 || n <= max); }
    [[nodiscard]] QString describe() const;
};

struct Expectations
{
    std::optional<bool> sent; ///< default true: the request passed Hookbench's own validator
    std::optional<int> status; ///< default 200 (unless a JWT fault is expected to be rejected)
    std::optional<CountRange> cards;
    QStringList indicators; ///< each must be the indicator of some card
    QString summary; ///< regular expression some card summary must match
    std::optional<QString> suggestion; ///< regex some suggestion label must match ("" = any)
    /// No validation error in the response, except for errors with these rule ids.
    std::optional<QStringList> allowedRules;
    /// pass, pass-with-warning, fail, "ok" (pass or pass-with-warning) or not-checked (no
    /// browser emulation)
    QString cors;
    std::optional<double> p95Ms; ///< latency budget over the step's repetitions
    std::optional<bool> jwtRejected; ///< with a JWT fault: the service answered 401
    QStringList read; ///< resource types the service read with its token
    QStringList notRead; ///< resource types it must not have read
};

/// Feedback after the call: accept the suggestion whose label matches `suggestion` on the first
/// card whose summary matches `card`, or override that card with `reason` (a code of the card's
/// overrideReasons, or any code).
struct FeedbackStep
{
    enum class Kind { Accept, Override } kind = Kind::Accept;
    QString card; ///< regex on the card summary; empty = the first card
    QString suggestion; ///< regex on the suggestion label; empty = the first suggestion
    QString reason; ///< override reason code
    QString comment;
};

struct Step
{
    QString name;
    CallSpec call;
    int repeat = 1;
    Expectations expect;
    std::optional<FeedbackStep> feedback;
};

struct Scenario
{
    QString name;
    QString description;
    QString file; ///< where it was loaded from
    QString workspace; ///< a workspace file the scenario names (relative to the scenario)
    QList<Step> steps;
};

/// Parses a scenario document. Paths in it (draftOrdersFile, contextFile, workspace) are
/// relative to `baseDir`. Every problem is reported with its JSON pointer; nullopt when any.
/// With a `workspace`, each step also takes the members the workspace gives its service
/// (workspacecall.h) where neither the step nor the defaults set them.
[[nodiscard]] std::optional<Scenario> parseScenario(const QJsonObject &json, const QString &baseDir,
                                                    QStringList *problems,
                                                    const storage::Workspace *workspace = nullptr);
/// Reads and parses a scenario file (capped at 4 MiB). The scenario's own "workspace" member
/// wins over `workspace` (hookbench-cli run --workspace).
[[nodiscard]] std::optional<Scenario> loadScenario(const QString &path, QStringList *problems,
                                                   const storage::Workspace *workspace = nullptr);

/// Reads a JSON object from a file (capped), "path: reason" on failure.
[[nodiscard]] std::optional<QJsonObject> readJsonObjectFile(const QString &path, QString *error);

} // namespace hb::scenario
