#include "core/validator_util.h"

#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace hb::core::detail {

void Checker::error(const QString &rule, const QString &pointer, const QString &message)
{
    m_out->append({rule, Severity::Error, pointer, message});
}

void Checker::warning(const QString &rule, const QString &pointer, const QString &message)
{
    m_out->append({rule, Severity::Warning, pointer, message});
}

void Checker::info(const QString &rule, const QString &pointer, const QString &message)
{
    m_out->append({rule, Severity::Info, pointer, message});
}

QString Checker::requireString(const QJsonObject &object, const QString &key,
                               const QString &pointer, const QString &rule, const QString &what)
{
    const QString where = jsonPointerAppend(pointer, key);
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        error(rule, where, u"%1 is required"_s.arg(what));
        return {};
    }
    if (!value.isString()) {
        error(rule, where, u"%1 must be a string, not %2"_s.arg(what, jsonTypeName(value)));
        return {};
    }
    // STU1: required strings must not be blank; STU2's "no empty strings" is checked by V2.
    if (isV1() && !value.toString().isEmpty() && value.toString().trimmed().isEmpty())
        error(rule, where, u"%1 must not be blank (1.0)"_s.arg(what));
    return value.toString();
}

QString Checker::optionalString(const QJsonObject &object, const QString &key,
                                const QString &pointer, const QString &rule, const QString &what)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        error(rule, jsonPointerAppend(pointer, key),
              u"%1 must be a string, not %2"_s.arg(what, jsonTypeName(value)));
        return {};
    }
    return value.toString();
}

QJsonArray Checker::optionalArray(const QJsonObject &object, const QString &key,
                                  const QString &pointer, const QString &rule, const QString &what)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        error(rule, jsonPointerAppend(pointer, key),
              u"%1 must be an array, not %2"_s.arg(what, jsonTypeName(value)));
        return {};
    }
    return value.toArray();
}

namespace {

// Whether checkNoNullOrEmpty can report anything under `value`: scalars other than null and ""
// cannot, so the walk builds no JSON pointer for them (one per member was most of its cost in
// callgrind on a 1,000-card response, BENCHMARKS.md).
bool mayHoldNullOrEmpty(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Bool:
    case QJsonValue::Double:
        return false;
    case QJsonValue::String:
        return value.toString().isEmpty();
    default:
        return true;
    }
}

} // namespace

void Checker::checkNoNullOrEmpty(const QJsonValue &value, const QString &pointer,
                                 const QStringList &allowEmpty, const QStringList &skipKeys)
{
    const bool allowed = allowEmpty.contains(pointer);
    if (value.isNull()) {
        error(u"V2"_s, pointer, u"members must not be null: omit an optional member instead"_s);
    } else if (value.isString() && value.toString().isEmpty() && !allowed) {
        error(u"V2"_s, pointer, u"members must not be empty strings: omit them instead"_s);
    } else if (value.isArray()) {
        const QJsonArray array = value.toArray();
        if (array.isEmpty() && !allowed)
            error(u"V2"_s, pointer,
                  u"arrays must not be empty unless the spec allows it: omit"
                  u" the member instead"_s);
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue item = array.at(i);
            if (mayHoldNullOrEmpty(item))
                checkNoNullOrEmpty(item, jsonPointerAppend(pointer, i), allowEmpty, skipKeys);
        }
    } else if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.isEmpty() && !allowed)
            error(u"V2"_s, pointer, u"objects must not be empty: omit the member instead"_s);
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!mayHoldNullOrEmpty(it.value()))
                continue;
            const QString where = jsonPointerAppend(pointer, it.key());
            if (!skipKeys.contains(it.key()))
                checkNoNullOrEmpty(it.value(), where, allowEmpty, skipKeys);
            else if (it.value().isNull()
                     || (it.value().isObject() && it.value().toObject().isEmpty()))
                checkNoNullOrEmpty(it.value(), where, allowEmpty, skipKeys); // shallow only
        }
    }
}

void Checker::checkExtensions(const QJsonValue &value, const QString &pointer,
                              const QStringList &skipKeys)
{
    static const QRegularExpression reverseDns(u"^[A-Za-z0-9-]+(\\.[A-Za-z0-9_-]+)+$"_s);
    if (value.isArray()) {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonValue item = array.at(i);
            if (item.isObject() || item.isArray())
                checkExtensions(item, jsonPointerAppend(pointer, i), skipKeys);
        }
        return;
    }
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it) {
        // Only objects, arrays and `extension` members can hold a finding: leaves need no pointer.
        const bool isExtension = it.key() == u"extension";
        if (!isExtension && !it.value().isObject() && !it.value().isArray())
            continue;
        const QString where = jsonPointerAppend(pointer, it.key());
        if (isExtension) {
            if (!it.value().isObject()) {
                error(u"V22"_s, where,
                      u"extension must be a JSON object, not %1"_s.arg(jsonTypeName(it.value())));
                continue;
            }
            const QJsonObject extension = it.value().toObject();
            for (auto member = extension.begin(); member != extension.end(); ++member) {
                // The pre-2.0 systemActions location has its own V21 warning.
                if (member.key() == u"systemActions" && pointer.isEmpty())
                    continue;
                if (!reverseDns.match(member.key()).hasMatch())
                    warning(u"V22"_s, jsonPointerAppend(where, member.key()),
                            u"extension member names should be globally unique, e.g. reverse-DNS"
                            u" \"com.example.%1\""_s.arg(member.key()));
            }
        } else if (!skipKeys.contains(it.key())
                   && (it.value().isObject() || it.value().isArray())) {
            checkExtensions(it.value(), where, skipKeys);
        }
    }
}

bool isAbsoluteUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.isRelative() && !url.host().isEmpty()
        && (url.scheme() == u"https" || url.scheme() == u"http");
}

bool isRelativeReference(const QString &text)
{
    static const QRegularExpression pattern(u"^[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}$"_s);
    return pattern.match(text).hasMatch();
}

bool isUuid(const QString &text)
{
    static const QRegularExpression pattern(
        u"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"_s);
    return pattern.match(text).hasMatch();
}

} // namespace hb::core::detail
