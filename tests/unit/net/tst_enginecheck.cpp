// "Check in Chromium" without an engine: which request a page at the configured origin repeats
// for an exchange (no secret, no browser-owned header), the script it runs (values as JSON, not
// code), how the engine's console lines are read and when Hookbench and the engine agree.
#include "net/enginecheck.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

const QString kOrigin = u"https://sandbox.cds-hooks.org"_s;

Exchange hookCall()
{
    Exchange e;
    e.kind = u"hook"_s;
    e.method = "POST";
    e.url = QUrl(u"http://127.0.0.1:4000/cds-services/patient-greeting"_s);
    e.requestHeaders
        = {{"Accept", "application/json"},       {"Authorization", "Bearer eyJ.secret.sig"},
           {"Content-Type", "application/json"}, {"Origin", "https://sandbox.cds-hooks.org"},
           {"Sec-Fetch-Mode", "cors"},           {"User-Agent", "Mozilla/5.0"}};
    e.requestBody = R"({"hook":"patient-view"})";
    return e;
}

CorsEvaluation failing(const QString &line)
{
    CorsEvaluation e;
    e.verdict = CorsVerdict::Fail;
    e.stage = CorsStage::Preflight;
    e.chromiumMessage = line;
    return e;
}

} // namespace

class TestEngineCheck : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void hookCallKeepsAuthorHeadersAndHidesTheToken()
    {
        const auto request = engineCheckRequestFor(hookCall(), kOrigin + u"/"_s);
        QVERIFY(request);
        QCOMPARE(request->origin, kOrigin);
        QCOMPARE(request->method, QByteArray("POST"));
        QCOMPARE(request->body, QByteArray(R"({"hook":"patient-view"})"));
        const HeaderLines expected {{"Accept", "application/json"},
                                    {"Authorization", EngineCheckPlaceholderToken.toByteArray()},
                                    {"Content-Type", "application/json"}};
        QCOMPARE(request->headers, expected);
        QVERIFY(!engineCheckScript(*request).contains(u"secret"_s));
        // The probe sends exactly the same author headers, as a browser (not strict) would.
        const CorsProbeRequest probe = corsProbeRequestFor(*request);
        QCOMPARE(probe.cors.headers, expected);
        QCOMPARE(probe.cors.origin, kOrigin);
        QCOMPARE(probe.options.mode, CorsMode::Browser);
    }

    void preflightStandsForItsCall()
    {
        Exchange preflight;
        preflight.kind = u"preflight"_s;
        preflight.method = "OPTIONS";
        preflight.url = hookCall().url;
        preflight.requestHeaders
            = {{"Access-Control-Request-Method", "POST"},
               {"Access-Control-Request-Headers", "authorization,content-type"},
               {"Origin", kOrigin.toUtf8()}};
        // Without the call in the log: rebuilt from the Access-Control-Request-* lines.
        const auto rebuilt = engineCheckRequestFor(preflight, kOrigin);
        QVERIFY(rebuilt);
        QCOMPARE(rebuilt->method, QByteArray("POST"));
        QCOMPARE(unsafeHeaderNames(rebuilt->headers),
                 (QList<QByteArray> {"authorization", "content-type"}));
        QCOMPARE(rebuilt->body, QByteArray("{}"));
        // With it: the call itself.
        const Exchange call = hookCall();
        const auto actual = engineCheckRequestFor(preflight, kOrigin, &call);
        QVERIFY(actual);
        QCOMPARE(actual->body, call.requestBody);
    }

    void refusesWhatNoPageCanSend()
    {
        Exchange e = hookCall();
        e.url = QUrl(u"file:///etc/passwd"_s);
        QString why;
        QVERIFY(!engineCheckRequestFor(e, kOrigin, nullptr, &why));
        QVERIFY2(why.contains(u"http(s)"_s), qPrintable(why));
        why.clear();
        QVERIFY(!engineCheckRequestFor(hookCall(), QString(), nullptr, &why));
        QVERIFY2(why.contains(u"origin"_s), qPrintable(why));
        QVERIFY(!engineCheckRequestFor(hookCall(), u"data:text/html,x"_s, nullptr, &why));
    }

    // A hostile URL or body is data in the script's JSON argument, never code.
    void scriptEmbedsValuesAsJson()
    {
        EngineCheckRequest request;
        request.origin = kOrigin;
        request.url = QUrl(u"http://127.0.0.1:1/x?a=');alert(1);//"_s);
        request.body = "\"});alert(2);\xe2\x80\xa8";
        const QString script = engineCheckScript(request);
        const qsizetype start = script.lastIndexOf(u"})("_s) + 3;
        const QString json = script.mid(start, script.size() - start - 2);
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json.toUtf8(), &error);
        QCOMPARE(error.error, QJsonParseError::NoError);
        QCOMPARE(document[u"body"_s].toString(), QString::fromUtf8(request.body));
        QCOMPARE(QUrl(document[u"url"_s].toString()), request.url);
        QVERIFY(!json.contains(QChar(0x2028)));
        QVERIFY(script.endsWith(u");"_s));
    }

    void readsTheConsole()
    {
        EngineOutcome outcome;
        addConsoleMessage(outcome, ConsoleLevel::Error, u"Access to XMLHttpRequest ... blocked"_s);
        addConsoleMessage(outcome, ConsoleLevel::Warning, u"a warning"_s);
        QVERIFY(!outcome.finished);
        addConsoleMessage(outcome, ConsoleLevel::Info, EngineCheckMarker.toString() + u"OK 201"_s);
        QVERIFY(outcome.finished);
        QVERIFY(outcome.passed);
        QCOMPARE(outcome.status, 201);
        QCOMPARE(outcome.errors, QStringList {u"Access to XMLHttpRequest ... blocked"_s});
        QCOMPARE(outcome.console.size(), 2);
        QVERIFY(outcome.console.at(1).startsWith(u"warning: "_s));
        EngineOutcome failed;
        addConsoleMessage(failed, ConsoleLevel::Info, EngineCheckMarker.toString() + u"FAIL"_s);
        QVERIFY(failed.finished && !failed.passed);
    }

    void agreement()
    {
        const QString line = u"Access to XMLHttpRequest at 'x' has been blocked"_s;
        EngineOutcome blocked;
        addConsoleMessage(blocked, ConsoleLevel::Error, line);
        addConsoleMessage(blocked, ConsoleLevel::Info, EngineCheckMarker.toString() + u"FAIL"_s);
        EngineOutcome passed;
        addConsoleMessage(passed, ConsoleLevel::Info, EngineCheckMarker.toString() + u"OK 200"_s);

        QVERIFY(compareWithEngine(failing(line), blocked).agree());
        QVERIFY(compareWithEngine(CorsEvaluation {}, passed).agree());
        CorsEvaluation warned;
        warned.verdict = CorsVerdict::PassWithWarning;
        QVERIFY(compareWithEngine(warned, passed).agree());

        const auto wrongVerdict = compareWithEngine(CorsEvaluation {}, blocked);
        QVERIFY(!wrongVerdict.agree());
        QVERIFY(wrongVerdict.summary.startsWith(u"They disagree"_s));
        QVERIFY(!compareWithEngine(failing(line), passed).verdictsAgree);
        const auto otherText = compareWithEngine(failing(u"another line"_s), blocked);
        QVERIFY(otherText.verdictsAgree);
        QVERIFY(!otherText.messageMatches);
        QVERIFY(!otherText.agree());
        QVERIFY(!compareWithEngine(CorsEvaluation {}, EngineOutcome {}).agree());
    }

    void chromiumVersion()
    {
        QCOMPARE(chromiumVersionFromUserAgent(
                     u"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
                     "QtWebEngine/6.4.2 Chrome/102.0.5005.177 Safari/537.36"_s),
                 u"102.0.5005.177"_s);
        QCOMPARE(chromiumVersionFromUserAgent(u"curl/8"_s), QString());
    }
};

QTEST_GUILESS_MAIN(TestEngineCheck)
#include "tst_enginecheck.moc"
