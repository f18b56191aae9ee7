#include "fhir/daterange.h"

#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace hb::fhir {

namespace {

const QRegularExpression &datePattern()
{
    static const QRegularExpression re(
        uR"(^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)"
        uR"((Z|[+-]\d{2}:\d{2})?)?)?)?$)"_s);
    return re;
}

} // namespace

std::optional<DateRange> DateRange::parse(const QString &text)
{
    const auto m = datePattern().match(text);
    if (!m.hasMatch())
        return std::nullopt;
    const int year = m.captured(1).toInt();
    const bool hasMonth = !m.captured(2).isEmpty();
    const bool hasDay = !m.captured(3).isEmpty();
    const bool hasTime = !m.captured(4).isEmpty();
    const int month = hasMonth ? m.captured(2).toInt() : 1;
    const int dayOfMonth = hasDay ? m.captured(3).toInt() : 1;
    const QDate date(year, month, dayOfMonth);
    if (!date.isValid())
        return std::nullopt;
    if (!hasTime) {
        const QDateTime start(date, QTime(0, 0), Qt::UTC);
        const QDate next = hasDay ? date.addDays(1)
            : hasMonth            ? date.addMonths(1)
                                  : date.addYears(1);
        return DateRange {start, QDateTime(next, QTime(0, 0), Qt::UTC)};
    }
    const bool hasSeconds = !m.captured(6).isEmpty();
    const QTime time(m.captured(4).toInt(), m.captured(5).toInt(),
                     hasSeconds ? m.captured(6).toInt() : 0);
    if (!time.isValid())
        return std::nullopt;
    int offsetSeconds = 0;
    const QString zone = m.captured(8);
    if (zone.isEmpty() && hasSeconds)
        return std::nullopt; // FHIR: a dateTime with seconds must carry a timezone
    if (!zone.isEmpty() && zone != u"Z") {
        const int sign = zone.startsWith(u'-') ? -1 : 1;
        offsetSeconds = sign * (zone.mid(1, 2).toInt() * 3600 + zone.mid(4, 2).toInt() * 60);
    }
    const QDateTime start = QDateTime(date, time, QTimeZone(offsetSeconds)).toUTC();
    return DateRange {start, start.addSecs(hasSeconds ? 1 : 60)};
}

std::optional<DateRange> DateRange::fromJson(const QJsonValue &value)
{
    if (value.isString())
        return parse(value.toString());
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject period = value.toObject();
    const auto start = period.contains(u"start"_s) ? parse(period.value(u"start"_s).toString())
                                                   : std::optional<DateRange> {};
    const auto end = period.contains(u"end"_s) ? parse(period.value(u"end"_s).toString())
                                               : std::optional<DateRange> {};
    if (!start && !end)
        return std::nullopt;
    static const QDateTime farPast(QDate(1, 1, 1), QTime(0, 0), Qt::UTC);
    static const QDateTime farFuture(QDate(9999, 12, 31), QTime(0, 0), Qt::UTC);
    return DateRange {start ? start->start : farPast, end ? end->end : farFuture};
}

bool dateMatches(const DateRange &resource, DatePrefix prefix, const DateRange &value)
{
    switch (prefix) {
    case DatePrefix::Eq:
        return resource.start >= value.start && resource.end <= value.end;
    case DatePrefix::Lt:
        return resource.start < value.start;
    case DatePrefix::Gt:
        return resource.end > value.end;
    case DatePrefix::Ge:
        return resource.end > value.start;
    case DatePrefix::Le:
        return resource.start < value.end;
    }
    return false;
}

QString shiftDateString(const QString &text, qint64 days, bool *shifted)
{
    if (shifted)
        *shifted = false;
    if (days == 0 || text.size() < 10 || text.size() > 35)
        return text;
    const auto m = datePattern().match(text);
    if (!m.hasMatch() || m.captured(3).isEmpty())
        return text; // only full dates carry a day to shift
    const QDate date = QDate::fromString(text.left(10), u"yyyy-MM-dd"_s);
    if (!date.isValid())
        return text;
    if (shifted)
        *shifted = true;
    return date.addDays(days).toString(u"yyyy-MM-dd"_s) + text.mid(10);
}

} // namespace hb::fhir
