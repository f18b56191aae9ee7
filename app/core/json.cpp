#include "core/json.h"
#include "core/numbers.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>
#include <QSet>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

// One open object or array while scanning. Pointers are built only for a duplicate (rare), from
// the stack: building one per object and decoding every string cost more than Qt's own parse
// (callgrind on a 1,000-card response, BENCHMARKS.md).
struct Frame
{
    bool isObject = false;
    bool expectKey = false;
    qsizetype index = 0;
    QString currentKey;
    QSet<QString> keys;
};

// The index after the JSON string starting at bytes[i] == '"', or -1 when unterminated.
qsizetype skipString(const QByteArray &bytes, qsizetype i)
{
    const qsizetype n = bytes.size();
    const char *data = bytes.constData();
    for (++i; i < n; ++i) {
        if (data[i] == '"')
            return i + 1;
        if (data[i] == '\\')
            ++i;
    }
    return -1;
}

// Decodes the JSON string bytes[begin, end) (quotes included), so "a" and "\u0061" compare equal
// as keys.
QString decodeString(const QByteArray &bytes, qsizetype begin, qsizetype end)
{
    const QByteArrayView inner(bytes.constData() + begin + 1, end - begin - 2);
    if (!inner.contains('\\'))
        return QString::fromUtf8(inner);
    QString text;
    QByteArray pending; // raw UTF-8 run between escapes
    for (qsizetype i = 0; i < inner.size(); ++i) {
        const char c = inner.at(i);
        if (c != '\\' || i + 1 >= inner.size()) {
            pending += c;
            continue;
        }
        text += QString::fromUtf8(pending);
        pending.clear();
        const char e = inner.at(++i);
        switch (e) {
        case 'n':
            text += u'\n';
            break;
        case 't':
            text += u'\t';
            break;
        case 'r':
            text += u'\r';
            break;
        case 'b':
            text += u'\b';
            break;
        case 'f':
            text += u'\f';
            break;
        case 'u':
            if (i + 4 < inner.size()) {
                bool ok = false;
                text += QChar(inner.sliced(i + 1, 4).toByteArray().toUShort(&ok, 16));
                i += 4;
            }
            break;
        default:
            text += QLatin1Char(e);
            break;
        }
    }
    return text + QString::fromUtf8(pending);
}

// The JSON pointer of the member `key` of the innermost open object.
QString pointerOf(const QList<Frame> &stack, const QString &key)
{
    QString pointer;
    for (qsizetype level = 0; level + 1 < stack.size(); ++level) {
        const Frame &frame = stack.at(level);
        pointer = frame.isObject ? jsonPointerAppend(pointer, frame.currentKey)
                                 : jsonPointerAppend(pointer, frame.index);
    }
    return jsonPointerAppend(pointer, key);
}

// Iterative scan (no recursion, so deep input cannot exhaust the stack): nesting depth, string
// sizes and duplicate member names. Syntax errors are left to QJsonDocument's message.
QString scan(const QByteArray &bytes, const JsonLimits &limits, QStringList *duplicates)
{
    QList<Frame> stack;
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const char c = bytes.at(i);
        if (c == '{' || c == '[') {
            if (stack.size() >= limits.maxDepth)
                return u"JSON nesting is deeper than %1 levels (at byte %2)"_s.arg(
                    groupedNumber(limits.maxDepth), groupedNumber(i));
            Frame frame;
            frame.isObject = c == '{';
            frame.expectKey = frame.isObject;
            stack.append(frame);
            ++i;
        } else if (c == '}' || c == ']') {
            if (!stack.isEmpty())
                stack.removeLast();
            ++i;
        } else if (c == ',') {
            if (!stack.isEmpty()) {
                Frame &top = stack.last();
                if (top.isObject)
                    top.expectKey = true;
                else
                    ++top.index;
            }
            ++i;
        } else if (c == ':') {
            if (!stack.isEmpty())
                stack.last().expectKey = false;
            ++i;
        } else if (c == '"') {
            const qsizetype end = skipString(bytes, i);
            if (end < 0)
                return {}; // unterminated: QJsonDocument reports it
            if (end - i - 2 > limits.maxString)
                return u"a JSON string is longer than %1 bytes (at byte %2)"_s.arg(
                    groupedNumber(limits.maxString), groupedNumber(i));
            if (!stack.isEmpty() && stack.last().isObject && stack.last().expectKey) {
                Frame &top = stack.last();
                top.currentKey = decodeString(bytes, i, end);
                if (top.keys.contains(top.currentKey))
                    duplicates->append(pointerOf(stack, top.currentKey));
                else
                    top.keys.insert(top.currentKey);
                top.expectKey = false;
            }
            i = end;
        } else {
            ++i;
        }
    }
    return {};
}

} // namespace

JsonParseResult parseJsonObject(const QByteArray &bytes, const JsonLimits &limits)
{
    JsonParseResult result;
    if (bytes.size() > limits.maxBytes) {
        result.error = u"input is %1 bytes, more than the limit of %2 bytes"_s.arg(
            groupedNumber(bytes.size()), groupedNumber(limits.maxBytes));
        return result;
    }
    if (bytes.trimmed().isEmpty()) {
        result.error = u"input is empty, expected a JSON object"_s;
        return result;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder.decode(bytes);
    if (decoder.hasError()) {
        result.error = u"input is not valid UTF-8 (JSON must be UTF-8, RFC 8259 §8.1)"_s;
        return result;
    }
    if (const QString problem = scan(bytes, limits, &result.duplicateKeyPointers);
        !problem.isEmpty()) {
        result.error = problem;
        result.duplicateKeyPointers.clear();
        return result;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        result.error = u"not JSON: %1 at byte %2"_s.arg(parseError.errorString(),
                                                        groupedNumber(parseError.offset));
        result.duplicateKeyPointers.clear();
        return result;
    }
    if (!doc.isObject()) {
        result.error = u"the JSON text is %1, expected an object"_s.arg(
            doc.isArray() ? u"an array"_s : u"not an object"_s);
        result.duplicateKeyPointers.clear();
        return result;
    }
    result.object = doc.object();
    return result;
}

QString jsonPointerEscape(const QString &token)
{
    if (!token.contains(u'~') && !token.contains(u'/'))
        return token;
    QString out = token;
    out.replace(u'~', u"~0"_s);
    out.replace(u'/', u"~1"_s);
    return out;
}

QString jsonPointerAppend(const QString &base, const QString &token)
{
    QString out;
    out.reserve(base.size() + token.size() + 1);
    out += base;
    out += u'/';
    out += jsonPointerEscape(token);
    return out;
}

QString jsonPointerAppend(const QString &base, qsizetype index)
{
    return base + u'/' + QString::number(index);
}

QString jsonTypeName(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return u"null"_s;
    case QJsonValue::Bool:
        return u"a boolean"_s;
    case QJsonValue::Double:
        return u"a number"_s;
    case QJsonValue::String:
        return u"a string"_s;
    case QJsonValue::Array:
        return u"an array"_s;
    case QJsonValue::Object:
        return u"an object"_s;
    case QJsonValue::Undefined:
        break;
    }
    return u"absent"_s;
}

} // namespace hb::core
