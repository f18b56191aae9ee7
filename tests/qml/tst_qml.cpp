// Qt Quick Test runner: the QML files next to this one test the module's components and
// screens. The screens' tests drive the real controllers: the setup starts the app (embedded
// EHR on free ports, the demo services and two lab services as sources) before QML runs.
#include "gui.h"

#include "storage/paths.h"
#include "storage/workspacefile.h"

#include <QCoreApplication>
#include <QQmlEngine>
#include <QtQuickTest>

using namespace Qt::StringLiterals;

class Setup : public QObject
{
    Q_OBJECT

public Q_SLOTS:
    void applicationAvailable()
    {
        QCoreApplication::setOrganizationName(u"Hookbench"_s);
        QCoreApplication::setApplicationName(u"hookbench"_s);
        hb::storage::routeSettingsToHome();
        auto workspace = hb::storage::Workspace::defaults();
        workspace.sources << hb::storage::DiscoverySource {u"embedded:lab:slow,hanging"_s, {}, {}};
        workspace.embedded = {0, 0};
        const QString path = hb::storage::homePath(u"qml-test-workspace.json"_s);
        if (!hb::storage::saveWorkspace(path, workspace))
            qFatal("cannot write the test workspace");
        AppController::LaunchScenario scenario;
        scenario.workspacePath = path;
        scenario.patientId = u"pt-amelia-hart"_s;
        AppController::instance().start(scenario);
    }

    void cleanupTestCase()
    {
        Gui::instance().context.shutdown(); // while the application still exists
    }

    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(u"qrc:/qt/qml"_s); // P1
    }
};

QUICK_TEST_MAIN_WITH_SETUP(hookbench_qml, Setup)
#include "tst_qml.moc"
