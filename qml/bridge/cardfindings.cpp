#include "cardfindings.h"

#include <QHash>
#include <QJsonArray>
#include <QVariantMap>

#include <algorithm>

using namespace Qt::StringLiterals;
using hb::core::Finding;
using hb::core::Severity;

namespace cardfindings {

qsizetype cardIndexOf(const QString &pointer)
{
    static const QString prefix = u"/cards/"_s;
    if (!pointer.startsWith(prefix))
        return -1;
    const qsizetype end = pointer.indexOf(u'/', prefix.size());
    const QStringView digits
        = QStringView(pointer).mid(prefix.size(), end < 0 ? -1 : end - prefix.size());
    // RFC 6901 array indices: digits, no sign, no leading zero (but "0" itself).
    if (digits.isEmpty() || (digits.size() > 1 && digits.front() == u'0')
        || !std::all_of(digits.begin(), digits.end(), [](QChar c) { return c.isDigit(); }))
        return -1;
    bool ok = false;
    const qsizetype index = digits.toLongLong(&ok);
    return ok ? index : -1;
}

QList<QList<Finding>> perCard(const hb::core::CdsResponse &response, const QList<Finding> &findings)
{
    QList<QList<Finding>> out(response.cards.size());
    // Raw index -> parsed index (listOf<Card> keeps only the array's objects).
    QList<qsizetype> parsedAt;
    if (response.raw.contains(u"cards"_s)) {
        const QJsonArray raw = response.raw.value(u"cards"_s).toArray();
        qsizetype parsed = 0;
        for (const auto &item : raw)
            parsedAt << (item.isObject() ? parsed++ : -1);
    } else {
        for (qsizetype i = 0; i < response.cards.size(); ++i)
            parsedAt << i;
    }
    for (const Finding &finding : findings) {
        const qsizetype raw = cardIndexOf(finding.pointer);
        if (raw < 0 || raw >= parsedAt.size())
            continue;
        const qsizetype card = parsedAt.at(raw);
        if (card >= 0 && card < out.size())
            out[card] << finding;
    }
    return out;
}

QString worstSeverity(const QList<Finding> &findings)
{
    if (findings.isEmpty())
        return {};
    Severity worst = Severity::Info;
    for (const Finding &finding : findings)
        worst = std::min(worst, finding.severity); // Error < Warning < Info
    return hb::core::severityName(worst);
}

QString badgeText(const QList<Finding> &findings)
{
    if (findings.isEmpty())
        return {};
    const auto count
        = [&](Severity severity) { return hb::core::countSeverity(findings, severity); };
    const auto part = [](qsizetype n, const QString &one, const QString &many) {
        return u"%1 %2"_s.arg(n).arg(n == 1 ? one : many);
    };
    QStringList parts;
    if (const auto n = count(Severity::Error))
        parts << part(n, u"error"_s, u"errors"_s);
    if (const auto n = count(Severity::Warning))
        parts << part(n, u"warning"_s, u"warnings"_s);
    if (const auto n = count(Severity::Info))
        parts << part(n, u"note"_s, u"notes"_s);
    return u"SPEC · "_s + parts.join(u", "_s);
}

QVariantList toVariantList(const QList<Finding> &findings)
{
    QList<Finding> sorted = findings;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const Finding &a, const Finding &b) { return a.severity < b.severity; });
    // The same rule and message at several members ("arrays must not be empty" for suggestions
    // and links) would read as one line repeated: those lines name their member in the card.
    QHash<QString, int> seen;
    for (const Finding &finding : sorted)
        ++seen[finding.ruleId + u' ' + finding.message];
    QVariantList list;
    for (const Finding &finding : sorted) {
        QString line = finding.ruleId + u' ' + finding.message;
        if (seen.value(line) > 1) {
            const qsizetype index = cardIndexOf(finding.pointer);
            const QString inCard = finding.pointer.mid(u"/cards/%1"_s.arg(index).size());
            line += inCard.isEmpty() ? u" (the card)"_s : u" (at %1)"_s.arg(inCard);
        }
        list << QVariantMap {{u"ruleId"_s, finding.ruleId},
                             {u"severity"_s, hb::core::severityName(finding.severity)},
                             {u"pointer"_s, finding.pointer},
                             {u"message"_s, finding.message},
                             {u"line"_s, line},
                             {u"cli"_s, hb::core::formatFinding(finding)}};
    }
    return list;
}

} // namespace cardfindings
