// docs/rules.md defines every rule id Hookbench emits or cites: the validator's findings on every
// fixture, the CORS evaluator's warning ids and Firefox codes on every matrix row, and every id
// named in the sources. The reference shipped in the program is the file in the repository.
#include "../net/corsmatrix.h"
#include "core/json.h"
#include "core/rulesreference.h"
#include "core/validator.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::core;

namespace {

QString readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    return QString::fromUtf8(file.readAll());
}

const QString sourceDir = QStringLiteral(HOOKBENCH_SOURCE_DIR);

QList<Finding> validateFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot open %s", qPrintable(path));
    const QByteArray bytes = file.readAll();
    const JsonParseResult parsed = parseJsonObject(bytes);
    QList<Finding> out = jsonFindings(parsed);
    if (!parsed.ok())
        return out;
    const QJsonObject doc = parsed.object;
    if (doc.contains(u"status"_s) && doc.contains(u"body"_s)) { // an HTTP answer (V23 fixtures)
        const QJsonValue body = doc.value(u"body"_s);
        return out
            + validateHttpStatus(doc.value(u"status"_s).toInt(),
                                 body.isString() ? body.toString().toUtf8()
                                                 : QJsonDocument(body.toObject()).toJson());
    }
    switch (detectKind(doc)) {
    case DocumentKind::Discovery:
        return out + validateDiscovery(doc);
    case DocumentKind::Request:
        return out + validateRequest(doc);
    case DocumentKind::Feedback:
        return out + validateFeedback(doc);
    default:
        return out + validateResponse(doc);
    }
}

} // namespace

class TestRulesDoc : public QObject
{
    Q_OBJECT

    QHash<QString, RuleText> rules;

    void requireDefined(const QSet<QString> &ids, const QString &where)
    {
        QStringList missing;
        for (const QString &id : ids)
            if (!rules.contains(id))
                missing.append(id);
        missing.sort();
        QVERIFY2(missing.isEmpty(),
                 qPrintable(where + u": not defined in docs/rules.md: "_s + missing.join(u", ")));
    }

private Q_SLOTS:
    void initTestCase()
    {
        rules = parseRulesReference(readText(sourceDir + u"/docs/rules.md"_s));
        QVERIFY(rules.size() > 100);
    }

    void shippedReferenceIsTheRepositoryFile()
    {
        QCOMPARE(rulesReferenceText(), readText(sourceDir + u"/docs/rules.md"_s));
        QCOMPARE(rulesReference().size(), rules.size());
        QCOMPARE(rulesReference().value(u"V13"_s).section,
                 u"Validator rules (service responses, discovery documents): V1-V26"_s);
    }

    void everyRowSaysWhatSeverityAndWhere()
    {
        for (const RuleText &rule : std::as_const(rules)) {
            QVERIFY2(rule.requirement.size() > 10, qPrintable(rule.id));
            QVERIFY2(!rule.severity.isEmpty(), qPrintable(rule.id));
            if (rule.id.startsWith(u"CORS-M"_s)) // a matrix row names the rule it falls under
                QVERIFY2(rules.contains(rule.url), qPrintable(rule.id + u" -> "_s + rule.url));
            else
                QVERIFY2(rule.url.startsWith(u"https://"_s), qPrintable(rule.id));
        }
        for (int n = 1; n <= 26; ++n)
            QVERIFY(rules.contains(u"V%1"_s.arg(n)));
        for (int n = 1; n <= 25; ++n)
            QVERIFY(rules.contains(u"C%1"_s.arg(n)));
        for (int n = 1; n <= 42; ++n)
            QVERIFY(rules.contains(u"CORS-M%1"_s.arg(n)));
    }

    void everyValidatorFindingIsDefined()
    {
        QSet<QString> emitted;
        QDirIterator it(QStringLiteral(HOOKBENCH_TEST_DATA "/core"), {u"*.json"_s}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            for (const Finding &finding : validateFile(it.next()))
                emitted.insert(finding.ruleId);
        // The fixtures make every validator rule fire, so this enumeration is the full set.
        for (int n = 1; n <= 26; ++n)
            QVERIFY2(emitted.contains(u"V%1"_s.arg(n)), qPrintable(u"V%1 never fired"_s.arg(n)));
        QVERIFY(emitted.contains(u"JSON"_s));
        requireDefined(emitted, u"validator findings"_s);
    }

    void everyCorsIdIsDefined()
    {
        QSet<QString> warnings, codes;
        for (const corsmatrix::Row &row : corsmatrix::rows()) {
            for (const auto mode : {hb::net::CorsMode::Browser, hb::net::CorsMode::Strict}) {
                corsmatrix::Case c = corsmatrix::defaults();
                row.change(c);
                c.options.mode = mode;
                const auto e = hb::net::evaluateCors(c.request, c.preflight, c.actual, c.options);
                for (const auto &warning : e.warnings)
                    warnings.insert(warning.id);
                if (!e.firefoxCode.isEmpty())
                    codes.insert(e.firefoxCode);
            }
        }
        QVERIFY(warnings.contains(u"authorization-wildcard"_s));
        QVERIFY(codes.contains(u"CORSMissingAllowOrigin"_s));
        requireDefined(warnings, u"CORS warnings"_s);
        requireDefined(codes, u"Firefox codes"_s);
        // Ids only the source names (warnings the matrix does not trigger, codes of rare paths).
        static const QRegularExpression emittedIds(uR"re(u"(CORS[A-Z][A-Za-z]+)"_s)re"_s);
        static const QRegularExpression warningIds(uR"re(CorsWarning \{\s*u"([a-z-]+)"_s)re"_s);
        QSet<QString> fromSource;
        for (const QString &file : QDir(sourceDir + u"/app/net"_s).entryList({u"cors*.cpp"_s})) {
            const QString text = readText(sourceDir + u"/app/net/"_s + file);
            for (const auto &re : {emittedIds, warningIds}) {
                auto m = re.globalMatch(text);
                while (m.hasNext())
                    fromSource.insert(m.next().captured(1));
            }
        }
        QVERIFY(fromSource.contains(u"local-network-access"_s));
        requireDefined(fromSource, u"CORS evaluator sources"_s);
    }

    void everyCitedIdIsDefinedAndNothingPointsOutside()
    {
        static const QRegularExpression cited(
            uR"(\b(V\d{1,2}|C\d{1,2}|CORS\d{1,2}|CORS-M\d{1,2})\b)"_s);
        // Spelled in two parts so this file does not match itself.
        const QStringList outside {u"shared/"
                                   u"spec"_s,
                                   u"cors"
                                   u".md"_s,
                                   u"cds-hooks"
                                   u".md"_s};
        QSet<QString> ids;
        QStringList pointing;
        for (const QString &top : {u"app"_s, u"qml"_s, u"tests"_s, u"docs"_s}) {
            QDirIterator it(sourceDir + u'/' + top,
                            {u"*.cpp"_s, u"*.h"_s, u"*.qml"_s, u"*.md"_s, u"*.txt"_s}, QDir::Files,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (path.endsWith(u"docs/cli.md"_s))
                    continue; // generated from --help texts, which are checked at their source
                const QString text = readText(path);
                auto m = cited.globalMatch(text);
                while (m.hasNext()) {
                    QString id = m.next().captured(1);
                    id.replace(QRegularExpression(u"^([VC])0(\\d)$"_s),
                               u"\\1\\2"_s); // fixture names V01
                    if (id != u"V0"_s && id != u"C0"_s) // the fixture-name prefix, not a rule
                        ids.insert(id);
                }
                for (const QString &needle : outside)
                    if (text.contains(needle))
                        pointing.append(path.mid(sourceDir.size() + 1) + u": "_s + needle);
            }
        }
        QVERIFY(ids.contains(u"C21"_s));
        requireDefined(ids, u"ids cited in the sources"_s);
        QVERIFY2(pointing.isEmpty(), qPrintable(pointing.join(u"; ")));
    }
};

QTEST_GUILESS_MAIN(TestRulesDoc)
#include "tst_rulesdoc.moc"
