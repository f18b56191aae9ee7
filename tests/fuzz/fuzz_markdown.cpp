// The card-markdown filter: whatever the markdown, the HTML it writes holds no tag or attribute
// outside its fixed vocabulary and no anchor to anything but http(s).
#include "ehr/markdownsafety.h"
#include "fuzzcheck.h"

#include <QByteArray>
#include <QRegularExpression>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QString markdown
        = QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString html = hb::ehr::renderCardDetail(markdown);
    static const QRegularExpression tagRe(QStringLiteral("<(/?)([a-z0-9]+)([^>]*)>"));
    static const QRegularExpression allowedRe(QStringLiteral(
        "^(/?(p|b|i|s|u|code|pre|ul|li|blockquote|h[1-6]|thead|tbody|tr|th|td|a|span|table|ol)"
        "|br/|hr/|a href=\"https?://[^\"<>\\s]+\"|ol start=\"\\d+\"|span style=\"color:#6b7280\""
        "|table border=\"1\" cellspacing=\"0\" cellpadding=\"3\")$"));
    auto it = tagRe.globalMatch(html);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString inner = m.captured(0).mid(1, m.capturedLength(0) - 2);
        FUZZ_CHECK(allowedRe.match(inner).hasMatch());
    }
    FUZZ_CHECK(!html.contains(QStringLiteral("<!--")));
    FUZZ_CHECK(html.size() < 16 * hb::ehr::kMaxDetailChars);
    return 0;
}
