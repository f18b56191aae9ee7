// The misbehaviour lab's hostile rows: bodies that must be bounded, refused or rendered inert
// before they reach a model (docs/robustness.md). Transport misbehaviour (drips, resets) is in
// the test fixture tests/hostile/hostileserver.h, since the lab answers whole responses.
#include "servers/demo/cards.h"
#include "servers/labapi.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {

QJsonObject hostileCard(const QString &summary)
{
    return demo::card(summary, u"warning"_s, u"Hookbench misbehaviour lab"_s);
}

QByteArray cardsBody(const QJsonArray &cards)
{
    return QJsonDocument(QJsonObject {{u"cards"_s, cards}}).toJson(QJsonDocument::Compact);
}

LabService row(const QString &id, const QString &title, const QString &description,
               std::function<HttpResponse(const HttpRequest &)> respond)
{
    return LabService {u"hostile-"_s + id, title, description, {}, std::move(respond), 0, false};
}

HttpResponse body(const QByteArray &bytes, int status = 200)
{
    return HttpResponse::text(status, bytes, "application/json");
}

// The three bypasses of the old markdown rewriter, tracking images and javascript: three ways.
const QString kTrackingMarkdown = u"Images that must never load:\n\n"
                                  "![next line](\nhttp://127.0.0.1:9/next-line.png) "
                                  "![a [b] c](http://127.0.0.1:9/nested.png) ![ref][pixel]\n\n"
                                  "Links that must not be clickable: [plain](javascript:alert(1)), "
                                  "[entity](javascript&colon;alert(2)), [reference][js], "
                                  "<javascript:alert(4)>, [data](data:text/html,hi).\n\n"
                                  "<img src=\"http://127.0.0.1:9/raw.png\"> <iframe "
                                  "src=\"http://127.0.0.1:9/frame\"></iframe>\n\n"
                                  "[pixel]: http://127.0.0.1:9/reference.png\n"
                                  "[js]: javascript:alert(3)\n"_s;

} // namespace

QList<LabService> hostileLabServices()
{
    QList<LabService> out;
    out.append(row(u"empty-body"_s, u"Empty body"_s, u"200 with Content-Length: 0."_s,
                   [](const HttpRequest &) { return body({}); }));
    out.append(row(u"bom"_s, u"Byte order mark"_s,
                   u"Valid cards after a UTF-8 BOM (RFC 8259 §8.1 lets a parser skip it)."_s,
                   [](const HttpRequest &) {
                       return body("\xEF\xBB\xBF"
                                   + cardsBody({hostileCard(u"Behind a byte order mark"_s)}));
                   }));
    out.append(row(u"truncated-json"_s, u"Truncated JSON"_s, u"The body stops mid-string."_s,
                   [](const HttpRequest &) { return body(R"({"cards":[{"summary":"cut of)"); }));
    out.append(
        row(u"deep-nesting"_s, u"10,000-deep nesting"_s,
            u"cards is 10,000 nested arrays (the parser stops at 64)."_s, [](const HttpRequest &) {
                return body("{\"cards\":" + QByteArray(10000, '[') + QByteArray(10000, ']') + "}");
            }));
    out.append(row(u"invalid-utf8"_s, u"Invalid UTF-8"_s, u"A summary with bytes C3 28 FF."_s,
                   [](const HttpRequest &) {
                       return body("{\"cards\":[{\"summary\":\"caf\xC3\x28\xFF\",\"indicator\":"
                                   "\"info\",\"source\":{\"label\":\"lab\"}}]}");
                   }));
    out.append(row(
        u"number-1e400"_s, u"Number 1e400"_s, u"A number no double can hold, in an extension."_s,
        [](const HttpRequest &) { return body(R"({"cards":[],"extension":{"n":1e400}})"); }));
    out.append(row(u"http-204"_s, u"HTTP 204"_s, u"No Content on a hook call (expected 200)."_s,
                   [](const HttpRequest &) { return HttpResponse::text(204, {}); }));
    out.append(row(u"redirect-loop"_s, u"Redirect loop"_s, u"302 to its own URL, forever."_s,
                   [](const HttpRequest &request) {
                       HttpResponse r = HttpResponse::text(302, "again");
                       r.addHeader("Location", request.url().toUtf8());
                       return r;
                   }));
    out.append(row(u"10000-cards"_s, u"10,000 cards"_s,
                   u"10,000 valid cards in one response (the client must bound them)."_s,
                   [](const HttpRequest &) {
                       static const QByteArray many = [] {
                           QJsonArray list;
                           for (int i = 0; i < 10000; ++i)
                               list.append(hostileCard(u"Card %1 of 10,000"_s.arg(i + 1)));
                           return cardsBody(list);
                       }();
                       return body(many);
                   }));
    out.append(row(u"1mb-summary"_s, u"1 MB summary"_s,
                   u"A card whose summary is 1 MiB (V4 allows 140 characters)."_s,
                   [](const HttpRequest &) {
                       QJsonObject c = hostileCard(u"1 MiB summary"_s); // card() caps it
                       c.insert(u"summary"_s, QString(1 << 20, u'S'));
                       return body(cardsBody({c}));
                   }));
    out.append(row(u"1mb-detail"_s, u"1 MB detail"_s,
                   u"A card whose markdown detail is 1 MiB of nested emphasis and quotes."_s,
                   [](const HttpRequest &) {
                       QJsonObject c = hostileCard(u"A 1 MiB detail"_s);
                       c.insert(u"detail"_s,
                                QString(4096, u'>') + u"**"_s.repeated(200000)
                                    + QString(1 << 19, u'x'));
                       return body(cardsBody({c}));
                   }));
    out.append(row(u"tracking-markdown"_s, u"Tracking markdown"_s,
                   u"Remote images (next-line target, nested brackets, reference), javascript: "
                   u"links three ways, data: links and raw HTML in a detail (C15)."_s,
                   [](const HttpRequest &) {
                       QJsonObject c = hostileCard(u"Markdown that tries to fetch and run"_s);
                       c.insert(u"detail"_s, kTrackingMarkdown);
                       return body(cardsBody({c}));
                   }));
    out.append(row(
        u"non-http-links"_s, u"Non-http links"_s,
        u"A data: link and a smart link to a file: URL (C17)."_s, [](const HttpRequest &) {
            QJsonObject c = hostileCard(u"Links nobody should open"_s);
            c.insert(u"links"_s,
                     QJsonArray {QJsonObject {{u"label"_s, u"data"_s},
                                              {u"url"_s, u"data:text/html,<script>x</script>"_s},
                                              {u"type"_s, u"absolute"_s}},
                                 QJsonObject {{u"label"_s, u"Launch app"_s},
                                              {u"url"_s, u"file:///etc/passwd"_s},
                                              {u"type"_s, u"smart"_s}}});
            return body(cardsBody({c}));
        }));
    return out;
}

} // namespace hb::servers
