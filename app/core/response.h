#pragma once

// A service's answer to a hook request (V1-V22): cards, systemActions, extension.
// Parsing is lenient (wrong types become empty values) and keeps the raw JSON beside every
// object; validateResponse() says what is wrong.
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace hb::core {

/// CDS Hooks' own Coding (V13, V14).
struct Coding
{
    QString code;
    QString system;
    QString display; ///< omitted when empty

    QJsonObject toJson() const;
    static Coding fromJson(const QJsonObject &json);
};

struct Source
{
    QString label;
    QUrl url;
    QUrl icon;
    std::optional<Coding> topic;
    QJsonObject extension;
    QJsonObject raw;
    static Source fromJson(const QJsonObject &json);
    /// Wire form: optional members omitted when empty (V2).
    QJsonObject toJson() const;
};

/// A card link (V16). type is "absolute" or "smart".
struct Link
{
    QString label;
    QUrl url;
    QString type;
    QString appContext;
    std::optional<bool> autolaunchable;
    QJsonObject extension;
    QJsonObject raw;
    static Link fromJson(const QJsonObject &json);
    /// Wire form: optional members omitted when empty (V2).
    QJsonObject toJson() const;
};

/// A suggestion action or a systemAction (V10-V12).
struct Action
{
    QString type; ///< "create", "update" or "delete"
    QString description;
    QJsonObject resource; ///< create/update: the whole resource
    /// delete: relative reference "Type/id". For the deprecated STU1 form (`resource` holding an
    /// id string) this is filled from that string and legacyResourceString is set.
    QString resourceId;
    bool legacyResourceString = false;
    QJsonObject extension;
    QJsonObject raw;
    static Action fromJson(const QJsonObject &json);
    /// Wire form: a legacy id string is written as resourceId (the 2.0 form).
    QJsonObject toJson() const;
};

struct Suggestion
{
    QString label;
    QString uuid;
    bool isRecommended = false;
    QList<Action> actions;
    QJsonObject extension;
    QJsonObject raw;
    static Suggestion fromJson(const QJsonObject &json);
    /// Wire form: optional members omitted when empty (V2).
    QJsonObject toJson() const;
};

enum class Indicator { Info, Warning, Critical, Unknown };

struct Card
{
    QString uuid;
    QString summary;
    QString detail;
    QString indicator; ///< as sent; see indicatorLevel()
    Source source;
    QList<Suggestion> suggestions;
    QString selectionBehavior; ///< "at-most-one", "any" or empty
    QList<Coding> overrideReasons;
    QList<Link> links;
    QJsonObject extension;
    QJsonObject raw;

    Indicator indicatorLevel() const;
    static Card fromJson(const QJsonObject &json);
    /// Wire form: optional members omitted when empty (V2).
    QJsonObject toJson() const;
};

/// The whole response body.
struct CdsResponse
{
    QList<Card> cards;
    QList<Action> systemActions;
    /// True when systemActions were read from the pre-2.0 place `extension.systemActions`
    /// (the sample pama-imaging service still sends them there; V21 warns).
    bool systemActionsFromLegacyExtension = false;
    QJsonObject extension;
    QJsonObject raw;

    static CdsResponse fromJson(const QJsonObject &json);
    /// Wire form, `cards` always present; systemActions at the top level (2.0), even when
    /// they were read from the legacy extension place.
    QJsonObject toJson() const;
};

} // namespace hb::core
