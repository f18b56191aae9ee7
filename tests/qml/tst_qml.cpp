// Qt Quick Test runner: the QML files next to this one test the module's components.
#include <QQmlEngine>
#include <QtQuickTest>

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(QStringLiteral("qrc:/qt/qml")); // P1
    }
};

QUICK_TEST_MAIN_WITH_SETUP(hookbench_qml, Setup)
#include "tst_qml.moc"
