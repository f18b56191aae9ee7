// Card markdown from an untrusted service never becomes live HTML, script or a remote load (C15).
#include "ehr/markdownsafety.h"

#include <QTest>
#include <QTextDocument>

using namespace Qt::StringLiterals;
using hb::ehr::isOpenableLinkUrl;
using hb::ehr::sanitizeCardMarkdown;

namespace {
// What Qt's own markdown renderer (the one the cards use) makes of the sanitized text.
QString renderedHtml(const QString &markdown)
{
    QTextDocument document;
    document.setMarkdown(sanitizeCardMarkdown(markdown));
    return document.toHtml();
}
QString renderedText(const QString &markdown)
{
    QTextDocument document;
    document.setMarkdown(sanitizeCardMarkdown(markdown));
    return document.toPlainText();
}
} // namespace

class TestMarkdownSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ordinaryMarkdownSurvives()
    {
        const QString md
            = u"**Warfarin** and *aspirin*: see [the guideline](https://example.org/g)."_s;
        QCOMPARE(sanitizeCardMarkdown(md), md);
        QVERIFY(renderedHtml(md).contains(u"href=\"https://example.org/g\""_s));
    }

    void rawHtmlIsShownAsText()
    {
        const QString md = u"Hello <script>alert(1)</script> <img src=x onerror=alert(2)>"_s;
        const QString text = renderedText(md);
        QVERIFY2(text.contains(u"<script>alert(1)</script>"_s), qPrintable(text));
        const QString html = renderedHtml(md);
        QVERIFY(!html.contains(u"<script"_s));
        QVERIFY(!html.contains(u"<img"_s));
    }

    void javascriptLinksLoseTheirTarget_data()
    {
        QTest::addColumn<QString>("markdown");
        QTest::newRow("inline") << u"[click me](javascript:alert(1))"_s;
        QTest::newRow("upper-case scheme") << u"[click me](JavaScript:alert(1))"_s;
        QTest::newRow("data url") << u"[click me](data:text/html,<script>alert(1)</script>)"_s;
        QTest::newRow("autolink") << u"<javascript:alert(1)> click me"_s;
        QTest::newRow("reference") << u"[click me][x]\n\n[x]: javascript:alert(1)"_s;
        QTest::newRow("vbscript") << u"[click me](vbscript:msgbox)"_s;
    }
    void javascriptLinksLoseTheirTarget()
    {
        QFETCH(QString, markdown);
        const QString html = renderedHtml(markdown);
        QVERIFY2(!html.contains(u"href"_s), qPrintable(html));
        QVERIFY(renderedText(markdown).contains(u"click me"_s));
    }

    void imagesBecomeLinks()
    {
        const QString html = renderedHtml(u"![tracker](https://evil.example/pixel.png)"_s);
        QVERIFY(!html.contains(u"<img"_s));
        QVERIFY(html.contains(u"href=\"https://evil.example/pixel.png\""_s));
    }

    void codeIsLeftLiteral()
    {
        const QString md = u"Use `<b>` here\n\n```\n<script>x</script>\n```"_s;
        QCOMPARE(sanitizeCardMarkdown(md), md);
        QVERIFY(!renderedHtml(md).contains(u"<b>"_s));
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
    }
};

QTEST_MAIN(TestMarkdownSafety)
#include "tst_markdownsafety.moc"
