// The bundled context viewer in Chromium (Qt WebEngine), launched the way a card's SMART link is
// for a patient only a remote FHIR source has: iss = the source's audit proxy. The page discovers
// the embedded authorization server at the proxy, authorizes with aud = the proxy, and reads the
// remote patient cross-origin through it (CORS preflight included). The HTTP-level checks are
// in tst_smartremote.
#include "../../webpagescript.h"
#include "fhir/fhirsource.h"
#include "servers/fhirproxy.h"
#include "session/workbench.h"

#include <QGuiApplication>
#include <QTest>
#include <QWebEnginePage>

using namespace Qt::StringLiterals;
using namespace hb;

class TestSmartRemoteBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void theContextViewerShowsTheRemotePatient()
    {
        session::Workbench bench;
        QString error;
        QVERIFY2(bench.start(&error), qPrintable(error));
        servers::EmbeddedServers remote;
        servers::ServerOptions options;
        options.builtinData = false;
        options.shiftDates = false;
        options.bundleFiles = {QStringLiteral(HOOKBENCH_TEST_DATA "/bridge/remote-fhir.json")};
        remote.setOptions(options);
        QVERIFY2(remote.start(&error), qPrintable(error));
        remote.registerServiceClient({u"remote-user"_s, {u"user/*.read"_s}});
        fhir::FhirSource source;
        source.base = QUrl(remote.baseUrls().fhir);
        source.auth = fhir::FhirAuth::Bearer;
        source.token = remote.issueServiceToken(u"remote-user"_s, {}, {}, 3600).accessToken;
        QVERIFY2(bench.setFhirSource(source, &error), qPrintable(error));
        const QString iss = bench.fhirProxy()->baseUrl().toString();

        const QString launch = bench.servers()->createLaunch(u"pt-remote-one"_s, {}, {});
        QWebEnginePage page;
        page.load(
            QUrl(bench.servers()->baseUrls().smartApp + u"?iss="_s + iss + u"&launch="_s + launch));
        // The name once the read is done, or the app's error (then fail at once, with it).
        const QString probe
            = u"(function(){ const s = document.getElementById('status');"
              u" if (s && s.className === 'error') return 'error: ' + s.textContent;"
              u" const n = document.getElementById('patient-name');"
              u" return n ? n.textContent : ''; })()"_s;
        QString shown;
        QTRY_VERIFY_WITH_TIMEOUT((shown = evaluate(page, probe)) == u"Ines Faraway"_s
                                     || shown.startsWith(u"error"_s),
                                 30000);
        QCOMPARE(shown, u"Ines Faraway"_s);
        QCOMPARE(evaluate(page, u"document.getElementById('iss').textContent"_s), iss);
        QCOMPARE(evaluate(page, u"document.getElementById('patient').textContent"_s),
                 u"pt-remote-one"_s);
        QCOMPARE(bench.servers()->audit().last().subject, u"hookbench-context-viewer"_s);
        QCOMPARE(remote.audit().last().subject, u"remote-user"_s);
    }
};

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    TestSmartRemoteBrowser test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_smartremote_browser.moc"
