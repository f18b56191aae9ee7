// 3.0-ballot "simpler FHIRPath" for prefetch tokens: paths into context or into an earlier
// prefetch result (%key), ofType(), resolve(), and "|" unions. Deliberately small: no
// arithmetic, no where(), no indexers.
#include "core/prefetch.h"

#include <QJsonArray>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

using Collection = QList<QJsonValue>;

// Splits on `separator` outside parentheses.
QStringList splitTopLevel(const QString &text, QChar separator)
{
    QStringList parts;
    int depth = 0;
    QString current;
    for (const QChar c : text) {
        if (c == u'(')
            ++depth;
        else if (c == u')')
            --depth;
        if (c == separator && depth == 0) {
            parts.append(current.trimmed());
            current.clear();
        } else {
            current += c;
        }
    }
    parts.append(current.trimmed());
    return parts;
}

void appendFlattened(Collection *out, const QJsonValue &value)
{
    if (value.isArray()) {
        for (const QJsonValue &item : value.toArray())
            out->append(item);
    } else if (!value.isUndefined() && !value.isNull()) {
        out->append(value);
    }
}

// FHIR choice elements: "medication" also matches medicationReference / medicationCodeableConcept.
QJsonValue member(const QJsonObject &object, const QString &name)
{
    if (object.contains(name))
        return object.value(name);
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key().size() > name.size() && it.key().startsWith(name)
            && it.key().at(name.size()).isUpper())
            return it.value();
    }
    return {};
}

// Finds "Type/id" among the resources of every Bundle in context; falls back to a stub resource
// built from the reference, so ".resolve().id" still works for resources outside the context.
QJsonValue resolveReference(const QString &reference, const QJsonObject &context)
{
    for (const QJsonValue &value : context) {
        const QJsonObject bundle = value.toObject();
        if (bundle.value(u"resourceType"_s).toString() != u"Bundle")
            continue;
        for (const QJsonValue &entry : bundle.value(u"entry"_s).toArray()) {
            const QJsonObject resource = entry.toObject().value(u"resource"_s).toObject();
            const QString ref = resource.value(u"resourceType"_s).toString() + u'/'
                + resource.value(u"id"_s).toString();
            if (ref == reference || entry.toObject().value(u"fullUrl"_s).toString() == reference)
                return resource;
        }
    }
    const QStringList parts = reference.split(u'/');
    if (parts.size() < 2)
        return {};
    return QJsonObject {{u"resourceType"_s, parts.at(parts.size() - 2)}, {u"id"_s, parts.last()}};
}

bool step(const QString &segment, const QJsonObject &context, Collection *items)
{
    static const QRegularExpression name(u"^[A-Za-z_][A-Za-z0-9_]*$"_s);
    static const QRegularExpression ofType(u"^ofType\\(\\s*([A-Z][A-Za-z]*)\\s*\\)$"_s);
    Collection next;
    if (const auto match = ofType.match(segment); match.hasMatch()) {
        for (const QJsonValue &item : *items) {
            if (item.toObject().value(u"resourceType"_s).toString() == match.captured(1))
                next.append(item);
        }
    } else if (segment == u"resolve()") {
        for (const QJsonValue &item : *items) {
            const QString ref = item.isString() ? item.toString()
                                                : item.toObject().value(u"reference"_s).toString();
            if (!ref.isEmpty())
                appendFlattened(&next, resolveReference(ref, context));
        }
    } else if (name.match(segment).hasMatch()) {
        for (const QJsonValue &item : *items)
            appendFlattened(&next, member(item.toObject(), segment));
    } else {
        return false;
    }
    *items = next;
    return true;
}

} // namespace

QStringList evaluateContextPath(const QString &expression, const QJsonObject &context, bool *ok)
{
    return evaluatePrefetchPath(expression, context, {}, ok);
}

QStringList evaluatePrefetchPath(const QString &expression, const QJsonObject &context,
                                 const QJsonObject &prefetchResults, bool *ok)
{
    QStringList results;
    *ok = true;
    for (const QString &path : splitTopLevel(expression, u'|')) {
        const QStringList segments = splitTopLevel(path, u'.');
        const QString &root = segments.first();
        // "context.x..." walks the context; "%key.x..." walks an earlier prefetch read's result.
        const bool isVariable = root.startsWith(u'%') && root.size() > 1;
        if (segments.size() < 2 || (root != u"context" && !isVariable)) {
            *ok = false;
            return {};
        }
        Collection items;
        if (isVariable)
            appendFlattened(&items, prefetchResults.value(root.mid(1)));
        else
            items.append(context);
        for (qsizetype i = 1; i < segments.size(); ++i) {
            if (!step(segments.at(i), context, &items)) {
                *ok = false;
                return {};
            }
        }
        for (const QJsonValue &item : items) {
            if (item.isString())
                results.append(item.toString());
            else if (item.isDouble())
                results.append(QString::number(item.toDouble()));
            else if (item.isBool())
                results.append(item.toBool() ? u"true"_s : u"false"_s);
        }
    }
    return results;
}

} // namespace hb::core
