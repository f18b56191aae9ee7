// Qt Quick Test runner: the QML files next to this one test the module's components and
// screens. The screens' tests drive the real controllers: the setup starts the app (embedded
// EHR on free ports, the demo services and two lab services as sources) before QML runs.
#include "../quicktestapp.h"
#include "gui.h"

#include <QCoreApplication>
#include <QQmlEngine>
#include <QtQuickTest>

using namespace Qt::StringLiterals;

namespace {

// The exchanges the log panel tests see through AppController.log: a discovery, a preflight a
// browser would block, and a hook call that returned a finding to a deliberately expired JWT.
void fillLog(hb::net::ExchangeLog *log)
{
    const QString base = u"http://127.0.0.1:4000/cds-services"_s;
    hb::net::Exchange discovery;
    discovery.kind = u"discovery"_s;
    discovery.method = "GET";
    discovery.url = QUrl(base);
    discovery.status = 200;
    discovery.responseBody = R"({"services":[]})";
    log->append(discovery);

    hb::net::Exchange preflight;
    preflight.kind = u"preflight"_s;
    preflight.method = "OPTIONS";
    preflight.url = QUrl(base + u"/cors-acao-null"_s);
    preflight.status = 204;
    hb::net::CorsEvaluation cors;
    cors.verdict = hb::net::CorsVerdict::Fail;
    cors.stage = hb::net::CorsStage::Preflight;
    cors.chromiumReason = u"Response to preflight request doesn't pass access control check."_s;
    cors.chromiumMessage = u"Access to XMLHttpRequest has been blocked by CORS policy."_s;
    cors.firefoxCode = u"CORSAllowOriginNotMatchingOrigin"_s;
    cors.hint = u"Send Access-Control-Allow-Origin: https://sandbox.cds-hooks.org"_s;
    preflight.cors = cors;
    log->append(preflight);

    hb::net::Exchange hook;
    hook.kind = u"hook"_s;
    hook.method = "POST";
    hook.url = QUrl(base + u"/patient-greeting"_s);
    // header {"alg":"ES384","typ":"JWT"} . claims {"iss":"https://hookbench.local","aud":"x"}
    const QByteArray jwt = "eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9."
                           "eyJpc3MiOiJodHRwczovL2hvb2tiZW5jaC5sb2NhbCIsImF1ZCI6IngifQ.c2ln";
    hook.requestHeaders
        = {{"Authorization", "Bearer " + jwt}, {"Content-Type", "application/json"}};
    hook.jwt = hb::net::decodeJwt("Bearer " + jwt);
    hook.jwt->fault = u"expired"_s;
    hook.requestBody = R"({"hook":"patient-view","hookInstance":"d1577c69"})";
    hook.status = 200;
    hook.responseBody = R"({"cards":[{"summary":"Hello Amelia","indicator":"info"}]})";
    hook.findings.append(
        {u"V3"_s, hb::core::Severity::Error, u"/cards/0/source"_s, u"card.source is required"_s});
    hook.timings.connectStartMs = 0.1;
    hook.timings.requestSentMs = 0.4;
    hook.timings.firstByteMs = 3.0;
    hook.timings.totalMs = 3.5;
    log->append(hook);
}

} // namespace

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        startAppForQuickTest(u"embedded:lab:slow,hanging"_s, u"qml-test-workspace.json"_s);
    }

    void cleanupTestCase()
    {
        Gui::instance().context.shutdown(); // while the application still exists
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml")); // P1
        static hb::net::ExchangeLog log;
        if (log.size() == 0)
            fillLog(&log);
        AppController::instance().log()->setLog(&log);
    }
};

QUICK_TEST_MAIN_WITH_SETUP(hookbench_qml, Setup)
#include "tst_qml.moc"
