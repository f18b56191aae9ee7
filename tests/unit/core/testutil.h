#pragma once

// Fixture loading and finding queries shared by the core unit tests.
#include "core/finding.h"
#include "core/json.h"

#include <QFile>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QTest>

inline QString coreDataPath(const QString &relative)
{
    return QStringLiteral(HOOKBENCH_TEST_DATA "/core/") + relative;
}

inline QByteArray readCoreData(const QString &relative)
{
    QFile file(coreDataPath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open fixture %s", qPrintable(file.fileName()));
    return file.readAll();
}

inline QJsonObject loadCoreJson(const QString &relative)
{
    const hb::core::JsonParseResult parsed = hb::core::parseJsonObject(readCoreData(relative));
    if (!parsed.ok())
        qFatal("fixture %s: %s", qPrintable(relative), qPrintable(parsed.error));
    return parsed.object;
}

inline QList<hb::core::Finding> withRule(const QList<hb::core::Finding> &findings,
                                         const QString &rule)
{
    QList<hb::core::Finding> out;
    for (const auto &finding : findings) {
        if (finding.ruleId == rule)
            out.append(finding);
    }
    return out;
}

inline QList<hb::core::Finding> withSeverity(const QList<hb::core::Finding> &findings,
                                             hb::core::Severity severity)
{
    QList<hb::core::Finding> out;
    for (const auto &finding : findings) {
        if (finding.severity == severity)
            out.append(finding);
    }
    return out;
}

/// All findings as lines, for failure messages.
inline QByteArray describe(const QList<hb::core::Finding> &findings)
{
    QStringList lines;
    for (const auto &finding : findings)
        lines.append(hb::core::formatFinding(finding));
    return lines.join(u'\n').toUtf8();
}
