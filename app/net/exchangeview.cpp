#include "net/exchangeview.h"

#include "core/rulesreference.h"
#include "net/har.h"
#include "net/timingphases.h"
#include "security/faultverdict.h"
#include "security/jwtinspector.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

// Colours come from the theme in QML; the spans only name the token class.
QString span(const QString &cls, const QString &text)
{
    return u"<span class=\"%1\">%2</span>"_s.arg(cls, text.toHtmlEscaped());
}

QString scalarHtml(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::String:
        return span(u"string"_s,
                    QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact))
                        .mid(1)
                        .chopped(1));
    case QJsonValue::Double:
        return span(u"number"_s, QString::number(v.toDouble(), 'g', 17));
    case QJsonValue::Bool:
        return span(u"literal"_s, v.toBool() ? u"true"_s : u"false"_s);
    default:
        return span(u"literal"_s, u"null"_s);
    }
}

QString scalarText(const QJsonValue &v)
{
    if (v.isString())
        return QString::fromUtf8(QJsonDocument(QJsonArray {v}).toJson(QJsonDocument::Compact))
            .mid(1)
            .chopped(1);
    if (v.isDouble())
        return QString::number(v.toDouble(), 'g', 17);
    if (v.isBool())
        return v.toBool() ? u"true"_s : u"false"_s;
    return u"null"_s;
}

void appendLines(QList<JsonLine> &out, const QJsonValue &value, int depth, const QString &keyHtml,
                 const QString &keyText, bool comma)
{
    const QString tail = comma ? u","_s : QString();
    if (!value.isObject() && !value.isArray()) {
        const int index = int(out.size());
        out.append(
            {depth, keyHtml + scalarHtml(value) + tail, keyText + scalarText(value) + tail, index});
        return;
    }
    const bool isObject = value.isObject();
    const QString open = isObject ? u"{"_s : u"["_s;
    const QString close = isObject ? u"}"_s : u"]"_s;
    const qsizetype count = isObject ? value.toObject().size() : value.toArray().size();
    const int index = int(out.size());
    if (count == 0) {
        out.append({depth, keyHtml + open + close + tail, keyText + open + close + tail, index});
        return;
    }
    out.append({depth, keyHtml + open, keyText + open, index});
    if (isObject) {
        const QJsonObject object = value.toObject();
        qsizetype i = 0;
        for (auto it = object.begin(); it != object.end(); ++it, ++i) {
            const QString key
                = QString::fromUtf8(
                      QJsonDocument(QJsonArray {it.key()}).toJson(QJsonDocument::Compact))
                      .mid(1)
                      .chopped(1);
            appendLines(out, *it, depth + 1, span(u"key"_s, key) + u": "_s, key + u": "_s,
                        i + 1 < count);
        }
    } else {
        const QJsonArray array = value.toArray();
        for (qsizetype i = 0; i < array.size(); ++i)
            appendLines(out, array.at(i), depth + 1, {}, {}, i + 1 < count);
    }
    out.append({depth, close + tail, close + tail, int(out.size())});
    out[index].end = int(out.size()) - 1;
}

QJsonArray headerTable(const HeaderLines &headers)
{
    QJsonArray rows;
    for (const auto &line : redactHeaders(headers))
        rows.append(QJsonObject {{u"name"_s, QString::fromLatin1(line.name)},
                                 {u"value"_s, QString::fromUtf8(line.value)}});
    return rows;
}

QJsonObject bodyView(const QByteArray &raw, qint64 size, bool truncated)
{
    QJsonObject out {
        {u"present"_s, !raw.isEmpty()}, {u"size"_s, size}, {u"truncated"_s, truncated}};
    if (raw.isEmpty())
        return out;
    const QByteArray body = redactBody(raw);
    QJsonParseError error;
    const QJsonDocument json = QJsonDocument::fromJson(body, &error);
    const bool isJson = error.error == QJsonParseError::NoError && !json.isNull();
    out.insert(u"json"_s, isJson);
    if (isJson) {
        const QJsonValue root
            = json.isObject() ? QJsonValue(json.object()) : QJsonValue(json.array());
        out.insert(u"lines"_s, jsonLinesToJson(jsonLines(root)));
        out.insert(u"text"_s, QString::fromUtf8(json.toJson(QJsonDocument::Indented)));
    } else {
        out.insert(u"text"_s, QString::fromUtf8(body));
    }
    return out;
}

QJsonObject ruleJson(const QString &id)
{
    const auto &rules = core::rulesReference();
    const auto it = rules.constFind(id);
    if (it == rules.cend())
        return {{u"id"_s, id}};
    return {{u"id"_s, id},       {u"text"_s, it->requirement}, {u"severity"_s, it->severity},
            {u"url"_s, it->url}, {u"section"_s, it->section},  {u"line"_s, it->line}};
}

QJsonObject corsView(const Exchange &e)
{
    if (!e.cors)
        return {{u"evaluated"_s, false}};
    const CorsEvaluation &c = *e.cors;
    QJsonObject out = corsToJson(c);
    out.insert(u"evaluated"_s, true);
    const QString rule = corsRuleFor(c);
    if (!rule.isEmpty())
        out.insert(u"rule"_s, ruleJson(rule));
    if (!c.firefoxCode.isEmpty())
        out.insert(u"firefoxRule"_s, ruleJson(c.firefoxCode));
    QJsonArray warnings;
    for (const auto &w : c.warnings)
        warnings.append(QJsonObject {{u"id"_s, w.id},
                                     {u"message"_s, w.message},
                                     {u"hint"_s, w.hint},
                                     {u"rule"_s, ruleJson(w.id)}});
    out.insert(u"warnings"_s, warnings);
    return out;
}

QJsonObject jwtView(const Exchange &e, const QJsonObject &jwks)
{
    if (!e.jwt)
        return {{u"present"_s, false}};
    const DecodedJwt &jwt = *e.jwt;
    security::JwtInspector inspector(jwks);
    security::JwtExpectations expect;
    expect.audience = e.url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment);
    const security::JwtInspection inspection = inspector.inspect(jwt.token, expect);
    QJsonArray checks;
    for (const auto &check : inspection.checks) {
        const bool unverifiable = check.name == u"signature"_s && jwks.isEmpty();
        checks.append(QJsonObject {
            {u"name"_s, check.name},
            {u"passed"_s, check.passed && !unverifiable},
            {u"state"_s,
             unverifiable       ? u"unknown"_s
                 : check.passed ? u"pass"_s
                                : u"fail"_s},
            {u"detail"_s,
             unverifiable ? u"not verified: no JWK Set to check against"_s : check.detail}});
    }
    QJsonArray claims;
    for (auto it = jwt.claims.begin(); it != jwt.claims.end(); ++it) {
        QString value = it->isString()
            ? it->toString()
            : QString::fromUtf8(QJsonDocument(QJsonArray {*it}).toJson(QJsonDocument::Compact))
                  .mid(1)
                  .chopped(1);
        if ((it.key() == u"exp"_s || it.key() == u"iat"_s || it.key() == u"nbf"_s)
            && it->isDouble())
            value += u"  ("_s
                + QDateTime::fromSecsSinceEpoch(qint64(it->toDouble()), Qt::UTC)
                      .toString(Qt::ISODate)
                + u')';
        claims.append(QJsonObject {{u"name"_s, it.key()}, {u"value"_s, value}});
    }
    const QString faultLabel = jwt.fault.isEmpty() ? u"none"_s : jwt.fault;
    const auto fault = security::faultFromName(faultLabel);
    QJsonObject out {{u"present"_s, true},
                     {u"header"_s, jwt.header},
                     {u"headerLines"_s, jsonLinesToJson(jsonLines(jwt.header))},
                     {u"claims"_s, claims},
                     {u"checks"_s, checks},
                     {u"fault"_s, faultLabel},
                     {u"valid"_s, inspection.valid()}};
    if (fault && *fault != security::JwtFault::None) {
        out.insert(u"faultDescription"_s, security::faultDescription(*fault));
        const security::FaultVerdict verdict = security::judgeFaultResponse(*fault, e.status);
        out.insert(u"verdict"_s, verdict.summary);
        // The point of a deliberate fault: a service that answers 2xx accepted a token it
        // must refuse.
        const bool accepted = e.status >= 200 && e.status < 300;
        out.insert(u"acceptedFaulty"_s, accepted);
        if (accepted)
            out.insert(u"warning"_s,
                       u"The service ACCEPTED a deliberately faulty JWT (%1: %2) with HTTP %3. "
                       u"It must refuse it with 401 (C10)."_s
                           .arg(faultLabel, security::faultDescription(*fault))
                           .arg(e.status));
    }
    return out;
}

QJsonArray findingsView(const Exchange &e)
{
    QJsonArray out;
    for (const auto &finding : e.findings) {
        QJsonObject row = core::findingToJson(finding);
        row.insert(u"rule"_s, ruleJson(finding.ruleId));
        out.append(row);
    }
    return out;
}

QJsonObject timingsView(const Exchange &e)
{
    const TimingPhases p = timingPhases(e.timings);
    return {{u"queue"_s, p.queue},        {u"connect"_s, p.connect}, {u"ssl"_s, p.ssl},
            {u"wait"_s, p.wait},          {u"receive"_s, p.receive}, {u"total"_s, p.total()},
            {u"connected"_s, p.connected}};
}

} // namespace

QList<JsonLine> jsonLines(const QJsonValue &value)
{
    QList<JsonLine> out;
    appendLines(out, value, 0, {}, {}, false);
    return out;
}

QJsonArray jsonLinesToJson(const QList<JsonLine> &lines)
{
    QJsonArray out;
    for (const auto &line : lines)
        out.append(QJsonObject {{u"depth"_s, line.depth},
                                {u"html"_s, line.html},
                                {u"text"_s, line.text},
                                {u"end"_s, line.end}});
    return out;
}

QString corsRuleFor(const CorsEvaluation &c)
{
    if (c.verdict != CorsVerdict::Fail)
        return {};
    switch (c.stage) {
    case CorsStage::Preflight:
        return c.chromiumReason.contains(u"Redirect"_s) ? u"CORS7"_s : u"CORS4"_s;
    case CorsStage::Actual:
        return u"CORS6"_s;
    case CorsStage::Redirect:
        return u"CORS7"_s;
    case CorsStage::Network:
        return u"CORS9"_s;
    case CorsStage::MixedContent:
    case CorsStage::LocalNetwork:
        return u"CORS10"_s;
    case CorsStage::None:
        break;
    }
    return {};
}

QJsonObject inspectorView(const Exchange &e, const QJsonObject &jwks)
{
    const QString method = QString::fromLatin1(e.method);
    QJsonObject out {
        {u"id"_s, static_cast<qint64>(e.id)},
        {u"title"_s, method + u' ' + e.url.toString()},
        {u"kind"_s, e.kind},
        {u"request"_s,
         QJsonObject {{u"startLine"_s, method + u' ' + e.url.toString() + u" HTTP/1.1"_s},
                      {u"headers"_s, headerTable(e.requestHeaders)},
                      {u"body"_s, bodyView(e.requestBody, e.requestSize, e.requestTruncated)}}},
        {u"response"_s,
         QJsonObject {{u"answered"_s, e.status > 0},
                      {u"startLine"_s,
                       e.status > 0
                           ? u"HTTP/1.1 %1 %2"_s.arg(e.status).arg(QString::fromLatin1(e.reason))
                           : e.error},
                      {u"headers"_s, headerTable(e.responseHeaders)},
                      {u"body"_s, bodyView(e.responseBody, e.responseSize, e.responseTruncated)}}},
        {u"cors"_s, corsView(e)},
        {u"jwt"_s, jwtView(e, jwks)},
        {u"findings"_s, findingsView(e)},
        {u"prefetch"_s, e.prefetchTrace},
        {u"audit"_s, e.accessAudit},
        {u"timings"_s, timingsView(e)},
        {u"curl"_s, toCurl(e)}};
    if (!e.error.isEmpty())
        out.insert(u"error"_s, e.error);
    return out;
}

} // namespace hb::net
