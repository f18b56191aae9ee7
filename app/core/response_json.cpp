// Serialisation of the response model (services in tests and the demo servers build cards with
// these). Optional members are omitted when empty, never sent as null, "", [] or {}.
#include "core/response.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

void putString(QJsonObject *json, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        json->insert(key, value);
}

void putUrl(QJsonObject *json, const QString &key, const QUrl &value)
{
    if (!value.isEmpty())
        json->insert(key, value.toString(QUrl::FullyEncoded));
}

void putObject(QJsonObject *json, const QString &key, const QJsonObject &value)
{
    if (!value.isEmpty())
        json->insert(key, value);
}

template<typename T> void putList(QJsonObject *json, const QString &key, const QList<T> &items)
{
    if (items.isEmpty())
        return;
    QJsonArray array;
    for (const T &item : items)
        array.append(item.toJson());
    json->insert(key, array);
}

} // namespace

QJsonObject Source::toJson() const
{
    QJsonObject json {{u"label"_s, label}};
    putUrl(&json, u"url"_s, url);
    putUrl(&json, u"icon"_s, icon);
    if (topic)
        json.insert(u"topic"_s, topic->toJson());
    putObject(&json, u"extension"_s, extension);
    return json;
}

QJsonObject Link::toJson() const
{
    QJsonObject json {{u"label"_s, label}, {u"type"_s, type}};
    putUrl(&json, u"url"_s, url);
    putString(&json, u"appContext"_s, appContext);
    if (autolaunchable)
        json.insert(u"autolaunchable"_s, *autolaunchable);
    putObject(&json, u"extension"_s, extension);
    return json;
}

QJsonObject Action::toJson() const
{
    QJsonObject json {{u"type"_s, type}};
    putString(&json, u"description"_s, description);
    putObject(&json, u"resource"_s, resource);
    putString(&json, u"resourceId"_s, resourceId);
    putObject(&json, u"extension"_s, extension);
    return json;
}

QJsonObject Suggestion::toJson() const
{
    QJsonObject json {{u"label"_s, label}};
    putString(&json, u"uuid"_s, uuid);
    if (isRecommended)
        json.insert(u"isRecommended"_s, true);
    putList(&json, u"actions"_s, actions);
    putObject(&json, u"extension"_s, extension);
    return json;
}

QJsonObject Card::toJson() const
{
    QJsonObject json {
        {u"summary"_s, summary}, {u"indicator"_s, indicator}, {u"source"_s, source.toJson()}};
    putString(&json, u"uuid"_s, uuid);
    putString(&json, u"detail"_s, detail);
    putList(&json, u"suggestions"_s, suggestions);
    putString(&json, u"selectionBehavior"_s, selectionBehavior);
    putList(&json, u"overrideReasons"_s, overrideReasons);
    putList(&json, u"links"_s, links);
    putObject(&json, u"extension"_s, extension);
    return json;
}

QJsonObject CdsResponse::toJson() const
{
    QJsonArray cardArray;
    for (const Card &card : cards)
        cardArray.append(card.toJson());
    QJsonObject json {{u"cards"_s, cardArray}};
    putList(&json, u"systemActions"_s, systemActions);
    QJsonObject ext = extension;
    if (systemActionsFromLegacyExtension)
        ext.remove(u"systemActions"_s);
    putObject(&json, u"extension"_s, ext);
    return json;
}

} // namespace hb::core
