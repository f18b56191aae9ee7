// Source and link rules: V3 (source.label), V14 (topic Coding), V15 (absolute url/icon),
// V16 (link fields), V17 (appContext), V18 (autolaunchable type).
#include "core/validator_util.h"

using namespace Qt::StringLiterals;

namespace hb::core::detail {

namespace {

void checkAbsolute(Checker &check, const QJsonObject &object, const QString &key,
                   const QString &pointer, const QString &rule, const QString &what)
{
    const QString value = check.optionalString(object, key, pointer, rule, what);
    if (!value.isEmpty() && !isAbsoluteUrl(value))
        check.error(rule, jsonPointerAppend(pointer, key),
                    u"%1 must be an absolute http(s) URL, got \"%2\""_s.arg(what, value));
}

void checkLink(Checker &check, const QJsonValue &value, const QString &pointer)
{
    if (!value.isObject()) {
        check.error(u"V16"_s, pointer, u"each link must be an object"_s);
        return;
    }
    const QJsonObject link = value.toObject();
    check.requireString(link, u"label"_s, pointer, u"V16"_s, u"link.label"_s);
    const QString url = check.requireString(link, u"url"_s, pointer, u"V16"_s, u"link.url"_s);
    if (!url.isEmpty() && !isAbsoluteUrl(url))
        check.error(u"V16"_s, pointer + u"/url"_s,
                    u"link.url must be an absolute URL the browser can GET, got \"%1\""_s.arg(url));
    const QString type = check.requireString(link, u"type"_s, pointer, u"V16"_s, u"link.type"_s);
    if (!type.isEmpty() && type != u"absolute" && type != u"smart")
        check.error(u"V16"_s, pointer + u"/type"_s,
                    u"link.type must be absolute or smart, not \"%1\""_s.arg(type));
    const QJsonValue appContext = link.value(u"appContext"_s);
    if (!appContext.isUndefined()) {
        if (!appContext.isString())
            check.error(u"V17"_s, pointer + u"/appContext"_s,
                        u"appContext must be a string (escape JSON into it), not %1"_s.arg(
                            jsonTypeName(appContext)));
        if (type == u"absolute")
            check.error(u"V17"_s, pointer + u"/appContext"_s,
                        u"appContext is only allowed on smart links"_s);
    }
    const QJsonValue autolaunchable = link.value(u"autolaunchable"_s);
    if (!autolaunchable.isUndefined()) {
        if (!autolaunchable.isBool())
            check.error(u"V18"_s, pointer + u"/autolaunchable"_s,
                        u"autolaunchable must be a JSON boolean, not %1"_s.arg(
                            jsonTypeName(autolaunchable)));
        if (check.isV1())
            check.info(u"V18"_s, pointer + u"/autolaunchable"_s,
                       u"autolaunchable is not defined in CDS Hooks 1.0"_s);
    }
}

} // namespace

void checkSource(Checker &check, const QJsonObject &card, const QString &pointer)
{
    const QJsonValue value = card.value(u"source"_s);
    const QString where = pointer + u"/source"_s;
    if (value.isUndefined()) {
        check.error(u"V3"_s, where, u"card.source is required"_s);
        return;
    }
    if (!value.isObject()) {
        check.error(u"V3"_s, where,
                    u"card.source must be an object, not %1"_s.arg(jsonTypeName(value)));
        return;
    }
    const QJsonObject source = value.toObject();
    check.requireString(source, u"label"_s, where, u"V3"_s, u"source.label"_s);
    checkAbsolute(check, source, u"url"_s, where, u"V15"_s, u"source.url"_s);
    checkAbsolute(check, source, u"icon"_s, where, u"V15"_s, u"source.icon"_s);
    const QString icon = source.value(u"icon"_s).toString();
    if (!icon.isEmpty() && isAbsoluteUrl(icon)
        && !icon.section(u'?', 0, 0).endsWith(u".png"_s, Qt::CaseInsensitive))
        check.info(u"V15"_s, where + u"/icon"_s, u"source.icon should be a 100x100 PNG"_s);
    const QJsonValue topic = source.value(u"topic"_s);
    if (!topic.isUndefined()) {
        if (!topic.isObject()) {
            check.error(u"V14"_s, where + u"/topic"_s, u"source.topic must be a Coding object"_s);
        } else {
            check.requireString(topic.toObject(), u"code"_s, where + u"/topic"_s, u"V14"_s,
                                u"source.topic.code"_s);
            check.requireString(topic.toObject(), u"system"_s, where + u"/topic"_s, u"V14"_s,
                                u"source.topic.system"_s);
        }
    }
}

void checkLinks(Checker &check, const QJsonObject &card, const QString &pointer)
{
    const QJsonArray links
        = check.optionalArray(card, u"links"_s, pointer, u"V16"_s, u"card.links"_s);
    for (qsizetype i = 0; i < links.size(); ++i)
        checkLink(check, links.at(i), pointer + u"/links/%1"_s.arg(i));
}

} // namespace hb::core::detail
