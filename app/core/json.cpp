#include "core/json.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QList>
#include <QSet>
#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace hb::core {

namespace {

// One open object or array while scanning.
struct Frame
{
    bool isObject = false;
    bool expectKey = false;
    qsizetype index = 0;
    QString pointer;
    QString currentKey;
    QSet<QString> keys;
};

// Decodes the JSON string starting at bytes[i] == '"' (so "a" and "\u0061" compare equal as
// keys). Returns the index after the closing quote, or -1 when unterminated.
qsizetype readString(const QByteArray &bytes, qsizetype i, QString *out)
{
    QString text;
    QByteArray pending; // raw UTF-8 run between escapes
    const qsizetype n = bytes.size();
    ++i;
    while (i < n) {
        const char c = bytes.at(i);
        if (c == '"') {
            text += QString::fromUtf8(pending);
            *out = text;
            return i + 1;
        }
        if (c == '\\' && i + 1 < n) {
            text += QString::fromUtf8(pending);
            pending.clear();
            const char e = bytes.at(i + 1);
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
                if (i + 5 < n) {
                    bool ok = false;
                    text += QChar(bytes.mid(i + 2, 4).toUShort(&ok, 16));
                    i += 4;
                }
                break;
            default:
                text += QLatin1Char(e);
                break;
            }
            i += 2;
            continue;
        }
        pending += c;
        ++i;
    }
    return -1;
}

QString childPointer(const Frame &frame)
{
    return frame.isObject ? jsonPointerAppend(frame.pointer, frame.currentKey)
                          : jsonPointerAppend(frame.pointer, frame.index);
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
                return u"JSON nesting is deeper than %1 levels (at byte %2)"_s.arg(limits.maxDepth)
                    .arg(i);
            Frame frame;
            frame.isObject = c == '{';
            frame.expectKey = frame.isObject;
            frame.pointer = stack.isEmpty() ? QString() : childPointer(stack.last());
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
            QString text;
            const qsizetype end = readString(bytes, i, &text);
            if (end < 0)
                return {}; // unterminated: QJsonDocument reports it
            if (end - i - 2 > limits.maxString)
                return u"a JSON string is longer than %1 bytes (at byte %2)"_s.arg(limits.maxString)
                    .arg(i);
            if (!stack.isEmpty() && stack.last().isObject && stack.last().expectKey) {
                Frame &top = stack.last();
                top.currentKey = text;
                if (top.keys.contains(text))
                    duplicates->append(jsonPointerAppend(top.pointer, text));
                else
                    top.keys.insert(text);
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
        result.error = u"input is %1 bytes, more than the limit of %2 bytes"_s.arg(bytes.size())
                           .arg(limits.maxBytes);
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
        result.error
            = u"not JSON: %1 at byte %2"_s.arg(parseError.errorString()).arg(parseError.offset);
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
    QString out = token;
    out.replace(u'~', u"~0"_s);
    out.replace(u'/', u"~1"_s);
    return out;
}

QString jsonPointerAppend(const QString &base, const QString &token)
{
    return base + u'/' + jsonPointerEscape(token);
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
