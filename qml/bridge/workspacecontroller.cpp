#include "workspacecontroller.h"

#include "gui.h"
#include "servicescontroller.h"

#include "storage/settings.h"
#include "storage/workspacefile.h"

#include <QDir>
#include <QFileInfo>
#include <QJSEngine>

using namespace Qt::StringLiterals;

WorkspaceController::WorkspaceController(AppContext &context, ServicesController &services,
                                         QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_services(services)
{
    connect(&context, &AppContext::workspaceChanged, this, &WorkspaceController::changed);
}

WorkspaceController *WorkspaceController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = &Gui::instance().workspace;
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

QString WorkspaceController::localPath(const QUrl &file)
{
    return file.isLocalFile() ? file.toLocalFile() : file.toString();
}

QString WorkspaceController::fileName() const
{
    return QFileInfo(path()).fileName();
}

QStringList WorkspaceController::recent() const
{
    return hb::storage::Settings().recentWorkspaces();
}

void WorkspaceController::setMessage(const QString &message)
{
    m_message = message;
    Q_EMIT messageChanged();
}

bool WorkspaceController::newWorkspace(const QUrl &file)
{
    const QString target = localPath(file);
    QString error;
    if (!hb::storage::saveWorkspace(target, hb::storage::Workspace::defaults(), &error)) {
        setMessage(error);
        return false;
    }
    m_context.replaceWorkspace(hb::storage::Workspace::defaults(), target);
    m_services.discoverAll({});
    setMessage(u"New workspace %1"_s.arg(QDir::toNativeSeparators(target)));
    return true;
}

bool WorkspaceController::open(const QUrl &file)
{
    const QString target = localPath(file);
    const auto loaded = hb::storage::loadWorkspace(target);
    if (!loaded.workspace) {
        setMessage(loaded.error);
        return false;
    }
    m_context.replaceWorkspace(*loaded.workspace, target);
    m_services.discoverAll({});
    setMessage(loaded.error.isEmpty() ? u"Opened %1"_s.arg(QDir::toNativeSeparators(target))
                                      : loaded.error);
    return true;
}

bool WorkspaceController::save()
{
    return saveAs(QUrl::fromLocalFile(path()));
}

bool WorkspaceController::saveAs(const QUrl &file)
{
    const QString target = localPath(file);
    QString error;
    if (!m_context.saveWorkspaceAs(target, &error)) {
        setMessage(error);
        return false;
    }
    setMessage(u"Saved %1"_s.arg(QDir::toNativeSeparators(target)));
    return true;
}
