#include "screenshot.h"

#include "appcontroller.h"

#include <QGuiApplication>
#include <QImage>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

namespace hb::gui {

namespace {

void grabAndQuit(QQuickWindow *window, const QString &path)
{
    const QImage image = window->grabWindow();
    const bool saved = !image.isNull() && image.save(path, "PNG");
    if (!saved)
        std::fprintf(stderr, "hookbench: could not write screenshot to %s\n", qPrintable(path));
    QCoreApplication::exit(saved ? 0 : 1);
}

} // namespace

void screenshotWhenReady(QQmlApplicationEngine &engine, const QString &path)
{
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
    if (!window) {
        std::fprintf(stderr, "hookbench: no window to take a screenshot of\n");
        QTimer::singleShot(0, [] { QCoreApplication::exit(1); });
        return;
    }
    // A frame drawn after the controller says it is ready shows the loaded state; a short delay
    // lets layouts that react to that frame settle.
    auto shoot = [window, path] {
        QObject::connect(
            window, &QQuickWindow::frameSwapped, window,
            [window, path] {
                QTimer::singleShot(150, window, [window, path] { grabAndQuit(window, path); });
            },
            Qt::SingleShotConnection);
        window->update();
    };
    if (AppController::instance().isReady()) {
        shoot();
    } else {
        QObject::connect(&AppController::instance(), &AppController::readyChanged, window, shoot,
                         Qt::SingleShotConnection);
    }
}

} // namespace hb::gui
