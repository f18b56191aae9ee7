// The hostile-input suite through the real CLI (hookbench-cli discover / fire) against a hostile
// loopback server: for every case the specific message, the exit code, no crash, a bounded run
// time and bounded memory. docs/robustness.md lists the cases and their expected outcomes.
#include "hostilecases.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <sys/resource.h>

using namespace Qt::StringLiterals;
using namespace hostile;

namespace {

enum class Command { Discover, Fire, FireWithFhir };

struct Outcome
{
    int exitCode = -1; ///< -1: crashed or killed
    QString output; ///< stdout + stderr
    qint64 elapsedMs = 0;
};

constexpr int kTimeoutMs = 5000; // --timeout for every call
constexpr int kMaxRunMs = 30000; // a case that runs longer is a hang
constexpr long kMaxRssKiB = 700 * 1024; // the CLI must not buffer a 100 MB body
constexpr int kAnyFailure = -2; // any non-zero exit code
// A reset mid-body fails the call with what happened, never as a 200 whose truncated body
// is then "not JSON" (#16.7: the announced Content-Length proves the body is a prefix).
const QString kResetMessage = QStringLiteral("closed before the response was complete");

// Runs the CLI while this thread keeps serving the hostile server (no blocking waits).
Outcome runCli(const QStringList &args)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    QEventLoop loop;
    QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&process, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(kMaxRunMs, &loop, &QEventLoop::quit);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral(HOOKBENCH_BIN_DIR "/hookbench-cli"), args);
    loop.exec();
    Outcome outcome;
    outcome.elapsedMs = clock.elapsed();
    if (process.state() != QProcess::NotRunning) {
        process.kill();
        process.waitForFinished();
        outcome.output = u"(killed after %1 ms)"_s.arg(kMaxRunMs);
        return outcome;
    }
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    outcome.output = QString::fromUtf8(process.readAll());
    return outcome;
}

long childrenMaxRssKiB()
{
    rusage usage {};
    getrusage(RUSAGE_CHILDREN, &usage);
    return usage.ru_maxrss;
}

} // namespace

class TestHostileCli : public QObject
{
    Q_OBJECT

    HostileServer m_server;
    HostileServer m_tlsServer;
    QString m_tlsBase;

    struct Row
    {
        QString name;
        Command command;
        HostileBehaviour behaviour;
        int exitCode;
        QString message; ///< regular expression the output must match
    };
    QList<Row> m_rows;

    void add(const QString &name, Command command, HostileBehaviour behaviour, int exitCode,
             const QString &message)
    {
        m_rows.append({name, command, std::move(behaviour), exitCode, message});
    }

    // The body and transport cases every surface gets. `wrap` puts the hostile part where the
    // surface reads it (discovery itself, the hook call, or the FHIR read behind a prefetch).
    void addCommonCases(const QString &surface, Command command,
                        const std::function<HostileBehaviour(HostileBehaviour)> &wrap,
                        const QByteArray &validBody,
                        const QHash<QString, QPair<int, QString>> &expect)
    {
        const QHash<QString, HostileBehaviour> cases {
            {u"empty-body"_s, answerJson(200, "")},
            {u"not-json"_s, answerJson(200, "OK, service is up")},
            {u"bom"_s, answerJson(200, "\xEF\xBB\xBF" + validBody)},
            {u"truncated-json"_s, answerJson(200, validBody.left(validBody.size() / 2))},
            {u"100mb-body"_s, answerHuge()},
            {u"deep-nesting"_s, answerJson(200, nested(10000))},
            {u"number-1e400"_s, answerJson(200, "{\"cards\":[],\"services\":[],\"n\":1e400}")},
            {u"invalid-utf8"_s,
             answerJson(200, "{\"cards\":[],\"services\":[],\"x\":\"\xC3\x28\xFF\"}")},
            {u"wrong-content-type"_s, answerJson(200, validBody, "text/html")},
            {u"html-error-page"_s,
             answerJson(502, "<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
                        "text/html")},
            {u"status-204"_s, answer("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")},
            {u"status-100-then-close"_s, answer("HTTP/1.1 100 Continue\r\n\r\n")},
            {u"status-301-loop"_s, redirectToSelf()},
            {u"status-500"_s, answerJson(500, "{\"resourceType\":\"OperationOutcome\"}")},
            {u"status-503-html"_s,
             answerJson(503, "<html>down for maintenance</html>", "text/html")},
            {u"slow-drip"_s, drip(httpResponse(200, "application/json", validBody), 200)},
            {u"reset-mid-body"_s, resetMidBody(validBody)},
            {u"never-answers"_s, neverAnswer()},
            {u"closes-without-answer"_s, closeSilently()},
            {u"garbage-status-line"_s, answer("SSH-2.0-OpenSSH_9.2\r\n\r\n")},
        };
        for (auto it = expect.constBegin(); it != expect.constEnd(); ++it) {
            Q_ASSERT(cases.contains(it.key()));
            add(surface + u"/"_s + it.key(), command, wrap(cases.value(it.key())), it.value().first,
                it.value().second);
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.isListening());
        // TLS whose certificate names 127.0.0.1 and localhost, reached as [::1] (or, without
        // IPv6, an untrusted self-signed certificate): refused either way, with the reason.
        if (!m_tlsServer.listenTls(QHostAddress::LocalHostIPv6))
            QVERIFY(m_tlsServer.listenTls(QHostAddress::LocalHost));
        m_tlsServer.add(u"tls"_s, answerJson(200, discoveryBody(false)));
        m_tlsBase = m_tlsServer.base(u"tls"_s);

        const QByteArray validDiscovery = discoveryBody(false);
        const QByteArray validCards = cards({card(u"ok"_s)});
        const QByteArray validPatient = R"({"resourceType":"Patient","id":"p1"})";
        const auto discoveryWrap = [](HostileBehaviour b) { return b; };
        const auto hookWrap = [](HostileBehaviour b) { return hookCase(std::move(b)); };
        const auto fhirWrap = [](HostileBehaviour b) { return fhirCase(std::move(b)); };

        // Expected outcomes: exit code and a regular expression over the CLI's output.
        // kAnyFailure marks a row where A-net (#16) is still fixing the outcome: the suite
        // asserts the part that is already right (non-zero, bounded) until then.
        const QString timedOut = u"within %1 ms"_s.arg(kTimeoutMs);
        addCommonCases(u"discovery"_s, Command::Discover, discoveryWrap, validDiscovery,
                       {
                           {u"empty-body"_s, {1, u"input is empty, expected a JSON object"_s}},
                           {u"not-json"_s, {1, u"not JSON: illegal value at byte 1"_s}},
                           {u"bom"_s, {0, u"1 service"_s}}, // RFC 8259 §8.1 lets parsers skip it
                           {u"truncated-json"_s, {1, u"not JSON: unterminated string"_s}},
                           {u"100mb-body"_s, {1, u"exceeds the 4,194,304-byte limit"_s}},
                           {u"deep-nesting"_s, {1, u"nesting is deeper than 64 levels"_s}},
                           {u"number-1e400"_s, {1, u"not JSON: illegal number"_s}},
                           {u"invalid-utf8"_s, {1, u"not valid UTF-8"_s}},
                           {u"wrong-content-type"_s, {0, u"1 service"_s}},
                           {u"html-error-page"_s, {1, u"answered HTTP 502; expected 200"_s}},
                           {u"status-204"_s, {1, u"answered HTTP 204; expected 200"_s}},
                           {u"status-100-then-close"_s, {1, u"did not answer with HTTP/1.x"_s}},
                           {u"status-301-loop"_s, {1, u"Redirect loop: .* was already visited"_s}},
                           {u"status-500"_s, {1, u"answered HTTP 500; expected 200"_s}},
                           {u"status-503-html"_s, {1, u"answered HTTP 503; expected 200"_s}},
                           {u"slow-drip"_s, {1, u"No complete response .*"_s + timedOut}},
                           {u"reset-mid-body"_s, {1, kResetMessage}}, // #16.7
                           {u"never-answers"_s, {1, u"No complete response .*"_s + timedOut}},
                           {u"closes-without-answer"_s, {1, u"did not answer with HTTP/1.x"_s}},
                           {u"garbage-status-line"_s, {1, u"did not answer with HTTP/1.x"_s}},
                       });
        addCommonCases(u"hook"_s, Command::Fire, hookWrap, validCards,
                       {
                           {u"empty-body"_s, {1, u"input is empty, expected a JSON object"_s}},
                           {u"not-json"_s, {1, u"not JSON: illegal value at byte 1"_s}},
                           {u"bom"_s, {0, u"card \\[info\\] ok"_s}},
                           {u"truncated-json"_s, {1, u"not JSON: unterminated string"_s}},
                           {u"100mb-body"_s, {1, u"exceeds the 4,194,304-byte limit"_s}},
                           {u"deep-nesting"_s, {1, u"nesting is deeper than 64 levels"_s}},
                           {u"number-1e400"_s, {1, u"not JSON: illegal number"_s}},
                           {u"invalid-utf8"_s, {1, u"not valid UTF-8"_s}},
                           {u"wrong-content-type"_s, {0, u"card \\[info\\] ok"_s}},
                           {u"html-error-page"_s, {1, u"V23 .*HTTP 502 from the service"_s}},
                           {u"status-204"_s, {1, u"answers 200 with a response body; got 204"_s}},
                           {u"status-100-then-close"_s, {1, u"did not answer with HTTP/1.x"_s}},
                           {u"status-301-loop"_s, {1, u"Redirect loop: .* was already visited"_s}},
                           {u"status-500"_s, {1, u"V23 .*HTTP 500 from the service"_s}},
                           {u"status-503-html"_s, {1, u"V23 .*HTTP 503 from the service"_s}},
                           {u"slow-drip"_s, {1, u"No complete response .*"_s + timedOut}},
                           {u"reset-mid-body"_s, {1, kResetMessage}}, // #16.7
                           {u"never-answers"_s, {1, u"No complete response .*"_s + timedOut}},
                           {u"closes-without-answer"_s, {1, u"did not answer with HTTP/1.x"_s}},
                           {u"garbage-status-line"_s, {1, u"did not answer with HTTP/1.x"_s}},
                       });
        // A FHIR server that misbehaves behind a prefetch: the key is omitted or null and the
        // call goes on (C7/C8). Where the body is garbage with HTTP 200 the CLI says only
        // "null ... HTTP 200" (listed in docs/robustness.md as a to-do for the FHIR client).
        const QString garbage = u"prefetch patient: null Patient/p1 HTTP 200"_s;
        addCommonCases(
            u"fhir"_s, Command::FireWithFhir, fhirWrap, validPatient,
            {
                {u"empty-body"_s, {0, garbage}},
                {u"not-json"_s, {0, garbage}},
                {u"truncated-json"_s, {0, garbage}},
                {u"100mb-body"_s,
                 {0, u"prefetch patient: null .*exceeds the 4,194,304-byte limit"_s}},
                {u"deep-nesting"_s, {0, garbage}},
                {u"invalid-utf8"_s, {0, garbage}},
                {u"html-error-page"_s,
                 {0, u"prefetch patient: operation-outcome Patient/p1 HTTP 502"_s}},
                {u"status-301-loop"_s, {0, u"prefetch patient: omitted Patient/p1 HTTP 302"_s}},
                {u"status-500"_s,
                 {0, u"prefetch patient: operation-outcome Patient/p1 HTTP 500"_s}},
                {u"slow-drip"_s, {0, u"prefetch patient: omitted .*"_s + timedOut}},
                {u"never-answers"_s, {0, u"prefetch patient: omitted .*"_s + timedOut}},
                {u"closes-without-answer"_s,
                 {0, u"prefetch patient: omitted .*did not answer with HTTP/1.x"_s}},
            });

        // Hook responses whose content is hostile: validated, bounded, never rendered live.
        QJsonArray many;
        for (int i = 0; i < 10000; ++i)
            many.append(card(u"card %1"_s.arg(i)));
        add(u"hook/10000-cards"_s, Command::Fire, hookCase(answerJson(200, cards(many))), 0,
            u"card \\[info\\] card 9999 "_s);
        add(u"hook/1mb-summary"_s, Command::Fire,
            hookCase(answerJson(200, cards({card(QString(1 << 20, u'S'))}))), 1,
            u"error V4 /cards/0/summary"_s);
        auto withDetail = [](const QString &detail) {
            QJsonObject c = card(u"hostile markdown"_s);
            c.insert(u"detail"_s, detail);
            return hookCase(answerJson(200, cards({c})));
        };
        add(u"hook/script-markdown"_s, Command::Fire,
            withDetail(u"<script>alert(1)</script><iframe src=\"http://127.0.0.1:9/\"></iframe>"_s),
            0, u"warning V19 /cards/0/detail: detail contains script-capable HTML"_s);
        add(u"hook/remote-image"_s, Command::Fire, withDetail(u"![t](http://127.0.0.1:9/p.png)"_s),
            0, u"card \\[info\\] hostile markdown"_s);
        auto withLink = [](const QString &url, const QString &type) {
            QJsonObject c = card(u"hostile link"_s);
            c.insert(u"links"_s,
                     QJsonArray {QJsonObject {
                         {u"label"_s, u"open"_s}, {u"url"_s, url}, {u"type"_s, type}}});
            return hookCase(answerJson(200, cards({c})));
        };
        add(u"hook/javascript-link"_s, Command::Fire,
            withLink(u"javascript:alert(1)"_s, u"absolute"_s), 1,
            u"error V16 /cards/0/links/0/url: .*javascript:alert"_s);
        add(u"hook/data-link"_s, Command::Fire,
            withLink(u"data:text/html,<script>alert(1)</script>"_s, u"absolute"_s), 1,
            u"error V16 /cards/0/links/0/url: .*data:text/html"_s);
        add(u"hook/smart-link-not-http"_s, Command::Fire,
            withLink(u"file:///etc/passwd"_s, u"smart"_s), 1,
            u"error V16 /cards/0/links/0/url: .*file:///etc/passwd"_s);
        add(u"hook/cards-not-array"_s, Command::Fire,
            hookCase(answerJson(200, "{\"cards\":{\"summary\":\"x\"}}")), 1,
            u"error V1 /cards: cards must be an array, not an object"_s);
        add(u"hook/top-level-array"_s, Command::Fire, hookCase(answerJson(200, "[]")), 1,
            u"the JSON text is an array, expected an object"_s);
        add(u"discovery/services-not-array"_s, Command::Discover,
            answerJson(200, "{\"services\":\"none\"}"), 1,
            u"error V24 /services: services must be an array, not a string"_s);
        add(
            u"discovery/10000-services"_s, Command::Discover,
            [] {
                QJsonArray list;
                for (int i = 0; i < 10000; ++i)
                    list.append(QJsonObject {{u"id"_s, u"s%1"_s.arg(i)},
                                             {u"hook"_s, u"patient-view"_s},
                                             {u"description"_s, u"d"_s}});
                return answerJson(200, json({{u"services"_s, list}}));
            }(),
            0, u"10000 service\\(s\\)"_s);
        add(u"discovery/tls-wrong-host"_s, Command::Discover, {}, 3,
            u"TLS handshake with .* failed: The host name did not match|self-signed"_s);

        for (const Row &row : std::as_const(m_rows)) {
            if (row.behaviour)
                m_server.add(QString(row.name).replace(u'/', u'-'), row.behaviour);
        }
    }

    void hostileCase_data()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_rows.size(); ++i)
            QTest::newRow(qPrintable(m_rows.at(i).name)) << i;
    }

    void hostileCase()
    {
        QFETCH(int, index);
        const Row &row = m_rows.at(index);
        const QString base
            = row.behaviour ? m_server.base(QString(row.name).replace(u'/', u'-')) : m_tlsBase;
        const QString timeout = QString::number(kTimeoutMs);
        QStringList args;
        switch (row.command) {
        case Command::Discover:
            args = {u"discover"_s, base, u"--no-cors"_s, u"--timeout"_s, timeout};
            break;
        case Command::Fire:
            args = {u"fire"_s,     u"--discovery"_s, base,        u"--service"_s, u"svc"_s,
                    u"--origin"_s, u"none"_s,        u"--fhir"_s, u"none"_s,      u"--patient"_s,
                    u"p1"_s,       u"--timeout"_s,   timeout};
            break;
        case Command::FireWithFhir:
            args = {u"fire"_s,     u"--discovery"_s, base,        u"--service"_s,    u"svc"_s,
                    u"--origin"_s, u"none"_s,        u"--fhir"_s, base + u"/fhir"_s, u"--patient"_s,
                    u"p1"_s,       u"--timeout"_s,   timeout};
            break;
        }
        const Outcome outcome = runCli(args);
        if (qEnvironmentVariableIsSet("HOSTILE_PROBE")) {
            qInfo().noquote() << row.name << "exit" << outcome.exitCode << outcome.elapsedMs << "ms"
                              << outcome.output.left(3000);
            return;
        }
        QVERIFY2(outcome.exitCode >= 0, qPrintable(u"crashed or hung: "_s + outcome.output));
        QVERIFY2(outcome.elapsedMs < kMaxRunMs, qPrintable(outcome.output));
        QVERIFY2(childrenMaxRssKiB() < kMaxRssKiB,
                 qPrintable(u"peak RSS %1 KiB"_s.arg(childrenMaxRssKiB())));
        QVERIFY2(
            QRegularExpression(row.message).match(outcome.output).hasMatch(),
            qPrintable(u"expected /%1/ in:\n%2"_s.arg(row.message, outcome.output.left(2000))));
        if (row.exitCode == kAnyFailure)
            QVERIFY2(outcome.exitCode != 0, qPrintable(outcome.output.left(2000)));
        else
            QCOMPARE(outcome.exitCode, row.exitCode);
    }

    void suiteIsLargeEnough() { QVERIFY(m_rows.size() >= 60); }
};

QTEST_MAIN(TestHostileCli)
#include "tst_hostile_cli.moc"
