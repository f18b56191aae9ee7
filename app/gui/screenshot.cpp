#include "screenshot.h"

#include "gui.h"

#include "platform/processinfo.h"

#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

// What the screenshot shows, as one JSON line on stdout, so tests and reviewers can check the
// picture's content without reading pixels.
qint64 g_firstFrameMs = -1;
qint64 g_firstFramePeakKiB = -1; // before the grab, which itself allocates two window images

/// The window's identity for the desktop: the .desktop file it belongs to and its icon.
QJsonObject windowIdentity(const QQuickWindow *window)
{
    QJsonArray sizes;
    for (const QSize &size : window->icon().availableSizes())
        sizes.append(size.width());
    return {{u"desktopFileName"_s, QGuiApplication::desktopFileName()},
            {u"applicationName"_s, QCoreApplication::applicationName()},
            {u"title"_s, window->title()},
            {u"iconNull"_s, window->icon().isNull()},
            {u"iconSizes"_s, sizes}};
}

QByteArray visibleState(const QQuickWindow *window)
{
    auto &gui = Gui::instance();
    QJsonArray cards;
    auto *model = gui.invocation.cards();
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row);
        cards.append(
            QJsonObject {{u"summary"_s, model->data(index, CardsModel::SummaryRole).toString()},
                         {u"indicator"_s, model->data(index, CardsModel::IndicatorRole).toString()},
                         {u"service"_s, model->data(index, CardsModel::ServiceIdRole).toString()},
                         {u"hook"_s, model->data(index, CardsModel::HookRole).toString()},
                         {u"error"_s, model->data(index, CardsModel::ErrorTextRole).toString()}});
    }
    // The registered services, as the services screen lists them.
    QJsonArray services;
    auto *registry = gui.services.services();
    for (int row = 0; row < registry->rowCount(); ++row) {
        const QModelIndex index = registry->index(row);
        const QString source = registry->data(index, ServicesModel::SourceUrlRole).toString();
        services.append(
            QJsonObject {{u"id"_s, registry->data(index, ServicesModel::ServiceIdRole).toString()},
                         {u"hook"_s, registry->data(index, ServicesModel::HookRole).toString()},
                         {u"enabled"_s, registry->data(index, ServicesModel::EnabledRole).toBool()},
                         {u"source"_s, source},
                         {u"discoveryUrl"_s, gui.context.discoveryUrlOf(source).toString()}});
    }
    const QJsonObject state {{u"patient"_s, gui.patient.patientId()},
                             {u"cards"_s, cards},
                             {u"services"_s, services},
                             {u"workspace"_s, gui.context.workspacePath()},
                             {u"embeddedPort"_s, gui.settings.embeddedPort()},
                             {u"origin"_s, gui.settings.origin()},
                             {u"notices"_s, QJsonArray::fromStringList(gui.context.notices())},
                             {u"exchanges"_s, gui.app.log()->rowCount()},
                             {u"lastFire"_s, gui.invocation.lastFire()},
                             {u"readyFrameMs"_s, g_firstFrameMs},
                             {u"peakRssKiB"_s, g_firstFramePeakKiB},
                             {u"window"_s, windowIdentity(window)}};
    return QJsonDocument(state).toJson(QJsonDocument::Compact);
}

void grabAndQuit(QQuickWindow *window, const QString &path)
{
    const QImage image = window->grabWindow();
    const bool saved = !image.isNull() && image.save(path, "PNG");
    if (!saved)
        std::fprintf(stderr, "hookbench: could not write screenshot to %s\n", qPrintable(path));
    else
        std::printf("%s\n", visibleState(window).constData());
    std::fflush(stdout);
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
                // The first frame that shows the ready state: what "first card on screen" means.
                g_firstFrameMs = hb::platform::processAgeMs();
                g_firstFramePeakKiB = hb::platform::peakRssKiB();
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
