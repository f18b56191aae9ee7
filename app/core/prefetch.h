#pragma once

// Prefetch (C7, C8, V25): template parsing, token resolution into relative FHIR queries, and what
// to send for each key once the query ran. Pure functions: running the queries is net's job.
#include <QDate>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <variant>

namespace hb::core {

/// The current user as the four STU2 user tokens see it.
struct PrefetchUser
{
    QString practitionerId;
    QString practitionerRoleId;
    QString patientId;
    QString relatedPersonId;

    /// Derives the matching token from a `userId` reference ("PractitionerRole/7" -> role id).
    static PrefetchUser fromUserId(const QString &userId);
};

/// all: every template; none: send no prefetch; chosen: only `chosenKeys` (lets a developer
/// exercise the service's fallback path for the others).
enum class PrefetchMode { All, None, Chosen };

struct PrefetchOptions
{
    PrefetchMode mode = PrefetchMode::All;
    QStringList chosenKeys;
    /// 3.0-ballot extras: today() arithmetic and paths into context with ofType()/resolve().
    bool ballot3Extras = false;
    QDate today; ///< for today(); invalid = the current local date
    /// 3.0-ballot %key variables: results of earlier prefetch reads by key. A template using
    /// %key is omitted (AbsentValue) until its key is here; re-plan it after running the reads.
    QJsonObject prefetchResults;
};

enum class TokenKind {
    ContextField, ///< {{context.patientId}} (STU2)
    UserPractitionerId,
    UserPractitionerRoleId,
    UserPatientId,
    UserRelatedPersonId,
    Today, ///< {{today()}}, {{today() - 90 days}} (3.0-ballot)
    ContextPath, ///< {{context.draftOrders.entry.resource.ofType(X).id}} (3.0-ballot)
    PrefetchVariable, ///< {{%encounter.x}} (3.0-ballot, experimental; see prefetchResults)
    Unknown,
};

struct PrefetchToken
{
    QString expression; ///< between the braces, trimmed
    qsizetype start = 0; ///< offset of "{{" in the template
    qsizetype length = 0; ///< through "}}"
    TokenKind kind = TokenKind::Unknown;
    bool requiresBallot3() const;
};

struct ParsedTemplate
{
    QList<PrefetchToken> tokens;
    QString error; ///< e.g. an unclosed "{{"; empty when fine
    bool isRead = false; ///< "Type/id" (or a whole-template token), else a search
};

ParsedTemplate parsePrefetchTemplate(const QString &templateText);

struct PrefetchResolved
{
    QString query; ///< relative FHIR URL, token values percent-encoded
    bool isRead = false;
};

enum class OmitReason {
    ModeNone, ///< mode none
    NotChosen, ///< mode chosen and the key was not chosen
    InvalidTemplate, ///< braces do not balance
    AbsentValue, ///< the context field or user token has no value (e.g. no encounterId)
    NotAToken, ///< the hook marks the field "Prefetch Token: No", or it is not a primitive
    NeedsBallot3, ///< a 3.0-ballot token while the extras are off
    UnsupportedToken, ///< unknown token, or a %variable
};

struct PrefetchOmitted
{
    OmitReason reason = OmitReason::UnsupportedToken;
    QString message; ///< one line for the log: which token and why
};

/// What the client will do for one prefetch key before any query runs.
struct PrefetchPlanEntry
{
    QString key;
    QString templateText;
    std::variant<PrefetchResolved, PrefetchOmitted> outcome;

    bool isResolved() const { return std::holds_alternative<PrefetchResolved>(outcome); }
    const PrefetchResolved *resolved() const { return std::get_if<PrefetchResolved>(&outcome); }
    const PrefetchOmitted *omitted() const { return std::get_if<PrefetchOmitted>(&outcome); }
};

/// Resolves every template of one service (keys in sorted order). Only top-level primitive
/// context fields the hook marks as tokens and the four user tokens resolve in STU2; a
/// template with any unresolvable token is omitted, never sent with an empty value (C8).
QList<PrefetchPlanEntry> planPrefetch(const QMap<QString, QString> &templates, const QString &hook,
                                      const QJsonObject &context, const PrefetchUser &user,
                                      const PrefetchOptions &options = {});

/// 3.0-ballot path evaluation into context ("context.a.b.ofType(T).resolve().id", "|" unions).
/// Returns the primitive results as strings; `ok` is false on a syntax error.
QStringList evaluateContextPath(const QString &expression, const QJsonObject &context, bool *ok);
/// The same, where a path may also start at "%key": the value of prefetchResults[key].
QStringList evaluatePrefetchPath(const QString &expression, const QJsonObject &context,
                                 const QJsonObject &prefetchResults, bool *ok);

enum class PrefetchOutcomeKind { Resource, Null, OperationOutcome, Omitted };

/// What is sent for one key after its query ran (or did not).
struct PrefetchOutcome
{
    QString key;
    PrefetchOutcomeKind kind = PrefetchOutcomeKind::Omitted;
    QJsonValue value; ///< the resource, Bundle, null or OperationOutcome; undefined when omitted
    QString reason; ///< why it was omitted, or which HTTP status made it null/OperationOutcome
};

/// C7: the prefetch value for a query result. httpStatus 0 = no answer (connection
/// failed, timed out). Returns:
/// - 2xx with a resource: that resource (a search's Bundle, even with zero entries);
/// - 2xx without a body, or a read answered 404/410: null ("no data");
/// - any other 4xx/5xx: the body when it is an OperationOutcome, else a synthesized
///   OperationOutcome naming the status (so the service need not re-query);
/// - no answer, or a 2xx body that is not a FHIR resource: undefined, i.e. omit the key.
QJsonValue prefetchValueFor(int httpStatus, const QJsonObject &body, bool isRead);

/// prefetchValueFor() for one plan entry; omitted entries stay omitted.
PrefetchOutcome prefetchOutcome(const PrefetchPlanEntry &entry, int httpStatus,
                                const QJsonObject &body);
PrefetchOutcome omittedOutcome(const PrefetchPlanEntry &entry);
/// The request's `prefetch` member: every non-omitted key (may be empty: then omit it, C7).
QJsonObject assemblePrefetch(const QList<PrefetchOutcome> &outcomes);

} // namespace hb::core
