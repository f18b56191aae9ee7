// Qt Quick Test runner for the QML that hosts Qt WebEngine. The setup starts the app (embedded EHR
// on free ports, the demo services and the lab's cors-acao-null as sources), so the in-app
// "Check in Chromium" runs against a passing and a failing CORS service.
#include "../quicktestapp.h"
#include "gui.h"
#include "markdownlab.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQuickTest>
#include <QtWebEngineCore/qtwebenginecoreglobal.h>
#include <QtWebEngineQuick/qtwebenginequickglobal.h>

using namespace Qt::StringLiterals;

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        startAppForQuickTest(u"embedded:lab:cors-acao-null"_s, u"qml-web-test-workspace.json"_s);
    }

    void cleanupTestCase()
    {
        Gui::instance().context.shutdown(); // while the application still exists
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        // What the check must report as the engine's version (QtWebEngine's Chromium).
        engine->rootContext()->setContextProperty(u"EngineChromiumVersion"_s,
                                                  QString::fromLatin1(qWebEngineChromiumVersion()));
        engine->addImportPath(QStringLiteral("qrc:/qt/qml")); // P1
        engine->rootContext()->setContextProperty(QStringLiteral("MarkdownLab"),
                                                  new MarkdownLab(engine));
    }
};

int main(int argc, char *argv[])
{
    QtWebEngineQuick::initialize(); // P7: before the application object the runner creates
    Setup setup;
    return quick_test_main_with_setup(argc, argv, "hookbench_qml_web", QUICK_TEST_SOURCE_DIR,
                                      &setup);
}

#include "tst_qml_web.moc"
