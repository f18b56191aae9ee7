#pragma once

// What the exchange inspector shows, prepared as plain JSON so the QML views only lay it out:
// header tables, bodies as foldable syntax-coloured JSON lines, the CORS verdict with the rule it
// broke, the client JWT check by check (and whether the service accepted a faulty one), the
// findings with their rule text from docs/rules.md, the prefetch trace and access audit of a
// hook call, and the timing phases. Secrets are redacted as in every export.
#include "net/exchangelog.h"

#include <QJsonArray>
#include <QJsonObject>

namespace hb::net {

/// One line of a pretty-printed JSON document. `html` is the line coloured with <span>s
/// (escaped text); `end` is the index of the line that closes the object or array this line
/// opens (the same index when it opens none), so a view can fold [index+1, end].
struct JsonLine
{
    int depth = 0;
    QString html;
    QString text;
    int end = 0;
};

/// Pretty-printed lines of a JSON value (objects keep their keys' order as Qt stores them).
QList<JsonLine> jsonLines(const QJsonValue &value);
QJsonArray jsonLinesToJson(const QList<JsonLine> &lines);

/// {title, kind, request{startLine, headers[], body{}}, response{...}, cors{}, jwt{}, findings[],
///  prefetch[], audit[], timings{}, curl}. `jwks` verifies the client JWT's signature (empty:
///  the signature check says it was not verified).
QJsonObject inspectorView(const Exchange &exchange, const QJsonObject &jwks = {});

/// The CORS rule id (docs/rules.md) a failing stage breaks: CORS4 preflight, CORS6 actual,
/// CORS7 redirect, CORS9 network, CORS10 mixed content / local network; "" when it passed.
QString corsRuleFor(const CorsEvaluation &evaluation);

} // namespace hb::net
