#include "ehr/markdownsafety.h"

#include <md4c.h>

#include <QByteArray>
#include <QHash>
#include <QList>

using namespace Qt::StringLiterals;

namespace hb::ehr {

namespace {

// Raw HTML is not recognised at all (it arrives as ordinary text and is escaped); GitHub's
// tables, strikethrough, task lists and bare-URL autolinks are.
constexpr unsigned kParserFlags = MD_FLAG_NOHTML | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH
    | MD_FLAG_TASKLISTS | MD_FLAG_PERMISSIVEURLAUTOLINKS;
constexpr qsizetype kMaxShownTarget = 160;

QString escapeHtml(QStringView text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case u'&':
            out += u"&amp;"_s;
            break;
        case u'<':
            out += u"&lt;"_s;
            break;
        case u'>':
            out += u"&gt;"_s;
            break;
        case u'"':
            out += u"&quot;"_s;
            break;
        case u'\'':
            out += u"&#39;"_s;
            break;
        case 0:
            out += QChar(QChar::ReplacementCharacter);
            break;
        default:
            out += c;
        }
    }
    return out;
}

// md4c hands entities over undecoded ("&colon;", "&#106;"); they are decoded here so a
// link target is checked as the browser would read it. Unknown names stay literal text.
QString decodeEntity(QStringView entity)
{
    static const QHash<QString, char32_t> named {
        {u"amp"_s, U'&'},     {u"lt"_s, U'<'},       {u"gt"_s, U'>'},       {u"quot"_s, U'"'},
        {u"apos"_s, U'\''},   {u"nbsp"_s, 0xA0},     {u"colon"_s, U':'},    {u"sol"_s, U'/'},
        {u"Tab"_s, U'\t'},    {u"NewLine"_s, U'\n'}, {u"lpar"_s, U'('},     {u"rpar"_s, U')'},
        {u"copy"_s, 0xA9},    {u"reg"_s, 0xAE},      {u"deg"_s, 0xB0},      {u"plusmn"_s, 0xB1},
        {u"micro"_s, 0xB5},   {u"middot"_s, 0xB7},   {u"times"_s, 0xD7},    {u"divide"_s, 0xF7},
        {u"ndash"_s, 0x2013}, {u"mdash"_s, 0x2014},  {u"hellip"_s, 0x2026}, {u"le"_s, 0x2264},
        {u"ge"_s, 0x2265},    {u"ne"_s, 0x2260},     {u"rarr"_s, 0x2192},   {u"larr"_s, 0x2190},
        {u"bull"_s, 0x2022},  {u"euro"_s, 0x20AC},   {u"trade"_s, 0x2122},  {u"alpha"_s, 0x3B1},
        {u"beta"_s, 0x3B2},   {u"mu"_s, 0x3BC},      {u"lsquo"_s, 0x2018},  {u"rsquo"_s, 0x2019},
        {u"ldquo"_s, 0x201C}, {u"rdquo"_s, 0x201D},  {u"period"_s, U'.'},   {u"percnt"_s, U'%'},
    };
    if (entity.size() < 3 || entity.front() != u'&' || entity.back() != u';')
        return entity.toString();
    const QStringView body = entity.mid(1, entity.size() - 2);
    char32_t code = 0;
    if (body.startsWith(u'#')) {
        bool ok = false;
        const bool hex = body.size() > 1 && (body.at(1) == u'x' || body.at(1) == u'X');
        const qulonglong value = body.mid(hex ? 2 : 1).toULongLong(&ok, hex ? 16 : 10);
        // HTML turns NUL, surrogates and out-of-range code points into U+FFFD.
        code = (!ok || value == 0 || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
            ? char32_t(QChar::ReplacementCharacter)
            : char32_t(value);
    } else {
        const auto it = named.constFind(body.toString());
        if (it == named.constEnd())
            return entity.toString();
        code = it.value();
    }
    return QString::fromUcs4(&code, 1);
}

QString decodeAttribute(const MD_ATTRIBUTE &attribute)
{
    QString out;
    for (int i = 0; attribute.substr_offsets[i] < attribute.size; ++i) {
        const MD_OFFSET begin = attribute.substr_offsets[i];
        const MD_OFFSET end = attribute.substr_offsets[i + 1];
        const QString piece = QString::fromUtf8(attribute.text + begin, qsizetype(end - begin));
        switch (attribute.substr_types[i]) {
        case MD_TEXT_ENTITY:
            out += decodeEntity(piece);
            break;
        case MD_TEXT_NULLCHAR:
            out += QChar(QChar::ReplacementCharacter);
            break;
        default:
            out += piece;
        }
    }
    return out;
}

QString shownTarget(const QString &target)
{
    return target.size() > kMaxShownTarget ? target.left(kMaxShownTarget) + u'…' : target;
}

// One pass over md4c's events, writing HTML from a fixed vocabulary.
class Renderer
{
public:
    QString out;

    void enterBlock(MD_BLOCKTYPE type, void *detail)
    {
        if (isContainer(type) && ++m_depth > kMaxDetailNesting)
            return;
        switch (type) {
        case MD_BLOCK_DOC:
            break;
        case MD_BLOCK_QUOTE:
            out += u"<blockquote>"_s;
            break;
        case MD_BLOCK_UL:
            out += u"<ul>"_s;
            break;
        case MD_BLOCK_OL:
            out += u"<ol start=\"%1\">"_s.arg(static_cast<MD_BLOCK_OL_DETAIL *>(detail)->start);
            break;
        case MD_BLOCK_LI: {
            out += u"<li>"_s;
            const auto *li = static_cast<MD_BLOCK_LI_DETAIL *>(detail);
            if (li->is_task)
                out += (li->task_mark == ' ') ? u"☐ "_s : u"☑ "_s;
            break;
        }
        case MD_BLOCK_HR:
            out += u"<hr/>"_s;
            break;
        case MD_BLOCK_H:
            out += u"<h%1>"_s.arg(static_cast<MD_BLOCK_H_DETAIL *>(detail)->level);
            break;
        case MD_BLOCK_CODE:
            out += u"<pre>"_s;
            break;
        case MD_BLOCK_HTML:
            out += u"<p>"_s;
            break; // not produced with MD_FLAG_NOHTML
        case MD_BLOCK_P:
            out += u"<p>"_s;
            break;
        case MD_BLOCK_TABLE:
            out += u"<table border=\"1\" cellspacing=\"0\" cellpadding=\"3\">"_s;
            break;
        case MD_BLOCK_THEAD:
            out += u"<thead>"_s;
            break;
        case MD_BLOCK_TBODY:
            out += u"<tbody>"_s;
            break;
        case MD_BLOCK_TR:
            out += u"<tr>"_s;
            break;
        case MD_BLOCK_TH:
            out += u"<th>"_s;
            break;
        case MD_BLOCK_TD:
            out += u"<td>"_s;
            break;
        }
    }

    void leaveBlock(MD_BLOCKTYPE type, void *detail)
    {
        if (isContainer(type) && m_depth-- > kMaxDetailNesting)
            return;
        switch (type) {
        case MD_BLOCK_DOC:
            break;
        case MD_BLOCK_QUOTE:
            out += u"</blockquote>"_s;
            break;
        case MD_BLOCK_UL:
            out += u"</ul>"_s;
            break;
        case MD_BLOCK_OL:
            out += u"</ol>"_s;
            break;
        case MD_BLOCK_LI:
            out += u"</li>"_s;
            break;
        case MD_BLOCK_HR:
            break;
        case MD_BLOCK_H:
            out += u"</h%1>"_s.arg(static_cast<MD_BLOCK_H_DETAIL *>(detail)->level);
            break;
        case MD_BLOCK_CODE:
            out += u"</pre>"_s;
            break;
        case MD_BLOCK_HTML:
        case MD_BLOCK_P:
            out += u"</p>"_s;
            break;
        case MD_BLOCK_TABLE:
            out += u"</table>"_s;
            break;
        case MD_BLOCK_THEAD:
            out += u"</thead>"_s;
            break;
        case MD_BLOCK_TBODY:
            out += u"</tbody>"_s;
            break;
        case MD_BLOCK_TR:
            out += u"</tr>"_s;
            break;
        case MD_BLOCK_TH:
            out += u"</th>"_s;
            break;
        case MD_BLOCK_TD:
            out += u"</td>"_s;
            break;
        }
    }

    void enterSpan(MD_SPANTYPE type, void *detail)
    {
        if (type == MD_SPAN_IMG) {
            if (m_imageDepth++ == 0) {
                m_imageSource = decodeAttribute(static_cast<MD_SPAN_IMG_DETAIL *>(detail)->src);
                m_alt.clear();
            }
            return;
        }
        if (m_imageDepth > 0) // spans inside an image's alt text contribute their text only
            return;
        if (type == MD_SPAN_A) {
            enterLink(decodeAttribute(static_cast<MD_SPAN_A_DETAIL *>(detail)->href));
            return;
        }
        if (++m_spanDepth > kMaxDetailNesting)
            return;
        out += spanTag(type, false);
    }

    void leaveSpan(MD_SPANTYPE type)
    {
        if (type == MD_SPAN_IMG) {
            if (--m_imageDepth == 0)
                writeImage();
            return;
        }
        if (m_imageDepth > 0)
            return;
        if (type == MD_SPAN_A) {
            leaveLink();
            return;
        }
        if (m_spanDepth-- > kMaxDetailNesting)
            return;
        out += spanTag(type, true);
    }

    void text(MD_TEXTTYPE type, QStringView text)
    {
        QString plain;
        switch (type) {
        case MD_TEXT_NULLCHAR:
            plain = QChar(QChar::ReplacementCharacter);
            break;
        case MD_TEXT_BR:
            if (m_imageDepth == 0) {
                out += u"<br/>"_s;
                return;
            }
            plain = u" "_s;
            break;
        case MD_TEXT_SOFTBR:
            plain = m_imageDepth ? u" "_s : u"\n"_s;
            break;
        case MD_TEXT_ENTITY:
            plain = decodeEntity(text);
            break;
        default:
            plain = text.toString(); // normal, code, raw HTML (shown as text), LaTeX
        }
        if (m_imageDepth > 0) {
            m_alt += plain;
            return;
        }
        if (!m_links.isEmpty())
            m_links.last().label += plain;
        out += escapeHtml(plain);
    }

private:
    struct OpenLink
    {
        QString target; // what the link really opens; empty when refused
        QString refused; // the refused target, shown as text
        QString label;
        bool nested = false;
    };

    static bool isContainer(MD_BLOCKTYPE type)
    {
        return type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL
            || type == MD_BLOCK_LI;
    }

    static QString spanTag(MD_SPANTYPE type, bool closing)
    {
        const QString slash = closing ? u"/"_s : QString();
        switch (type) {
        case MD_SPAN_EM:
            return u"<"_s + slash + u"i>"_s;
        case MD_SPAN_STRONG:
            return u"<"_s + slash + u"b>"_s;
        case MD_SPAN_DEL:
            return u"<"_s + slash + u"s>"_s;
        case MD_SPAN_CODE:
            return u"<"_s + slash + u"code>"_s;
        case MD_SPAN_U:
            return u"<"_s + slash + u"u>"_s;
        default:
            return {}; // LaTeX and wiki links are not enabled
        }
    }

    // The URL exactly as it will be opened, or empty when it must not be clickable.
    static QString clickableTarget(const QString &href)
    {
        const QUrl url(href.trimmed(), QUrl::StrictMode);
        return isClickableMarkdownUrl(url) ? url.toString(QUrl::FullyEncoded) : QString();
    }

    void enterLink(const QString &href)
    {
        OpenLink link;
        // A bare URL in a link's text is an autolink md4c nests inside the link: it is text.
        link.nested = !m_links.isEmpty();
        link.target = link.nested ? QString() : clickableTarget(href);
        if (link.target.isEmpty())
            link.refused = href;
        else
            out += u"<a href=\""_s + escapeHtml(link.target) + u"\">"_s;
        m_links.append(link);
    }

    void leaveLink()
    {
        if (m_links.isEmpty())
            return;
        const OpenLink link = m_links.takeLast();
        if (link.nested) {
            m_links.last().label += link.label;
            return;
        }
        if (!link.target.isEmpty()) {
            out += u"</a>"_s;
            if (link.label.trimmed() != link.target)
                writeNote(u"("_s + shownTarget(link.target) + u")"_s);
        } else if (!link.refused.trimmed().isEmpty()) {
            writeNote(u"(link not opened: "_s + shownTarget(link.refused.trimmed()) + u")"_s);
        }
        if (!m_links.isEmpty())
            m_links.last().label += link.label;
    }

    void writeImage()
    {
        const QString alt = m_alt.trimmed().isEmpty() ? u"image"_s : m_alt.trimmed();
        const QString target = m_links.isEmpty() ? clickableTarget(m_imageSource) : QString();
        if (!target.isEmpty()) {
            out += u"<a href=\""_s + escapeHtml(target) + u"\">"_s
                + escapeHtml(u"[image: "_s + alt + u"]"_s) + u"</a>"_s;
            writeNote(u"("_s + shownTarget(target) + u", not loaded)"_s);
            return;
        }
        const QString label = u"[image: "_s + alt + u"]"_s;
        if (!m_links.isEmpty())
            m_links.last().label += label;
        out += escapeHtml(label);
        if (m_links.isEmpty())
            writeNote(u"(not loaded)"_s);
    }

    void writeNote(const QString &note)
    {
        out += u" <span style=\"color:#6b7280\">"_s + escapeHtml(note) + u"</span>"_s;
    }

    int m_depth = 0;
    int m_spanDepth = 0;
    int m_imageDepth = 0;
    QString m_imageSource;
    QString m_alt;
    QList<OpenLink> m_links;
};

Renderer *rendererOf(void *userdata)
{
    return static_cast<Renderer *>(userdata);
}

} // namespace

QString renderCardDetail(const QString &markdown)
{
    QString source = markdown;
    const bool cut = source.size() > kMaxDetailChars;
    if (cut) {
        qsizetype end = kMaxDetailChars;
        if (source.at(end - 1).isHighSurrogate())
            --end;
        source.truncate(end);
    }
    const QByteArray utf8 = source.toUtf8();

    MD_PARSER parser {};
    parser.abi_version = 0;
    parser.flags = kParserFlags;
    parser.enter_block = [](MD_BLOCKTYPE type, void *detail, void *userdata) {
        rendererOf(userdata)->enterBlock(type, detail);
        return 0;
    };
    parser.leave_block = [](MD_BLOCKTYPE type, void *detail, void *userdata) {
        rendererOf(userdata)->leaveBlock(type, detail);
        return 0;
    };
    parser.enter_span = [](MD_SPANTYPE type, void *detail, void *userdata) {
        rendererOf(userdata)->enterSpan(type, detail);
        return 0;
    };
    parser.leave_span = [](MD_SPANTYPE type, void *, void *userdata) {
        rendererOf(userdata)->leaveSpan(type);
        return 0;
    };
    parser.text = [](MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata) {
        const QString decoded = QString::fromUtf8(text, qsizetype(size));
        rendererOf(userdata)->text(type, decoded);
        return 0;
    };

    Renderer renderer;
    if (md_parse(utf8.constData(), MD_SIZE(utf8.size()), &parser, &renderer) != 0)
        return u"<p>"_s + escapeHtml(source) + u"</p>"_s; // md4c ran out of memory: plain text
    if (cut)
        renderer.out += u"<p><i>"_s
            + escapeHtml(u"… detail cut at %1 characters"_s.arg(kMaxDetailChars)) + u"</i></p>"_s;
    return renderer.out;
}

bool isOpenableLinkUrl(const QUrl &url)
{
    if (!url.isValid() || url.isRelative())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"mailto")
        return !url.path().isEmpty();
    return (scheme == u"http" || scheme == u"https") && !url.host().isEmpty();
}

bool isClickableMarkdownUrl(const QUrl &url)
{
    if (!url.isValid() || url.isRelative() || !url.userInfo().isEmpty())
        return false; // user info (https://bank.example@evil.example/) only serves to mislead
    const QString scheme = url.scheme().toLower();
    return (scheme == u"http" || scheme == u"https") && !url.host().isEmpty();
}

} // namespace hb::ehr
