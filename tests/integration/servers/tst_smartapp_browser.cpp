// The bundled demo SMART app in a real browser engine (Qt WebEngine = Chromium): the EHR launch
// runs end to end (SMART configuration, authorize with PKCE, token, patient read) and a hostile
// appContext is shown as text, never executed.
#include "../../webpagescript.h"
#include "servers/embeddedservers.h"

#include <QGuiApplication>
#include <QTest>
#include <QWebEnginePage>

using namespace Qt::StringLiterals;

namespace {

class ProbePage : public QWebEnginePage
{
public:
    using QWebEnginePage::QWebEnginePage;
    int dialogs = 0;

protected:
    void javaScriptAlert(const QUrl &, const QString &) override { ++dialogs; }
    bool javaScriptConfirm(const QUrl &, const QString &) override { return ++dialogs, false; }
};

} // namespace

class TestSmartAppBrowser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ehrLaunchInChromium()
    {
        hb::servers::EmbeddedServers servers;
        QVERIFY(servers.start());
        const QString hostile
            = u"{\"order\":\"ServiceRequest/img1\","
              u"\"note\":\"<img src=x onerror=alert(1)><script>alert(2)</script>\"}"_s;
        const QString launch
            = servers.createLaunch(u"pt-george-lindqvist"_s, u"enc-george-lindqvist-1"_s, hostile);
        ProbePage page;
        page.load(QUrl(servers.baseUrls().smartApp + u"?iss="_s + servers.baseUrls().fhir
                       + u"&launch="_s + launch));
        // The app redirects to authorize, comes back with a code, exchanges it, reads the patient.
        QTRY_VERIFY_WITH_TIMEOUT(
            evaluate(page, u"document.getElementById('patient-name').textContent"_s)
                == u"George Lindqvist"_s,
            30000);
        QCOMPARE(evaluate(page, u"document.getElementById('patient').textContent"_s),
                 u"pt-george-lindqvist"_s);
        QCOMPARE(evaluate(page, u"document.getElementById('encounter').textContent"_s),
                 u"enc-george-lindqvist-1"_s);
        QVERIFY(evaluate(page, u"document.getElementById('app-context').textContent"_s)
                    .contains(u"<script>alert(2)</script>"_s));
        QCOMPARE(evaluate(page, u"String(document.querySelectorAll('img').length)"_s), u"0"_s);
        QCOMPARE(page.dialogs, 0);
        const auto audit = servers.audit();
        QVERIFY(!audit.isEmpty());
        QCOMPARE(audit.last().subject, u"hookbench-context-viewer"_s);
        QCOMPARE(audit.last().status, 200);
        QCOMPARE(audit.last().scope, u"patient/*.read"_s);
    }
};

int main(int argc, char **argv)
{
    QGuiApplication app(argc, argv);
    TestSmartAppBrowser test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_smartapp_browser.moc"
