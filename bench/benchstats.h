#pragma once

// The summary every benchmark prints for a series of timings (bench/run reads these keys).
#include <QJsonObject>
#include <QList>

#include <algorithm>

/// min, median, p90 (nearest rank below), max and n of `values`; empty for no values.
inline QJsonObject stats(QList<double> values)
{
    std::sort(values.begin(), values.end());
    if (values.isEmpty())
        return {};
    auto at = [&](double p) { return values.at(qsizetype((values.size() - 1) * p)); };
    using namespace Qt::StringLiterals;
    return {{u"min"_s, values.first()},
            {u"median"_s, at(0.5)},
            {u"p90"_s, at(0.9)},
            {u"max"_s, values.last()},
            {u"n"_s, int(values.size())}};
}
