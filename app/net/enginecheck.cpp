#include "net/enginecheck.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

/// Names a page's script cannot set: Fetch's forbidden names (the CORS rules' list), plus what
/// Chromium adds itself. XHR would drop them silently, so the probe must not send them either.
bool isBrowserOwnedHeader(const QByteArray &name)
{
    const QByteArray lower = name.toLower();
    return isForbiddenRequestHeader(lower) || lower == "accept-language" || lower == "user-agent";
}

HeaderLines authorHeaders(const HeaderLines &lines)
{
    HeaderLines out;
    for (const auto &line : lines) {
        if (isBrowserOwnedHeader(line.name))
            continue;
        if (line.name.compare("authorization", Qt::CaseInsensitive) == 0)
            out.append(HeaderLine {line.name, EngineCheckPlaceholderToken.toByteArray()});
        else
            out.append(line);
    }
    return out;
}

/// The call a preflight asked about, from its Access-Control-Request-* lines: the names are all
/// a preflight keeps, so each gets the value the CDS client sends.
void fromPreflight(const Exchange &preflight, EngineCheckRequest *request)
{
    request->method = headerGet(preflight.requestHeaders, "access-control-request-method")
                          .value_or(QByteArray("POST"));
    request->headers = {{"Accept", "application/json"}};
    const QByteArray names = headerGet(preflight.requestHeaders, "access-control-request-headers")
                                 .value_or(QByteArray());
    for (const QByteArray &raw : names.split(',')) {
        const QByteArray name = raw.trimmed();
        if (name.isEmpty() || isBrowserOwnedHeader(name))
            continue;
        if (name == "authorization")
            request->headers.append(
                HeaderLine {"Authorization", EngineCheckPlaceholderToken.toByteArray()});
        else if (name == "content-type")
            request->headers.append(HeaderLine {"Content-Type", "application/json"});
        else
            request->headers.append(HeaderLine {name, "hookbench"});
    }
    if (headerCount(request->headers, "content-type") > 0)
        request->body = "{}";
}

} // namespace

std::optional<EngineCheckRequest> engineCheckRequestFor(const Exchange &exchange,
                                                        const QString &origin,
                                                        const Exchange *actual, QString *why)
{
    auto refuse = [why](const QString &text) -> std::optional<EngineCheckRequest> {
        if (why)
            *why = text;
        return std::nullopt;
    };
    const QString scheme = exchange.url.scheme();
    if (!exchange.url.isValid() || (scheme != u"http" && scheme != u"https"))
        return refuse(u"A page can only call http(s) URLs; this exchange's URL is '%1'."_s.arg(
            exchange.url.toString()));
    if (origin.isEmpty() || origin == u"null")
        return refuse(u"CORS emulation is off or has no page origin (Settings > CORS origin)."_s);
    const QUrl originUrl(origin);
    if (!originUrl.isValid() || (originUrl.scheme() != u"http" && originUrl.scheme() != u"https")
        || originUrl.host().isEmpty())
        return refuse(u"The page origin '%1' is not an http(s) origin."_s.arg(origin));

    EngineCheckRequest request;
    request.origin = serializeOrigin(originUrl);
    request.url = exchange.url;
    const bool preflight = exchange.kind == u"preflight" || exchange.method == "OPTIONS";
    const Exchange &call = preflight && actual ? *actual : exchange;
    if (preflight && !actual) {
        fromPreflight(exchange, &request);
    } else {
        request.method = call.method.isEmpty() ? QByteArray("GET") : call.method;
        request.headers = authorHeaders(call.requestHeaders);
        if (request.method != "GET" && request.method != "HEAD")
            request.body = call.requestBody;
    }
    return request;
}

CorsProbeRequest corsProbeRequestFor(const EngineCheckRequest &request)
{
    CorsProbeRequest probe;
    probe.cors.origin = request.origin;
    probe.cors.url = request.url;
    probe.cors.method = request.method;
    probe.cors.headers = request.headers;
    probe.cors.credentials = request.credentials;
    probe.cors.api = RequestApi::XmlHttpRequest;
    probe.options.mode = CorsMode::Browser;
    probe.body = request.body;
    probe.kind = u"engine-check"_s;
    return probe;
}

QString engineCheckScript(const EngineCheckRequest &request)
{
    QJsonArray headers;
    for (const auto &line : request.headers)
        headers.append(QJsonArray {QString::fromLatin1(line.name), QString::fromUtf8(line.value)});
    const QJsonObject call {
        {u"method"_s, QString::fromLatin1(request.method)},
        {u"url"_s, request.url.toString(QUrl::FullyEncoded)},
        {u"headers"_s, headers},
        {u"body"_s, request.body.isEmpty() ? QJsonValue() : QString::fromUtf8(request.body)},
        {u"withCredentials"_s, request.credentials == CredentialsMode::Include},
        {u"marker"_s, EngineCheckMarker.toString()}};
    // U+2028/2029 are valid in JSON strings and (since ES2019) in JS string literals; escaping
    // them anyway keeps the script valid for any engine.
    QString json = QString::fromUtf8(QJsonDocument(call).toJson(QJsonDocument::Compact));
    json.replace(QChar(0x2028), u"\\u2028"_s).replace(QChar(0x2029), u"\\u2029"_s);
    return uR"JS((function (r) {
  var x = new XMLHttpRequest();
  x.open(r.method, r.url);
  x.withCredentials = r.withCredentials;
  r.headers.forEach(function (h) { x.setRequestHeader(h[0], h[1]); });
  x.onload = function () { console.log(r.marker + 'OK ' + x.status); };
  x.onerror = function () { console.log(r.marker + 'FAIL'); };
  x.send(r.body);
})()JS"_s
        + json + u");"_s;
}

QString engineCheckPage()
{
    return u"<!doctype html><meta charset=utf-8><title>Hookbench CORS check</title>"_s;
}

void addConsoleMessage(EngineOutcome &outcome, ConsoleLevel level, const QString &message)
{
    if (message.startsWith(EngineCheckMarker)) {
        const QString rest = message.mid(EngineCheckMarker.size());
        outcome.finished = true;
        outcome.passed = rest.startsWith(u"OK"_s);
        outcome.status = outcome.passed ? rest.mid(3).toInt() : 0;
        return;
    }
    static const QString names[] = {u"info"_s, u"warning"_s, u"error"_s};
    const int index = std::clamp(int(level), 0, 2);
    outcome.console.append(names[index] + u": "_s + message);
    if (level == ConsoleLevel::Error)
        outcome.errors.append(message);
}

EngineComparison compareWithEngine(const CorsEvaluation &hookbench, const EngineOutcome &engine)
{
    EngineComparison result;
    const bool hookbenchPasses = hookbench.verdict != CorsVerdict::Fail;
    result.verdictsAgree = engine.finished && hookbenchPasses == engine.passed;
    result.messageMatches = hookbenchPasses || !engine.finished || engine.passed
        || engine.errors.contains(hookbench.chromiumMessage);
    if (!engine.finished)
        result.summary = u"The engine gave no answer, so nothing was compared."_s;
    else if (!result.verdictsAgree)
        result.summary = hookbenchPasses
            ? u"They disagree: Hookbench lets the page read the answer, the engine blocks it."_s
            : u"They disagree: Hookbench blocks the call, the engine lets the page read "
              u"the answer (HTTP %1)."_s.arg(engine.status);
    else if (!result.messageMatches)
        result.summary = u"They disagree on the message: both block the call, but the engine's "
                         u"console does not have Hookbench's line."_s;
    else
        result.summary = hookbenchPasses
            ? u"They agree: the page can read the answer (HTTP %1)."_s.arg(engine.status)
            : u"They agree: the call is blocked, with the same console line."_s;
    return result;
}

QString chromiumVersionFromUserAgent(const QString &userAgent)
{
    static const QRegularExpression chrome(u"Chrome/([0-9][0-9.]*)"_s);
    const auto match = chrome.match(userAgent);
    return match.hasMatch() ? match.captured(1) : QString();
}

} // namespace hb::net
