// Card markdown from an untrusted service never becomes live HTML, script or a remote load (C15).
// The HTML renderCardDetail writes is checked twice: its tags against a fixed vocabulary, and
// what Qt's rich-text engine (the one the cards use) builds from it: no image, no resource
// request, only http(s) anchors.
#include "ehr/markdownsafety.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextFragment>

using namespace Qt::StringLiterals;
using hb::ehr::isClickableMarkdownUrl;
using hb::ehr::isOpenableLinkUrl;
using hb::ehr::renderCardDetail;

namespace {

const QString kTracker = u"http://127.0.0.1:9"_s;

// A document that records every resource Qt asks for and serves none.
class RecordingDocument : public QTextDocument
{
public:
    QStringList requested;

protected:
    QVariant loadResource(int type, const QUrl &name) override
    {
        requested << u"%1 %2"_s.arg(type).arg(name.toString());
        return {};
    }
};

struct Rendered
{
    QString html;
    QString text;
    QStringList anchors;
    QStringList requested;
    int images = 0;
};

Rendered render(const QString &markdown)
{
    Rendered r;
    r.html = renderCardDetail(markdown);
    RecordingDocument document;
    document.setHtml(r.html);
    document.setTextWidth(400);
    (void)document.size(); // lays the document out, which is when images are requested
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextCharFormat format = it.fragment().charFormat();
            if (format.isImageFormat())
                ++r.images;
            if (format.isAnchor() && !format.anchorHref().isEmpty())
                r.anchors << format.anchorHref();
        }
    }
    r.text = document.toPlainText();
    r.requested = document.requested;
    return r;
}

// Every tag must come from the fixed vocabulary, with no attribute but the ones written here.
QString foreignMarkup(const QString &html)
{
    static const QRegularExpression tagRe(u"<(/?)([a-zA-Z0-9]+)([^>]*)>"_s);
    static const QStringList bare {u"p"_s,    u"b"_s,     u"i"_s,     u"s"_s,     u"u"_s,
                                   u"code"_s, u"pre"_s,   u"ul"_s,    u"li"_s,    u"blockquote"_s,
                                   u"h1"_s,   u"h2"_s,    u"h3"_s,    u"h4"_s,    u"h5"_s,
                                   u"h6"_s,   u"thead"_s, u"tbody"_s, u"tr"_s,    u"th"_s,
                                   u"td"_s,   u"a"_s,     u"span"_s,  u"table"_s, u"ol"_s};
    static const QRegularExpression hrefRe(u"^ href=\"https?://[^\"<>\\s]+\"$"_s);
    static const QRegularExpression olRe(u"^ start=\"\\d+\"$"_s);
    if (html.contains(u"<!--"_s))
        return u"comment"_s;
    auto it = tagRe.globalMatch(html);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(2);
        const QString attrs = m.captured(3);
        if (name == u"br" || name == u"hr") {
            if (attrs != u"/")
                return m.captured(0);
            continue;
        }
        if (!bare.contains(name))
            return m.captured(0);
        if (attrs.isEmpty() || !m.captured(1).isEmpty())
            continue;
        const bool allowed = (name == u"a" && hrefRe.match(attrs).hasMatch())
            || (name == u"ol" && olRe.match(attrs).hasMatch())
            || (name == u"span" && attrs == u" style=\"color:#6b7280\"")
            || (name == u"table" && attrs == u" border=\"1\" cellspacing=\"0\" cellpadding=\"3\"");
        if (!allowed)
            return m.captured(0);
    }
    return {};
}

QJsonArray payloads()
{
    QFile file(QStringLiteral(HOOKBENCH_TEST_DATA "/ehr/markdown-payloads.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read markdown-payloads.json");
    return QJsonDocument::fromJson(file.readAll()).array();
}

} // namespace

class TestMarkdownSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordinaryMarkdownSurvives()
    {
        const Rendered r = render(
            u"**Warfarin** and *aspirin*: see [the guideline](https://example.org/g).\n\n"
            "- one\n- two\n\n1. first\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n`code` ~~old~~"_s);
        QVERIFY2(r.html.contains(u"<b>Warfarin</b>"_s), qPrintable(r.html));
        QVERIFY(r.html.contains(u"<i>aspirin</i>"_s));
        QCOMPARE(r.anchors, QStringList {u"https://example.org/g"_s});
        QVERIFY(r.text.contains(u"the guideline (https://example.org/g)"_s));
        QVERIFY(r.html.contains(u"<li>one</li>"_s));
        QVERIFY(r.html.contains(u"<ol start=\"1\">"_s));
        QVERIFY(r.html.contains(u"<td>2</td>"_s));
        QVERIFY(r.html.contains(u"<code>code</code>"_s));
        QVERIFY(r.html.contains(u"<s>old</s>"_s));
        QCOMPARE(foreignMarkup(r.html), QString());
    }

    // The payload suite shared with the QML and WebEngine tests: whatever it holds, Qt builds
    // a document with no image, requests no resource, and can only open absolute http(s) URLs.
    void payloadsNeverFetchOrRun_data()
    {
        QTest::addColumn<QString>("markdown");
        const QJsonArray all = payloads();
        QVERIFY(all.size() >= 30);
        for (const auto &value : all) {
            const QJsonObject p = value.toObject();
            QTest::newRow(qPrintable(p[u"name"].toString()))
                << p[u"markdown"].toString().replace(u"{{tracker}}"_s, kTracker);
        }
    }
    void payloadsNeverFetchOrRun()
    {
        QFETCH(QString, markdown);
        const Rendered r = render(markdown);
        QCOMPARE(foreignMarkup(r.html), QString());
        QCOMPARE(r.requested, QStringList());
        QCOMPARE(r.images, 0);
        for (const QString &href : r.anchors) {
            QVERIFY2(isClickableMarkdownUrl(QUrl(href, QUrl::StrictMode)), qPrintable(href));
            QVERIFY2(!href.contains(u"script"_s, Qt::CaseInsensitive), qPrintable(href));
        }
        QVERIFY2(!r.html.contains(u"<script"_s, Qt::CaseInsensitive), qPrintable(r.html));
    }

    void rawHtmlIsShownAsText()
    {
        const Rendered r
            = render(u"Hello <script>alert(1)</script> <img src=x onerror=alert(2)>"_s);
        QVERIFY2(r.text.contains(u"<script>alert(1)</script>"_s), qPrintable(r.text));
        QVERIFY(r.text.contains(u"<img src=x onerror=alert(2)>"_s));
    }

    void javascriptLinksLoseTheirTarget_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::newRow("inline") << u"[click me](javascript:alert(1))"_s;
        QTest::newRow("upper-case scheme") << u"[click me](JavaScript:alert(1))"_s;
        QTest::newRow("named entity") << u"[click me](javascript&colon;alert(1))"_s;
        QTest::newRow("numeric entity") << u"[click me](&#x6A;avascript:alert(1))"_s;
        QTest::newRow("target on the next line") << u"[click me](\njavascript:alert(1))"_s;
        QTest::newRow("data url") << u"[click me](data:text/html,alert)"_s;
        QTest::newRow("reference") << u"[click me][x]\n\n[x]: javascript:alert(1)"_s;
        QTest::newRow("vbscript") << u"[click me](vbscript:msgbox)"_s;
        QTest::newRow("relative") << u"[click me](/admin)"_s;
    }
    void javascriptLinksLoseTheirTarget()
    {
        QFETCH(QString, markdown);
        const Rendered r = render(markdown);
        QCOMPARE(r.anchors, QStringList());
        QVERIFY2(r.text.contains(u"click me"_s), qPrintable(r.text));
        QVERIFY2(r.text.contains(u"(link not opened: "_s), qPrintable(r.text));
    }

    void autolinkOfAnUnsafeSchemeIsText()
    {
        const Rendered r = render(u"<javascript:alert(1)> click me"_s);
        QCOMPARE(r.anchors, QStringList());
        QVERIFY(r.text.contains(u"javascript:alert(1)"_s));
    }

    // The three bypasses of the old line-by-line rewriter: each fetched a remote image.
    void imagesBecomeVisibleLinks_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::addColumn<QString>("alt");
        QTest::newRow("inline") << u"![tracker](https://evil.example/p.png)"_s << u"tracker"_s;
        QTest::newRow("target on the next line")
            << u"![tracker](\nhttps://evil.example/p.png)"_s << u"tracker"_s;
        QTest::newRow("brackets in the alt text")
            << u"![a [b] c](https://evil.example/p.png)"_s << u"a [b] c"_s;
        QTest::newRow("reference")
            << u"![tracker][t]\n\n[t]: https://evil.example/p.png"_s << u"tracker"_s;
    }
    void imagesBecomeVisibleLinks()
    {
        QFETCH(QString, markdown);
        QFETCH(QString, alt);
        const Rendered r = render(markdown);
        QCOMPARE(r.images, 0);
        QCOMPARE(r.requested, QStringList());
        QCOMPARE(r.anchors, QStringList {u"https://evil.example/p.png"_s});
        QVERIFY2(r.text.contains(u"[image: "_s + alt + u"]"_s), qPrintable(r.text));
        QVERIFY(r.text.contains(u"(https://evil.example/p.png, not loaded)"_s));
    }

    void dataImagesBecomeAltText()
    {
        const Rendered r = render(u"![scan](data:image/png;base64,AAAA)"_s);
        QCOMPARE(r.anchors, QStringList());
        QVERIFY(r.text.contains(u"[image: scan] (not loaded)"_s));
    }

    void everyLinkShowsItsRealTarget()
    {
        const Rendered r = render(u"[https://good.example/](https://evil.example/steal)"_s);
        QCOMPARE(r.anchors, QStringList {u"https://evil.example/steal"_s});
        QVERIFY(r.text.contains(u"(https://evil.example/steal)"_s));
        QVERIFY2(!r.text.contains(u"link not opened"_s), qPrintable(r.text));
        // A bare URL as the text (md4c nests it as an autolink) is text, not a second link.
        const Rendered bare = render(u"[see https://good.example](https://evil.example/x)"_s);
        QCOMPARE(bare.anchors, QStringList {u"https://evil.example/x"_s});
        QCOMPARE(bare.text.trimmed(), u"see https://good.example (https://evil.example/x)"_s);
        // User info exists only to mislead (https://bank.example@evil/...): not clickable.
        QCOMPARE(render(u"[bank](https://bank.example@evil.example/)"_s).anchors, QStringList());
        // An autolink whose text is its target is not repeated.
        QCOMPARE(render(u"<https://example.org/x>"_s).text.trimmed(), u"https://example.org/x"_s);
    }

    void codeIsLiteral()
    {
        const Rendered r = render(u"Use `<b>` here\n\n```\n<script>x</script>\n```"_s);
        QVERIFY(r.text.contains(u"<b>"_s));
        QVERIFY(r.text.contains(u"<script>x</script>"_s));
        QCOMPARE(foreignMarkup(r.html), QString());
    }

    void entitiesAreDecodedAsText()
    {
        const Rendered r = render(u"5 &lt; 6 &amp;&amp; &copy; &#65; &bogus;"_s);
        QVERIFY2(r.text.contains(u"5 < 6 && © A &bogus;"_s), qPrintable(r.text));
    }

    // Hostile shapes stay bounded: deep nesting is flattened, huge input is cut with a note.
    void hostileShapesStayBounded_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::newRow("10000 nested quotes") << QString(10000, u'>') + u" deep"_s;
        QTest::newRow("10000 nested lists") << [] {
            QString s;
            for (int i = 0; i < 2000; ++i)
                s += QString(i * 2, u' ') + u"- x\n"_s;
            return s;
        }();
        QTest::newRow("10000 emphasis") << QString(10000, u'*') + u"x"_s + QString(10000, u'*');
        QTest::newRow("10000 brackets") << QString(10000, u'[') + u"x"_s + QString(10000, u']');
        QTest::newRow("10000 images") << QString(10000, u'!') + QString(5000, u'[');
        QTest::newRow("1 MB summary-like text") << QString(1 << 20, u'a');
    }
    void hostileShapesStayBounded()
    {
        QFETCH(QString, markdown);
        const QString html = renderCardDetail(markdown);
        QVERIFY(html.size() < 6 * hb::ehr::kMaxDetailChars + 1024);
        QVERIFY(html.count(u"<blockquote>"_s) <= hb::ehr::kMaxDetailNesting);
        QVERIFY(html.count(u"<li>"_s) <= 2000);
        if (markdown.size() > hb::ehr::kMaxDetailChars)
            QVERIFY(html.contains(u"detail cut at 65536 characters"_s));
        QCOMPARE(foreignMarkup(html), QString());
    }

    void openableUrls()
    {
        QVERIFY(isOpenableLinkUrl(QUrl(u"https://example.org/x"_s)));
        QVERIFY(isOpenableLinkUrl(QUrl(u"http://127.0.0.1:8080/launch"_s)));
        QVERIFY(isOpenableLinkUrl(QUrl(u"mailto:someone@example.org"_s)));
        QVERIFY(!isOpenableLinkUrl(QUrl(u"javascript:alert(1)"_s)));
        QVERIFY(!isOpenableLinkUrl(QUrl(u"file:///etc/passwd"_s)));
        QVERIFY(!isOpenableLinkUrl(QUrl(u"/relative/path"_s)));
        QVERIFY(!isOpenableLinkUrl(QUrl(u"https://"_s)));
        QVERIFY(!isClickableMarkdownUrl(QUrl(u"mailto:someone@example.org"_s)));
    }
};

QTEST_MAIN(TestMarkdownSafety)
#include "tst_markdownsafety.moc"
