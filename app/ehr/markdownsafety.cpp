#include "ehr/markdownsafety.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace hb::ehr {

namespace {

bool isFenceLine(const QString &line, QString *fence)
{
    static const QRegularExpression fenceRe(u"^ {0,3}(`{3,}|~{3,})"_s);
    const auto match = fenceRe.match(line);
    if (!match.hasMatch())
        return false;
    *fence = match.captured(1);
    return true;
}

QString safeDestination(const QString &destination)
{
    QString target = destination.trimmed();
    // A destination may carry a title: [x](url "title").
    const qsizetype space = target.indexOf(u' ');
    if (space > 0)
        target = target.left(space);
    if (target.startsWith(u'<') && target.endsWith(u'>'))
        target = target.mid(1, target.size() - 2);
    return isOpenableLinkUrl(QUrl(target)) ? target : QString();
}

// Rewrites inline links and images outside code spans: unsafe targets are dropped, images turn
// into links (Qt would otherwise fetch them while rendering).
QString rewriteLinks(const QString &text)
{
    static const QRegularExpression linkRe(u"(!?)\\[([^\\]]*)\\]\\(([^)]*)\\)"_s);
    QString out;
    qsizetype last = 0;
    auto it = linkRe.globalMatch(text);
    while (it.hasNext()) {
        const auto match = it.next();
        out += text.mid(last, match.capturedStart() - last);
        const bool image = !match.captured(1).isEmpty();
        QString label = match.captured(2);
        if (image && label.isEmpty())
            label = u"image"_s;
        const QString target = safeDestination(match.captured(3));
        out += target.isEmpty() ? label : u"["_s + label + u"]("_s + target + u")"_s;
        last = match.capturedEnd();
    }
    out += text.mid(last);
    return out;
}

// Escapes '<' outside code spans so raw HTML and autolinks such as <javascript:...> show as text.
QString sanitizeInline(const QString &line)
{
    QString out;
    QString plain;
    qsizetype i = 0;
    auto flushPlain = [&] {
        QString rewritten = rewriteLinks(plain);
        rewritten.replace(u'<', u"\\<"_s);
        out += rewritten;
        plain.clear();
    };
    while (i < line.size()) {
        if (line.at(i) == u'`') {
            qsizetype run = 0;
            while (i + run < line.size() && line.at(i + run) == u'`')
                ++run;
            const QString ticks(run, u'`');
            const qsizetype close = line.indexOf(ticks, i + run);
            if (close >= 0) {
                flushPlain();
                out += line.mid(i, close + run - i);
                i = close + run;
                continue;
            }
            plain += ticks;
            i += run;
            continue;
        }
        plain += line.at(i);
        ++i;
    }
    flushPlain();
    return out;
}

bool isUnsafeReferenceDefinition(const QString &line)
{
    static const QRegularExpression defRe(u"^ {0,3}\\[[^\\]]+\\]:\\s*(\\S+)"_s);
    const auto match = defRe.match(line);
    return match.hasMatch() && safeDestination(match.captured(1)).isEmpty();
}

} // namespace

QString sanitizeCardMarkdown(const QString &markdown)
{
    const QStringList lines = markdown.split(u'\n');
    QStringList out;
    out.reserve(lines.size());
    QString openFence;
    for (const QString &line : lines) {
        QString fence;
        if (!openFence.isEmpty()) {
            out << line;
            if (isFenceLine(line, &fence) && fence.startsWith(openFence.left(3)))
                openFence.clear();
            continue;
        }
        if (isFenceLine(line, &fence)) {
            openFence = fence;
            out << line;
            continue;
        }
        if (line.startsWith(u"    "_s) || line.startsWith(u'\t')) {
            out << line; // indented code block
            continue;
        }
        if (isUnsafeReferenceDefinition(line))
            continue;
        out << sanitizeInline(line);
    }
    return out.join(u'\n');
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

} // namespace hb::ehr
