// The real desktop app (`hookbench --screenshot`, offscreen) against a loopback server of
// hostile services: huge bodies, 10,000 cards, deep nesting, a slow drip, a hang, a 1 MB summary
// and detail, a redirect loop, broken JSON. It opens the first patient, which fires patient-view
// at all of them at once. The app's event-loop watchdog (a 10 ms timer from the first frame to
// the screenshot, app/gui/screenshot.cpp) must see no stall over kMaxStallMs: the window repaints
// and takes input throughout. Each hostile service must show its own specific error card (or
// its bounded cards), and a well-behaved service beside them its card.
#include "hostilecases.h"

#include "../sanitizerbounds.h"

#include "storage/workspacefile.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hostile;

namespace {

// A safety bound, not a speed target: a response parsed or laid out on the GUI thread stalls for
// seconds (a 1 MB summary froze the window for 40 s, #16.2); a healthy window for a frame or two.
constexpr double kMaxStallMs = 500;
constexpr int kServiceTimeoutMs = 5000; // the workspace's total timeout for a call
constexpr int kMaxRunMs = 120000; // a hang guard for the whole launch

struct HostileService
{
    QString id;
    HostileBehaviour behaviour;
    QString expected; ///< regular expression over the service's error card (or its cards)
    bool errorCard = true; ///< false: the service's cards are shown (bounded)
};

QByteArray bigSummaryCards()
{
    return cards({card(QString(1024 * 1024, u's'))});
}

QByteArray bigDetailCards()
{
    QJsonObject big = card(u"detail of 1 MB"_s);
    big.insert(u"detail"_s, QString(1024 * 1024, u'd'));
    return cards({big});
}

QByteArray tenThousandCards()
{
    QJsonArray list;
    for (int i = 0; i < 10000; ++i)
        list.append(card(u"card %1"_s.arg(i)));
    return cards(list);
}

QList<HostileService> hostileServices()
{
    const QString timedOut = u"within %1 ms"_s.arg(kServiceTimeoutMs);
    return {
        {u"huge-body"_s, answerHuge(), u"body exceeds the 4,194,304-byte limit"_s},
        {u"ten-thousand-cards"_s, answerJson(200, tenThousandCards()),
         u"9975 more card\\(s\\) from .* not shown"_s, false},
        {u"deep-nesting"_s, answerJson(200, nested(10000)), u"nesting is deeper than 64 levels"_s},
        {u"slow-drip"_s, drip(httpResponse(200, "application/json", cards({card(u"late"_s)})), 200),
         u"No complete response .*"_s + timedOut},
        {u"hangs"_s, neverAnswer(), u"No complete response .*"_s + timedOut},
        {u"reset-mid-body"_s, resetMidBody(cards({card(u"cut short"_s)})),
         u"closed before the response was complete"_s},
        // Shown with its summary cut to the display bound: 300 characters and an ellipsis.
        {u"mb-summary"_s, answerJson(200, bigSummaryCards()), u"(^| )s{300}…($| )"_s, false},
        {u"mb-detail"_s, answerJson(200, bigDetailCards()), u"detail of 1 MB"_s, false},
        // The app does not follow a hook call's redirect (the CLI does, and names the loop).
        {u"redirect-loop"_s, redirectToSelf(), u"Redirect loop: .* was already visited"_s},
        {u"not-json"_s, answerJson(200, "OK, service is up"),
         u"not JSON: illegal value at byte 1"_s},
        {u"http-500"_s, answerJson(500, "{\"resourceType\":\"OperationOutcome\"}"), u"HTTP 500"_s},
        {u"well-behaved"_s, answerJson(200, cards({card(u"all is well"_s)})), u"all is well"_s,
         false},
    };
}

/// One source, /h/gui/cds-services, listing every service; a call goes to the behaviour of the
/// last path segment.
HostileBehaviour guiSource(const QList<HostileService> &services)
{
    QJsonArray list;
    QHash<QByteArray, HostileBehaviour> byId;
    for (const auto &service : services) {
        list.append(QJsonObject {{u"id"_s, service.id},
                                 {u"hook"_s, u"patient-view"_s},
                                 {u"title"_s, u"Hostile "_s + service.id},
                                 {u"description"_s, u"a hostile service"_s}});
        byId.insert(service.id.toUtf8(), service.behaviour);
    }
    const QByteArray discovery = json({{u"services"_s, list}});
    return [discovery, byId](QSslSocket *socket, const HostileRequest &request) {
        if (request.target.endsWith("/cds-services")) {
            socket->write(httpResponse(200, "application/json", discovery));
            socket->disconnectFromHost();
            return;
        }
        const HostileBehaviour behaviour = byId.value(request.target.split('/').value(4));
        if (!behaviour) {
            socket->write(httpResponse(404, "text/plain", "no such service"));
            socket->disconnectFromHost();
            return;
        }
        behaviour(socket, request);
    };
}

struct Launch
{
    int exitCode = -1; ///< -1: crashed or killed
    QJsonObject state; ///< the screenshot's JSON line
    QString errors; ///< stderr
};

// Runs the app while this thread keeps serving the hostile server (no blocking waits).
Launch launchApp(const QStringList &args, const QString &home)
{
    QProcess app;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"HOOKBENCH_HOME"_s, home);
    app.setProcessEnvironment(env);
    QEventLoop loop;
    QObject::connect(&app, &QProcess::finished, &loop, &QEventLoop::quit);
    QObject::connect(&app, &QProcess::errorOccurred, &loop, &QEventLoop::quit);
    QTimer::singleShot(kMaxRunMs, &loop, &QEventLoop::quit);
    app.start(QStringLiteral(HOOKBENCH_BIN_DIR "/hookbench"), args);
    loop.exec();
    Launch launch;
    if (app.state() != QProcess::NotRunning) {
        app.kill();
        app.waitForFinished();
        launch.errors = u"(killed after %1 ms) "_s.arg(kMaxRunMs);
    } else if (app.exitStatus() == QProcess::NormalExit) {
        launch.exitCode = app.exitCode();
    }
    const QList<QByteArray> lines = app.readAllStandardOutput().trimmed().split('\n');
    launch.state = QJsonDocument::fromJson(lines.constLast()).object();
    launch.errors += QString::fromUtf8(app.readAllStandardError());
    return launch;
}

} // namespace

class TestHostileGui : public QObject
{
    Q_OBJECT

    HostileServer m_server;

private Q_SLOTS:
    void windowStaysResponsiveAndNamesEveryHostileService()
    {
        QVERIFY(m_server.isListening());
        // HOOKBENCH_HOSTILE_ONLY=id,id runs only those services (to look at one case alone).
        QList<HostileService> services = hostileServices();
        if (const QStringList only
            = qEnvironmentVariable("HOOKBENCH_HOSTILE_ONLY").split(u',', Qt::SkipEmptyParts);
            !only.isEmpty())
            services.removeIf([&only](const HostileService &s) { return !only.contains(s.id); });
        m_server.add(u"gui"_s, guiSource(services));

        // A workspace with no source of its own (only the hostile one from --discovery), short
        // timeouts, no CORS emulation (the fixture answers no preflight: that is tested
        // elsewhere), and any free port for the embedded servers (tests run in parallel).
        QTemporaryDir tmp;
        hb::storage::Workspace workspace = hb::storage::Workspace::defaults();
        workspace.sources.clear();
        workspace.timeouts.connectMs = kServiceTimeoutMs;
        workspace.timeouts.totalMs = kServiceTimeoutMs;
        workspace.cors.mode = u"off"_s;
        workspace.embedded.port = 0;
        workspace.embedded.labPort = 0;
        const QString workspacePath = tmp.filePath(u"workspace.json"_s);
        QVERIFY(hb::storage::saveWorkspace(workspacePath, workspace));

        const Launch launch
            = launchApp({u"--screenshot"_s, tmp.filePath(u"hostile.png"_s), u"--workspace"_s,
                         workspacePath, u"--screen"_s, u"chart"_s, u"--discovery"_s,
                         m_server.base(u"gui"_s) + u"/cds-services"_s},
                        tmp.filePath(u"home"_s));
        QVERIFY2(launch.exitCode == 0, qPrintable(launch.errors));
        // Kept beside the test binary, to look at what the window showed.
        const QString kept = QStringLiteral(HOOKBENCH_BIN_DIR "/../tests/tst_hostile_gui.png");
        QFile::remove(kept);
        QFile::copy(tmp.filePath(u"hostile.png"_s), kept);

        const QJsonObject eventLoop = launch.state.value(u"eventLoop"_s).toObject();
        const double maxStallMs = eventLoop.value(u"maxStallMs"_s).toDouble(-1);
        qInfo("event loop watched %lld ms (%d ticks), longest stall %.1f ms (%.1f ms with the "
              "machine's run-queue wait)",
              qint64(eventLoop.value(u"watchedMs"_s).toDouble()),
              eventLoop.value(u"ticks"_s).toInt(), maxStallMs,
              eventLoop.value(u"maxGapMs"_s).toDouble());
        // The watch covers the calls: nearly the slowest services' 5 s timeout (their requests
        // may leave before the first frame, when the watch starts).
        QVERIFY2(eventLoop.value(u"watchedMs"_s).toDouble() >= kServiceTimeoutMs - 1000,
                 QJsonDocument(eventLoop).toJson(QJsonDocument::Compact).constData());
        QVERIFY2(maxStallMs >= 0, "the watchdog did not run");

        // Every service's rows, error text and summaries joined.
        QHash<QString, QStringList> shown;
        QHash<QString, int> rows;
        for (const QJsonValue &value : launch.state.value(u"cards"_s).toArray()) {
            const QJsonObject card = value.toObject();
            const QString id = card.value(u"service"_s).toString();
            shown[id] << card.value(u"error"_s).toString() << card.value(u"summary"_s).toString();
            ++rows[id];
        }
        for (const auto &service : services) {
            const QString text = shown.value(service.id).join(u" | "_s);
            QVERIFY2(QRegularExpression(service.expected).match(text).hasMatch(),
                     qPrintable(u"%1 shows: %2"_s.arg(service.id, text.left(400))));
            if (service.errorCard)
                QVERIFY2(rows.value(service.id) == 1,
                         qPrintable(u"%1: %2 rows"_s.arg(service.id).arg(rows.value(service.id))));
        }
        // The display bounds: 25 cards and the notice, no summary over 300 characters.
        if (rows.contains(u"ten-thousand-cards"_s))
            QCOMPARE(rows.value(u"ten-thousand-cards"_s), 26);
        for (const QJsonValue &value : launch.state.value(u"cards"_s).toArray())
            QVERIFY(value.toObject().value(u"summary"_s).toString().size() <= 301);

        // Last: at -O0 with shadow memory the app is several times slower.
        HB_SKIP_BOUND_UNDER_SANITIZER("event-loop stalls under 500 ms");
        QVERIFY2(maxStallMs < kMaxStallMs,
                 qPrintable(u"the window stalled for %1 ms"_s.arg(maxStallMs)));
    }
};

QTEST_GUILESS_MAIN(TestHostileGui)
#include "tst_hostile_gui.moc"
