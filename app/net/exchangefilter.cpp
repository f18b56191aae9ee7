#include "net/exchangefilter.h"

#include <array>

using namespace Qt::StringLiterals;

namespace hb::net {

void ExchangeFilter::prepare()
{
    statusHundreds = statusClass.isEmpty() ? -1
        : statusClass == u"none"_s         ? 0
                                           : statusClass.left(1).toInt();
    minRank = minSeverity == u"error"_s ? 3
        : minSeverity == u"warning"_s   ? 2
        : minSeverity == u"info"_s      ? 1
                                        : 0;
    lowerText = text.toLower();
    needle = lowerText.toUtf8();
    const qsizetype m = needle.size();
    skip.fill(m);
    for (qsizetype i = 0; i + 1 < m; ++i)
        skip[static_cast<unsigned char>(needle.at(i))] = m - 1 - i;
    prepared = true;
}

bool ExchangeFilter::isEmpty() const
{
    return kinds.isEmpty() && service.isEmpty() && statusClass.isEmpty() && corsVerdict.isEmpty()
        && minSeverity.isEmpty() && text.isEmpty();
}

QString statusClassOf(int status)
{
    if (status < 100 || status > 599)
        return u"none"_s;
    return QString::number(status / 100) + u"xx"_s;
}

QString serviceOf(const Exchange &exchange)
{
    const QString path = exchange.url.path();
    const qsizetype at = path.indexOf(u"/cds-services/"_s);
    if (at >= 0) {
        const QStringView rest = QStringView(path).mid(at + 14);
        return rest.left(rest.indexOf(u'/')).toString(); // left(-1) = whole
    }
    if (exchange.origin == u"service"_s) { // "subject read under scope" / "subject: outcome"
        qsizetype end = 0;
        while (end < exchange.note.size() && exchange.note.at(end) != u':'
               && exchange.note.at(end) != u' ')
            ++end;
        return exchange.note.left(end);
    }
    return {};
}

namespace {

int rank(core::Severity severity)
{
    switch (severity) {
    case core::Severity::Error:
        return 3;
    case core::Severity::Warning:
        return 2;
    case core::Severity::Info:
        return 1;
    }
    return 0;
}

unsigned char fold(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c;
}

// Case-insensitive (ASCII) Boyer-Moore-Horspool: a body is skipped about needle-length bytes
// at a time, which keeps a free-text filter over 100,000 bodies fast. `needle` is lower-case.
bool containsText(const QByteArray &bytes, const QByteArray &needle,
                  const std::array<qsizetype, 256> &skip)
{
    const qsizetype m = needle.size();
    const qsizetype n = bytes.size();
    if (m == 0 || n < m)
        return m == 0;
    const auto *p = reinterpret_cast<const unsigned char *>(needle.constData());
    const auto *text = reinterpret_cast<const unsigned char *>(bytes.constData());
    for (qsizetype at = 0; at <= n - m;) {
        const unsigned char last = fold(text[at + m - 1]);
        if (last == p[m - 1]) {
            qsizetype k = m - 2;
            while (k >= 0 && fold(text[at + k]) == p[k])
                --k;
            if (k < 0)
                return true;
        }
        at += skip[last];
    }
    return false;
}

} // namespace

ExchangeKeys keysOf(const Exchange &exchange)
{
    return {(exchange.url.toString() + u'\n' + exchange.note).toLower().toUtf8(),
            serviceOf(exchange)};
}

bool matches(const Exchange &e, const ExchangeFilter &given, const ExchangeKeys *cached)
{
    if (!given.prepared) {
        ExchangeFilter filter = given;
        filter.prepare();
        return matches(e, filter, cached);
    }
    const ExchangeFilter &filter = given;
    if (!filter.kinds.isEmpty() && !filter.kinds.contains(e.kind))
        return false;
    if (filter.statusHundreds >= 0) {
        const int hundreds = e.status >= 100 && e.status <= 599 ? e.status / 100 : 0;
        if (hundreds != filter.statusHundreds)
            return false;
    }
    if (!filter.corsVerdict.isEmpty()) {
        const QString verdict = e.cors ? toString(e.cors->verdict) : u"none"_s;
        if (verdict != filter.corsVerdict)
            return false;
    }
    if (filter.minRank > 0) {
        int worst = 0;
        for (const auto &finding : e.findings)
            worst = std::max(worst, rank(finding.severity));
        if (worst < filter.minRank)
            return false;
    }
    if (filter.service.isEmpty() && filter.lowerText.isEmpty())
        return true;
    const ExchangeKeys keys = cached ? ExchangeKeys {} : keysOf(e);
    const ExchangeKeys &k = cached ? *cached : keys;
    if (!filter.service.isEmpty() && k.service != filter.service)
        return false;
    if (!filter.lowerText.isEmpty() && !k.searchText.contains(filter.needle)
        && !containsText(e.requestBody, filter.needle, filter.skip)
        && !containsText(e.responseBody, filter.needle, filter.skip))
        return false;
    return true;
}

ExchangeSummary summarize(const Exchange &e)
{
    using Kind = ExchangeSummary::Kind;
    if (!e.error.isEmpty())
        return {Kind::Error, e.error, {}};
    int errors = 0;
    int warnings = 0;
    const core::Finding *worst = nullptr;
    for (const auto &finding : e.findings) {
        errors += finding.severity == core::Severity::Error;
        warnings += finding.severity == core::Severity::Warning;
        if (finding.severity != core::Severity::Info
            && (!worst || rank(finding.severity) > rank(worst->severity)))
            worst = &finding;
    }
    if (worst) {
        QString counts = errors > 0 ? u"%1 error(s)"_s.arg(errors) : QString();
        if (warnings > 0)
            counts += (counts.isEmpty() ? QString() : u", "_s) + u"%1 warning(s)"_s.arg(warnings);
        return {Kind::Findings, u"%1 — %2 %3"_s.arg(counts, worst->ruleId, worst->message), {}};
    }
    if (e.cors && e.cors->verdict == CorsVerdict::Fail)
        return {Kind::CorsFailure,
                e.cors->chromiumReason.isEmpty() ? e.cors->chromiumMessage
                                                 : u"CORS: "_s + e.cors->chromiumReason,
                {}};
    if (e.cors && !e.cors->warnings.isEmpty()) {
        const CorsWarning &w = e.cors->warnings.first();
        return {Kind::Warning, w.message,
                w.id + u'@' + e.url.host() + u':' + QString::number(e.url.port())};
    }
    return {Kind::Note, e.note, {}};
}

QString toString(ExchangeSummary::Kind kind)
{
    switch (kind) {
    case ExchangeSummary::Kind::Error:
        return u"error"_s;
    case ExchangeSummary::Kind::Findings:
        return u"findings"_s;
    case ExchangeSummary::Kind::CorsFailure:
        return u"cors"_s;
    case ExchangeSummary::Kind::Warning:
        return u"warning"_s;
    case ExchangeSummary::Kind::Note:
        return u"note"_s;
    }
    return {};
}

} // namespace hb::net
