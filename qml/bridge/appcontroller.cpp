#include "appcontroller.h"

#include <QJSEngine>
#include <QQmlEngine>

AppController &AppController::instance()
{
    static AppController controller;
    return controller;
}

AppController *AppController::create(QQmlEngine *, QJSEngine *)
{
    QJSEngine::setObjectOwnership(&instance(), QJSEngine::CppOwnership);
    return &instance();
}

QString AppController::version() const
{
    return QStringLiteral(HOOKBENCH_VERSION);
}

void AppController::setReady(bool ready)
{
    if (m_ready == ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged();
}
