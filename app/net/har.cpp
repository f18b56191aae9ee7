#include "net/har.h"

#include "net/timingphases.h"
#include "security/clientjwt.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

const QString kRedacted = u"[redacted]"_s;

// Secrets by name wherever they appear. `code` is not among them: in JSON it is a FHIR Coding,
// an override reason or a card topic (clinical data); the OAuth authorization code is only
// redacted where the authorization flow carries it (see isAuthorizationFlow).
bool isSecretKey(const QString &key)
{
    static const QStringList keys {u"access_token"_s,     u"refresh_token"_s, u"id_token"_s,
                                   u"client_assertion"_s, u"client_secret"_s, u"password"_s};
    return keys.contains(key);
}

// A form body or URL query of the authorization-code flow: the token request
// (grant_type=authorization_code) or the authorization response (code together with state).
bool isAuthorizationFlow(const QList<QByteArray> &pairs)
{
    bool hasState = false;
    for (const auto &pair : pairs) {
        if (pair == "grant_type=authorization_code")
            return true;
        hasState = hasState || pair.startsWith("state=");
    }
    return hasState;
}

// Redacts the secrets of an application/x-www-form-urlencoded text (a body or a URL query).
QByteArray redactForm(const QByteArray &form)
{
    QList<QByteArray> pairs = form.split('&');
    const bool authorizationFlow = isAuthorizationFlow(pairs);
    bool changed = false;
    for (auto &pair : pairs) {
        const qsizetype eq = pair.indexOf('=');
        if (eq <= 0)
            continue;
        const QString key = QString::fromLatin1(pair.left(eq));
        if (isSecretKey(key) || (authorizationFlow && key == u"code"_s)) {
            pair = pair.left(eq + 1) + "%5Bredacted%5D";
            changed = true;
        }
    }
    return changed ? pairs.join('&') : form;
}

// A URL (a Location header) with the authorization response's code or a token in its query.
QByteArray redactUrlQuery(const QByteArray &url)
{
    const qsizetype question = url.indexOf('?');
    if (question < 0)
        return url;
    const qsizetype hash = url.indexOf('#', question);
    const QByteArray query = url.mid(question + 1, hash < 0 ? -1 : hash - question - 1);
    const QByteArray redacted = redactForm(query);
    if (redacted == query)
        return url;
    return url.left(question + 1) + redacted + (hash < 0 ? QByteArray() : url.mid(hash));
}

QJsonValue redactJson(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            *it = isSecretKey(it.key()) && it->isString() ? QJsonValue(kRedacted) : redactJson(*it);
        return object;
    }
    if (value.isArray()) {
        QJsonArray array = value.toArray();
        for (auto it = array.begin(); it != array.end(); ++it)
            *it = redactJson(*it);
        return array;
    }
    return value;
}

QJsonArray headersJson(const HeaderLines &headers)
{
    QJsonArray array;
    for (const auto &line : headers)
        array.append(QJsonObject {{u"name"_s, QString::fromLatin1(line.name)},
                                  {u"value"_s, QString::fromUtf8(line.value)}});
    return array;
}

QString mimeType(const HeaderLines &headers)
{
    return QString::fromUtf8(headerGet(headers, "content-type").value_or(QByteArray()));
}

// HAR 1.2 timings: optional phases that do not apply are left out (not -1, not null); `send`,
// `wait` and `receive` are required. time (set by the caller) is the sum of these.
QJsonObject harTimings(const TimingPhases &p)
{
    QJsonObject out {{u"send"_s, 0}, {u"wait"_s, p.wait}, {u"receive"_s, p.receive}};
    if (p.queue > 0)
        out.insert(u"blocked"_s, p.queue);
    if (p.connected) {
        out.insert(u"connect"_s, p.connect);
        if (p.ssl >= 0)
            out.insert(u"ssl"_s, p.ssl);
    }
    return out;
}

QJsonObject jwtJson(const DecodedJwt &jwt, const ExportOptions &options)
{
    QJsonObject out {{u"header"_s, jwt.header}, {u"claims"_s, jwt.claims}};
    if (!jwt.fault.isEmpty())
        out.insert(u"fault"_s, jwt.fault);
    if (options.includeTokens)
        out.insert(u"token"_s, QString::fromLatin1(jwt.token));
    return out;
}

QJsonObject harEntry(const Exchange &e, const ExportOptions &options)
{
    const HeaderLines requestHeaders
        = options.includeTokens ? e.requestHeaders : redactHeaders(e.requestHeaders);
    const HeaderLines responseHeaders
        = options.includeTokens ? e.responseHeaders : redactHeaders(e.responseHeaders);
    const QByteArray requestBody
        = options.includeTokens ? e.requestBody : redactBody(e.requestBody);
    const QByteArray responseBody
        = options.includeTokens ? e.responseBody : redactBody(e.responseBody);
    QJsonArray query;
    for (const auto &item : QUrlQuery(e.url).queryItems(QUrl::FullyDecoded))
        query.append(QJsonObject {{u"name"_s, item.first}, {u"value"_s, item.second}});
    QJsonObject request {{u"method"_s, QString::fromLatin1(e.method)},
                         {u"url"_s, QString::fromUtf8(e.url.toEncoded())},
                         {u"httpVersion"_s, u"HTTP/1.1"_s},
                         {u"cookies"_s, QJsonArray()},
                         {u"headers"_s, headersJson(requestHeaders)},
                         {u"queryString"_s, query},
                         {u"headersSize"_s, -1},
                         {u"bodySize"_s, e.requestSize}};
    if (!e.requestBody.isEmpty())
        request.insert(u"postData"_s,
                       QJsonObject {{u"mimeType"_s, mimeType(e.requestHeaders)},
                                    {u"params"_s, QJsonArray()},
                                    {u"text"_s, QString::fromUtf8(requestBody)}});
    const bool answered = e.status > 0;
    QJsonObject content {{u"size"_s, e.responseSize},
                         {u"mimeType"_s, answered ? mimeType(e.responseHeaders) : u"x-unknown"_s}};
    if (!e.responseBody.isEmpty())
        content.insert(u"text"_s, QString::fromUtf8(responseBody));
    if (e.responseTruncated)
        content.insert(u"comment"_s, u"truncated to %1 bytes"_s.arg(e.responseBody.size()));
    QJsonObject response {
        {u"status"_s, e.status},
        {u"statusText"_s, QString::fromLatin1(e.reason)},
        {u"httpVersion"_s, answered ? u"HTTP/1.1"_s : QString()},
        {u"cookies"_s, QJsonArray()},
        {u"headers"_s, headersJson(responseHeaders)},
        {u"content"_s, content},
        {u"redirectURL"_s,
         QString::fromUtf8(headerGet(e.responseHeaders, "location").value_or(QByteArray()))},
        {u"headersSize"_s, -1},
        {u"bodySize"_s, answered ? e.responseSize : -1}};
    if (!e.error.isEmpty())
        response.insert(u"_error"_s, e.error);
    const TimingPhases phases = timingPhases(e.timings);
    // HAR requires a date; an exchange recorded without one (never sent) gets the epoch.
    const QDateTime started
        = e.started.isValid() ? e.started : QDateTime::fromMSecsSinceEpoch(0, Qt::UTC);
    QJsonObject entry {{u"startedDateTime"_s, started.toUTC().toString(Qt::ISODateWithMs)},
                       {u"time"_s, phases.total()},
                       {u"request"_s, request},
                       {u"response"_s, response},
                       {u"cache"_s, QJsonObject()},
                       {u"timings"_s, harTimings(phases)},
                       {u"_id"_s, static_cast<qint64>(e.id)}};
    if (!e.kind.isEmpty())
        entry.insert(u"_kind"_s, e.kind);
    if (!e.origin.isEmpty())
        entry.insert(u"_origin"_s, e.origin);
    if (e.requestTruncated || e.responseTruncated)
        entry.insert(u"_truncated"_s, true);
    if (e.jwt)
        entry.insert(u"_jwt"_s, jwtJson(*e.jwt, options));
    if (e.cors)
        entry.insert(u"_cors"_s, corsToJson(*e.cors));
    if (!e.findings.isEmpty())
        entry.insert(u"_findings"_s, core::findingsToJson(e.findings));
    if (!e.note.isEmpty())
        entry.insert(u"comment"_s, e.note);
    return entry;
}

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

} // namespace

HeaderLines redactHeaders(const HeaderLines &headers)
{
    HeaderLines out = headers;
    for (auto &line : out) {
        const QByteArray lower = line.name.toLower();
        if (lower == "authorization" || lower == "proxy-authorization") {
            const qsizetype space = line.value.indexOf(' ');
            line.value
                = (space > 0 ? line.value.left(space + 1) : QByteArray()) + kRedacted.toUtf8();
        } else if (lower == "cookie" || lower == "set-cookie") {
            line.value = kRedacted.toUtf8();
        } else if (lower == "location") {
            line.value = redactUrlQuery(line.value);
        }
    }
    return out;
}

QByteArray redactBody(const QByteArray &body)
{
    if (body.isEmpty())
        return body;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(body, &error);
    if (error.error == QJsonParseError::NoError && (document.isObject() || document.isArray())) {
        const QJsonValue redacted = redactJson(document.isObject() ? QJsonValue(document.object())
                                                                   : QJsonValue(document.array()));
        if (redacted
            == (document.isObject() ? QJsonValue(document.object()) : QJsonValue(document.array())))
            return body; // nothing secret: keep the exact bytes
        return redacted.isObject()
            ? QJsonDocument(redacted.toObject()).toJson(QJsonDocument::Compact)
            : QJsonDocument(redacted.toArray()).toJson(QJsonDocument::Compact);
    }
    if (body.contains('=') && !body.contains('{')) // application/x-www-form-urlencoded
        return redactForm(body);
    return body;
}

QJsonObject toHar(const QList<Exchange> &exchanges, const ExportOptions &options)
{
    QJsonArray entries;
    for (const auto &exchange : exchanges)
        entries.append(harEntry(exchange, options));
    const QJsonObject log {{u"version"_s, u"1.2"_s},
                           {u"creator"_s,
                            QJsonObject {{u"name"_s, u"Hookbench"_s},
                                         {u"version"_s, QStringLiteral(HOOKBENCH_VERSION)}}},
                           {u"entries"_s, entries}};
    return {{u"log"_s, log}};
}

bool writeHar(const QString &fileName, const QList<Exchange> &exchanges,
              const ExportOptions &options, QString *error)
{
    const QByteArray bytes
        = QJsonDocument(toHar(exchanges, options)).toJson(QJsonDocument::Indented);
    const QFileInfo target(fileName);
    if (target.exists() && !target.isFile()) {
        // A device or pipe (/dev/stdout, /dev/full) cannot be replaced by a rename: write it
        // directly, unbuffered, so a failed write is seen here with its OS reason.
        QFile device(fileName);
        if (!device.open(QIODevice::WriteOnly | QIODevice::Unbuffered)
            || device.write(bytes) != bytes.size()) {
            *error = u"Cannot write %1: %2"_s.arg(fileName, device.errorString());
            return false;
        }
        return true;
    }
    // Unbuffered: Qt 6.4's QSaveFile misses a failed flush of its buffer at commit() and then
    // reported success on a full disk.
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)
        || file.write(bytes) != bytes.size()) {
        *error = u"Cannot write %1: %2"_s.arg(fileName, file.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = u"Cannot write %1: %2"_s.arg(fileName, file.errorString());
        return false;
    }
    return true;
}

QString toCurl(const Exchange &exchange, const ExportOptions &options)
{
    QStringList parts {u"curl"_s};
    if (exchange.method != "GET" || !exchange.requestBody.isEmpty())
        parts << u"-X"_s << QString::fromLatin1(exchange.method);
    parts << shellQuote(QString::fromUtf8(exchange.url.toEncoded()));
    const HeaderLines headers
        = options.includeTokens ? exchange.requestHeaders : redactHeaders(exchange.requestHeaders);
    for (const auto &line : headers) {
        // The lines curl writes itself from the URL and the body (the exact backend logs the
        // request as sent): a copied Content-Length would not match a redacted body.
        const QByteArray name = line.name.toLower();
        if (name == "host" || name == "content-length" || name == "connection")
            continue;
        parts << u"-H"_s
              << shellQuote(QString::fromLatin1(line.name) + u": "_s
                            + QString::fromUtf8(line.value));
    }
    if (!exchange.requestBody.isEmpty()) {
        const QByteArray body
            = options.includeTokens ? exchange.requestBody : redactBody(exchange.requestBody);
        parts << u"--data-raw"_s << shellQuote(QString::fromUtf8(body));
    }
    return parts.join(u' ');
}

QString toLiveCurl(const Exchange &exchange, const security::KeyStore &keys)
{
    Exchange live = exchange;
    if (exchange.jwt) {
        security::ClientJwtOptions options;
        options.issuer = exchange.jwt->claims.value(u"iss"_s).toString(options.issuer);
        options.jku = QUrl(exchange.jwt->header.value(u"jku"_s).toString());
        options.tenant = exchange.jwt->claims.value(u"tenant"_s).toString();
        security::ClientJwtSigner signer(keys, options);
        const auto fresh
            = signer.sign(exchange.url.toString(QUrl::RemoveQuery | QUrl::RemoveFragment));
        if (fresh.ok() && !fresh.token.isEmpty()) {
            for (auto &line : live.requestHeaders) {
                if (line.name.compare("authorization", Qt::CaseInsensitive) == 0)
                    line.value = "Bearer " + fresh.token;
            }
        }
    }
    return toCurl(live, ExportOptions {true});
}

QJsonObject corsToJson(const CorsEvaluation &e)
{
    QJsonArray warnings;
    for (const auto &w : e.warnings)
        warnings.append(
            QJsonObject {{u"id"_s, w.id}, {u"message"_s, w.message}, {u"hint"_s, w.hint}});
    return {{u"verdict"_s, toString(e.verdict)},
            {u"stage"_s, toString(e.stage)},
            {u"chromium"_s, e.chromiumMessage},
            {u"chromiumReason"_s, e.chromiumReason},
            {u"firefox"_s, e.firefoxCode},
            {u"firefoxMessage"_s, e.firefoxMessage},
            {u"hint"_s, e.hint},
            {u"warnings"_s, warnings},
            {u"crossOrigin"_s, e.crossOrigin},
            {u"preflightRequired"_s, e.preflightRequired},
            {u"preflightCacheSeconds"_s, e.preflightCacheSeconds},
            {u"targetAddressSpace"_s, toString(e.targetSpace)}};
}

QJsonObject exchangeToJson(const Exchange &e, const ExportOptions &options)
{
    const QJsonObject har = harEntry(e, options);
    QJsonObject out {{u"id"_s, static_cast<qint64>(e.id)},
                     {u"kind"_s, e.kind},
                     {u"request"_s, har.value(u"request"_s)},
                     {u"response"_s, har.value(u"response"_s)},
                     {u"timings"_s,
                      QJsonObject {{u"connectStartMs"_s, e.timings.connectStartMs},
                                   {u"tlsDoneMs"_s, e.timings.tlsDoneMs},
                                   {u"requestSentMs"_s, e.timings.requestSentMs},
                                   {u"firstByteMs"_s, e.timings.firstByteMs},
                                   {u"totalMs"_s, e.timings.totalMs}}}};
    if (!e.error.isEmpty())
        out.insert(u"error"_s, QJsonObject {{u"kind"_s, e.errorKind}, {u"message"_s, e.error}});
    for (const char *key : {"_jwt", "_cors", "_findings", "_truncated"}) {
        if (har.contains(QLatin1String(key)))
            out.insert(QLatin1String(key + 1), har.value(QLatin1String(key)));
    }
    return out;
}

} // namespace hb::net
