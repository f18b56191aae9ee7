// Qt Quick Test runner for the QML that hosts Qt WebEngine.
#include "markdownlab.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QtQuickTest>
#include <QtWebEngineQuick/qtwebenginequickglobal.h>

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
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
