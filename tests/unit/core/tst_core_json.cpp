// Bad input never crashes: not JSON, non-objects, invalid UTF-8, huge and deep documents,
// duplicate keys and wrong types each give a clear error or a finding.
#include "core/json.h"
#include "core/numbers.h"
#include "core/response.h"
#include "core/validator.h"
#include "testutil.h"

#include <QDir>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;
using namespace hb::core;

class TestCoreJson : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void acceptsAnObject()
    {
        const JsonParseResult parsed = parseJsonObject(R"({"cards": []})");
        QVERIFY(parsed.ok());
        QVERIFY(parsed.object.value(u"cards"_s).isArray());
        QVERIFY(parsed.duplicateKeyPointers.isEmpty());
    }

    void rejectsNotJson()
    {
        const JsonParseResult parsed = parseJsonObject(readCoreData(u"bad/not-json.json"_s));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.startsWith(u"not JSON: "_s), qPrintable(parsed.error));
        QVERIFY(parsed.error.contains(u"at byte"_s));
        QVERIFY(parsed.object.isEmpty());
    }

    void rejectsEmptyInput()
    {
        QVERIFY(parseJsonObject("").error.contains(u"empty"_s));
        QVERIFY(parseJsonObject("   \n").error.contains(u"empty"_s));
    }

    void rejectsNonObjects_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("array") << readCoreData(u"bad/array.json"_s);
        QTest::newRow("string") << QByteArray(R"("cards")");
        QTest::newRow("number") << QByteArray("42");
        QTest::newRow("null") << QByteArray("null");
    }

    void rejectsNonObjects()
    {
        QFETCH(QByteArray, bytes);
        const JsonParseResult parsed = parseJsonObject(bytes);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(u"expected an object"_s)
                     || parsed.error.startsWith(u"not JSON"_s),
                 qPrintable(parsed.error));
    }

    void rejectsArrayWithClearMessage()
    {
        QCOMPARE(parseJsonObject(readCoreData(u"bad/array.json"_s)).error,
                 u"the JSON text is an array, expected an object"_s);
    }

    void rejectsInvalidUtf8()
    {
        const JsonParseResult parsed = parseJsonObject(readCoreData(u"bad/invalid-utf8.json"_s));
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(u"UTF-8"_s), qPrintable(parsed.error));
        // An overlong encoding and a lone continuation byte too.
        QVERIFY(!parseJsonObject("{\"a\": \"\xc0\xaf\"}").ok());
        QVERIFY(!parseJsonObject("{\"a\": \"\x80\"}").ok());
    }

    void rejectsTooBig()
    {
        JsonLimits limits;
        limits.maxBytes = 1000;
        const QByteArray big = "{\"a\": \"" + QByteArray(2000, 'x') + "\"}";
        const JsonParseResult parsed = parseJsonObject(big, limits);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(u"more than the limit of 1,000 bytes"_s),
                 qPrintable(parsed.error));
        // The default limit is 8 MiB.
        QCOMPARE(JsonLimits().maxBytes, qsizetype(8 * 1024 * 1024));
        const QByteArray nineMiB = "{\"a\": \"" + QByteArray(9 * 1024 * 1024, 'x') + "\"}";
        QVERIFY(!parseJsonObject(nineMiB).ok());
    }

    void groupedNumberIsEnglishOnAnySystemLocale()
    {
        const QLocale before;
        QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany)); // would write 1.048.576
        QCOMPARE(groupedNumber(1048576), u"1,048,576"_s);
        QLocale::setDefault(before);
        QCOMPARE(groupedNumber(0), u"0"_s);
        QCOMPARE(groupedNumber(999), u"999"_s);
        QCOMPARE(groupedNumber(10000), u"10,000"_s);
        QCOMPARE(groupedNumber(-12345), u"-12,345"_s);
    }

    // Sizes and byte offsets in these sentences read like the rest of the UI: 1,048,576.
    void sizesInMessagesHaveThousandsSeparators()
    {
        JsonLimits limits;
        limits.maxBytes = 10000;
        const QByteArray big = "{\"a\": \"" + QByteArray(20000, 'x') + "\"}";
        QCOMPARE(parseJsonObject(big, limits).error,
                 u"input is 20,009 bytes, more than the limit of 10,000 bytes"_s);
        const QByteArray padding(12345, ' ');
        QCOMPARE(
            parseJsonObject("{" + padding + "\"a\": \"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}")
                .error,
            u"a JSON string is longer than 1,048,576 bytes (at byte 12,351)"_s);
        QCOMPARE(parseJsonObject("{" + padding + "\"a\":" + QByteArray(100, '[')).error,
                 u"JSON nesting is deeper than 64 levels (at byte 12,413)"_s);
        QVERIFY2(parseJsonObject("{" + padding + "x}").error.endsWith(u" at byte 12,347"_s),
                 qPrintable(parseJsonObject("{" + padding + "x}").error));
    }

    void rejectsHugeStrings()
    {
        const QByteArray twoMiB = "{\"summary\": \"" + QByteArray(2 * 1024 * 1024, 'x') + "\"}";
        const JsonParseResult parsed = parseJsonObject(twoMiB);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(u"string is longer than"_s), qPrintable(parsed.error));
        // Huge keys count too.
        const QByteArray hugeKey = "{\"" + QByteArray(2 * 1024 * 1024, 'k') + "\": 1}";
        QVERIFY(!parseJsonObject(hugeKey).ok());
        // Just under the limit is fine.
        const QByteArray ok = "{\"summary\": \"" + QByteArray(1024 * 1024, 'x') + "\"}";
        QVERIFY(parseJsonObject(ok).ok());
    }

    void rejectsDeepNesting()
    {
        // 100 000 levels would overflow a recursive parser's stack; the scan is iterative.
        const QByteArray deep = "{\"a\":" + QByteArray(100000, '[') + QByteArray(100000, ']') + "}";
        const JsonParseResult parsed = parseJsonObject(deep);
        QVERIFY(!parsed.ok());
        QVERIFY2(parsed.error.contains(u"deeper than 64 levels"_s), qPrintable(parsed.error));
        // 64 levels in all is allowed, 65 is not.
        const QByteArray at64 = "{\"a\":" + QByteArray(63, '[') + QByteArray(63, ']') + "}";
        QVERIFY(parseJsonObject(at64).ok());
        const QByteArray at65 = "{\"a\":" + QByteArray(64, '[') + QByteArray(64, ']') + "}";
        QVERIFY(!parseJsonObject(at65).ok());
        // Brackets inside strings do not count.
        const QByteArray inString = "{\"a\": \"" + QByteArray(500, '[') + "\"}";
        QVERIFY(parseJsonObject(inString).ok());
    }

    void reportsDuplicateKeys()
    {
        const JsonParseResult parsed = parseJsonObject(readCoreData(u"bad/duplicate-keys.json"_s));
        QVERIFY(parsed.ok());
        // "label" and "l\u0061bel" are the same member name once unescaped.
        QCOMPARE(parsed.duplicateKeyPointers,
                 (QStringList {u"/cards/0/summary"_s, u"/cards/0/source/label"_s}));
        // Qt keeps the last one: exactly why the duplicate must be reported.
        QCOMPARE(parsed.object.value(u"cards"_s)[0][u"summary"_s].toString().left(14),
                 u"Second summary"_s);
        const QList<Finding> findings = jsonFindings(parsed);
        QCOMPARE(findings.size(), 2);
        QCOMPARE(findings.first().ruleId, u"JSON"_s);
        QCOMPARE(findings.first().severity, Severity::Warning);
        QCOMPARE(findings.first().pointer, u"/cards/0/summary"_s);
    }

    void duplicatePointersEscapeSpecialCharacters()
    {
        const JsonParseResult parsed
            = parseJsonObject(R"({"a/b": {"x~y": 1, "x~y": 2}, "list": [{}, {"k": 1, "k": 2}]})");
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.duplicateKeyPointers, (QStringList {u"/a~1b/x~0y"_s, u"/list/1/k"_s}));
        // Same name in different objects is no duplicate.
        QVERIFY(parseJsonObject(R"({"a": {"id": 1}, "b": {"id": 2}, "id": 3})")
                    .duplicateKeyPointers.isEmpty());
    }

    void wrongTypesBecomeFindingsNotCrashes()
    {
        const QJsonObject body = loadCoreJson(u"bad/wrong-types.json"_s);
        const QList<Finding> findings = validateResponse(body);
        QVERIFY(hasErrors(findings));
        QStringList where;
        for (const Finding &finding : withSeverity(findings, Severity::Error))
            where.append(finding.ruleId + u' ' + finding.pointer);
        for (const QString &expected :
             {u"V3 /cards/0/summary"_s, u"V3 /cards/0/indicator"_s, u"V3 /cards/0/source"_s,
              u"V6 /cards/0/suggestions"_s, u"V16 /cards/0/links"_s, u"V20 /cards/0/uuid"_s,
              u"V3 /cards/1"_s, u"V21 /systemActions"_s})
            QVERIFY2(where.contains(expected), qPrintable(expected + u"\n"_s + where.join(u'\n')));
        // The lenient model parse copes as well.
        const CdsResponse response = CdsResponse::fromJson(body);
        QCOMPARE(response.cards.size(), 1);
        QVERIFY(response.cards.first().summary.isEmpty());
        QVERIFY(response.systemActions.isEmpty());
    }

    void randomMutationsNeverCrash()
    {
        // Every fixture, mutated 150 times with a fixed seed, through the parser, every
        // validator and every model parse: findings or errors, never a crash.
        QRandomGenerator random(20261129);
        const QStringList fixtures = QDir(coreDataPath(u"samples"_s)).entryList({u"*.json"_s});
        QVERIFY(fixtures.size() >= 5);
        int parsedCount = 0;
        for (const QString &name : fixtures) {
            const QByteArray original = readCoreData(u"samples/"_s + name);
            for (int round = 0; round < 150; ++round) {
                QByteArray bytes = original;
                for (int edits = 1 + random.bounded(4); edits > 0; --edits) {
                    const int at = random.bounded(int(bytes.size()));
                    static const char alphabet[] = "{}[]\":,0\\ntu\x80\xff";
                    bytes[at] = alphabet[random.bounded(int(sizeof(alphabet) - 1))];
                }
                const JsonParseResult parsed = parseJsonObject(bytes);
                if (!parsed.ok()) {
                    QVERIFY(!parsed.error.isEmpty());
                    continue;
                }
                ++parsedCount;
                validateResponse(parsed.object);
                validateDiscovery(parsed.object);
                validateRequest(parsed.object);
                validateFeedback(parsed.object);
                CdsResponse::fromJson(parsed.object);
            }
        }
        QVERIFY(parsedCount > 0); // some mutations stay valid JSON and reach the validators
    }

    void pointerHelpers()
    {
        QCOMPARE(jsonPointerEscape(u"a/b~c"_s), u"a~1b~0c"_s);
        QCOMPARE(jsonPointerAppend(u"/cards"_s, 3), u"/cards/3"_s);
        QCOMPARE(jsonPointerAppend(QString(), u"x/y"_s), u"/x~1y"_s);
    }
};

QTEST_GUILESS_MAIN(TestCoreJson)
#include "tst_core_json.moc"
