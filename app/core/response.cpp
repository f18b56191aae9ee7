#include "core/response.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

QUrl urlValue(const QJsonValue &value)
{
    const QString text = value.toString();
    return text.isEmpty() ? QUrl() : QUrl(text, QUrl::StrictMode);
}

template<typename T> QList<T> listOf(const QJsonValue &value)
{
    QList<T> items;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (item.isObject())
            items.append(T::fromJson(item.toObject()));
    }
    return items;
}

} // namespace

QJsonObject Coding::toJson() const
{
    QJsonObject json {{u"code"_s, code}, {u"system"_s, system}};
    if (!display.isEmpty())
        json.insert(u"display"_s, display);
    return json;
}

Coding Coding::fromJson(const QJsonObject &json)
{
    return Coding {json.value(u"code"_s).toString(), json.value(u"system"_s).toString(),
                   json.value(u"display"_s).toString()};
}

Source Source::fromJson(const QJsonObject &json)
{
    Source source;
    source.label = json.value(u"label"_s).toString();
    source.url = urlValue(json.value(u"url"_s));
    source.icon = urlValue(json.value(u"icon"_s));
    if (json.value(u"topic"_s).isObject())
        source.topic = Coding::fromJson(json.value(u"topic"_s).toObject());
    source.extension = json.value(u"extension"_s).toObject();
    source.raw = json;
    return source;
}

Link Link::fromJson(const QJsonObject &json)
{
    Link link;
    link.label = json.value(u"label"_s).toString();
    link.url = urlValue(json.value(u"url"_s));
    link.type = json.value(u"type"_s).toString();
    link.appContext = json.value(u"appContext"_s).toString();
    if (json.value(u"autolaunchable"_s).isBool())
        link.autolaunchable = json.value(u"autolaunchable"_s).toBool();
    link.extension = json.value(u"extension"_s).toObject();
    link.raw = json;
    return link;
}

Action Action::fromJson(const QJsonObject &json)
{
    Action action;
    action.type = json.value(u"type"_s).toString();
    action.description = json.value(u"description"_s).toString();
    const QJsonValue resource = json.value(u"resource"_s);
    action.resource = resource.toObject();
    action.resourceId = json.value(u"resourceId"_s).toString();
    if (resource.isString() && action.resourceId.isEmpty()) {
        action.resourceId = resource.toString();
        action.legacyResourceString = true;
    }
    action.extension = json.value(u"extension"_s).toObject();
    action.raw = json;
    return action;
}

Suggestion Suggestion::fromJson(const QJsonObject &json)
{
    Suggestion suggestion;
    suggestion.label = json.value(u"label"_s).toString();
    suggestion.uuid = json.value(u"uuid"_s).toString();
    suggestion.isRecommended = json.value(u"isRecommended"_s).toBool();
    suggestion.actions = listOf<Action>(json.value(u"actions"_s));
    suggestion.extension = json.value(u"extension"_s).toObject();
    suggestion.raw = json;
    return suggestion;
}

Indicator Card::indicatorLevel() const
{
    if (indicator == u"info")
        return Indicator::Info;
    if (indicator == u"warning")
        return Indicator::Warning;
    if (indicator == u"critical")
        return Indicator::Critical;
    return Indicator::Unknown;
}

Card Card::fromJson(const QJsonObject &json)
{
    Card card;
    card.uuid = json.value(u"uuid"_s).toString();
    card.summary = json.value(u"summary"_s).toString();
    card.detail = json.value(u"detail"_s).toString();
    card.indicator = json.value(u"indicator"_s).toString();
    card.source = Source::fromJson(json.value(u"source"_s).toObject());
    card.suggestions = listOf<Suggestion>(json.value(u"suggestions"_s));
    card.selectionBehavior = json.value(u"selectionBehavior"_s).toString();
    card.overrideReasons = listOf<Coding>(json.value(u"overrideReasons"_s));
    card.links = listOf<Link>(json.value(u"links"_s));
    card.extension = json.value(u"extension"_s).toObject();
    card.raw = json;
    return card;
}

CdsResponse CdsResponse::fromJson(const QJsonObject &json)
{
    CdsResponse response;
    response.cards = listOf<Card>(json.value(u"cards"_s));
    response.extension = json.value(u"extension"_s).toObject();
    if (json.contains(u"systemActions"_s)) {
        response.systemActions = listOf<Action>(json.value(u"systemActions"_s));
    } else if (response.extension.value(u"systemActions"_s).isArray()) {
        response.systemActions = listOf<Action>(response.extension.value(u"systemActions"_s));
        response.systemActionsFromLegacyExtension = true;
    }
    response.raw = json;
    return response;
}

} // namespace hb::core
