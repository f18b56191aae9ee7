#pragma once

// Starts the real app for a Qt Quick Test runner (tests/qml, tests/qml-web): settings in the test's
// HOOKBENCH_HOME, a workspace with the demo services plus one lab source, the embedded EHR on free
// ports, and the first chart open. The QML under test then works on the live controllers.
#include "appcontroller.h"
#include "gui.h"

#include "storage/paths.h"
#include "storage/workspacefile.h"

#include <QCoreApplication>

inline void startAppForQuickTest(const QString &labSource, const QString &workspaceFile)
{
    using namespace Qt::StringLiterals;
    QCoreApplication::setOrganizationName(u"Hookbench"_s);
    QCoreApplication::setApplicationName(u"hookbench"_s);
    hb::storage::routeSettingsToHome();
    auto workspace = hb::storage::Workspace::defaults();
    workspace.sources << hb::storage::DiscoverySource {labSource, {}, {}};
    workspace.embedded = {0, 0};
    const QString path = hb::storage::homePath(workspaceFile);
    if (!hb::storage::saveWorkspace(path, workspace))
        qFatal("cannot write the test workspace");
    AppController::LaunchScenario scenario;
    scenario.workspacePath = path;
    scenario.patientId = u"pt-amelia-hart"_s;
    AppController::instance().start(scenario);
}
