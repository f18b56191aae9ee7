#include "core/rulesreference.h"

#include <QFile>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace hb::core {

QHash<QString, RuleText> parseRulesReference(const QString &markdown)
{
    QHash<QString, RuleText> out;
    QString section;
    const QStringList lines = markdown.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines.at(i).trimmed();
        if (line.startsWith(u'#')) {
            section = line.mid(line.indexOf(u' ') + 1).trimmed();
            continue;
        }
        if (!line.startsWith(u'|') || !line.endsWith(u'|'))
            continue;
        QStringList cells = line.mid(1, line.size() - 2).split(u'|');
        for (QString &cell : cells)
            cell = cell.trimmed();
        if (cells.size() < 4 || cells.first() == u"id"_s || cells.first().startsWith(u"---"_s))
            continue;
        RuleText rule {cells.at(0), cells.at(1), cells.at(2), cells.at(3), section, int(i + 1)};
        out.insert(rule.id, rule);
    }
    return out;
}

QString rulesReferenceText()
{
    QFile file(u":/hookbench/docs/rules.md"_s);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

const QHash<QString, RuleText> &rulesReference()
{
    static const QHash<QString, RuleText> rules = parseRulesReference(rulesReferenceText());
    return rules;
}

} // namespace hb::core
