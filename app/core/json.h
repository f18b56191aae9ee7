#pragma once

// Strict, bounded JSON parsing at the edge: every byte that comes from a service, a file or a
// user goes through parseJsonObject() before it becomes a typed struct.
#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

namespace hb::core {

/// Caps that keep hostile input from exhausting memory or the stack.
struct JsonLimits
{
    qsizetype maxBytes = 8 * 1024 * 1024; ///< whole document
    int maxDepth = 64; ///< nesting of objects and arrays
    qsizetype maxString = 1024 * 1024; ///< one string (key or value), in bytes as sent
};

/// Result of parseJsonObject(): either an object or a one-line error.
struct JsonParseResult
{
    QJsonObject object;
    QString error; ///< empty on success; says what was wrong and where
    /// JSON pointers (RFC 6901) of members whose name appears twice in the same object.
    /// QJsonDocument silently keeps the last one; other parsers keep the first.
    QStringList duplicateKeyPointers;
    bool ok() const { return error.isEmpty(); }
};

/// Parses `bytes` as one JSON object. Rejects: more than limits.maxBytes, invalid UTF-8, syntax
/// errors, nesting deeper than limits.maxDepth, strings longer than limits.maxString and a top
/// level that is not an object. Duplicate member names are reported, not rejected.
JsonParseResult parseJsonObject(const QByteArray &bytes, const JsonLimits &limits = {});

/// Escapes one reference token for a JSON pointer (RFC 6901: "~" -> "~0", "/" -> "~1").
QString jsonPointerEscape(const QString &token);
/// `base` + "/" + escaped `token`.
QString jsonPointerAppend(const QString &base, const QString &token);
/// `base` + "/" + `index`.
QString jsonPointerAppend(const QString &base, qsizetype index);
/// "string", "number", "boolean", "null", "array", "object" or "undefined", for messages.
QString jsonTypeName(const QJsonValue &value);

} // namespace hb::core
