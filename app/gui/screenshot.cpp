#include "screenshot.h"

#include "gui.h"

#include "platform/processinfo.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace hb::gui {

namespace {

// What the screenshot shows, as one JSON line on stdout, so tests and reviewers can check the
// picture's content without reading pixels.
qint64 g_firstFrameMs = -1;
qint64 g_firstFramePeakKiB = -1; // before the grab, which itself allocates two window images

/// Event-loop watchdog (#14): a 10 ms timer on the GUI thread from the window's first frame to
/// the grab. The longest gap between two ticks, less the interval, is the longest time the
/// window could neither repaint nor take input (tests/hostile/tst_hostile_gui.cpp bounds it).
/// On Linux each gap also has the time the kernel kept the GUI thread waiting for a CPU taken
/// out (/proc/thread-self/schedstat): on a loaded machine that is the machine, not the app; a
/// thread busy parsing or laying out, or blocked, counts in full (`maxStallMs`). The raw gap is
/// `maxGapMs`.
class Watchdog
{
public:
    static constexpr int IntervalMs = 10;

    ~Watchdog()
    {
        if (m_schedstat >= 0)
            ::close(m_schedstat);
    }

    /// Starts ticking on the calling (GUI) thread; the timer belongs to `owner` (the window).
    void start(QObject *owner)
    {
#ifdef Q_OS_LINUX
        m_schedstat = ::open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
#endif
        auto *timer = new QTimer(owner);
        timer->setTimerType(Qt::PreciseTimer);
        timer->setInterval(IntervalMs);
        QObject::connect(timer, &QTimer::timeout, owner, [this] { tick(); });
        m_clock.start();
        m_lastWaitNs = runQueueWaitNs();
        timer->start();
    }
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        const qint64 wait = runQueueWaitNs();
        const qint64 gap = now - m_lastNs;
        m_maxGapNs = std::max(m_maxGapNs, gap);
        m_maxStallNs = std::max(m_maxStallNs, gap - std::max<qint64>(0, wait - m_lastWaitNs));
        m_lastNs = now;
        m_lastWaitNs = wait;
        ++m_ticks;
    }
    [[nodiscard]] QJsonObject json()
    {
        if (!m_clock.isValid())
            return {{u"maxStallMs"_s, -1}, {u"maxGapMs"_s, -1}, {u"ticks"_s, 0}};
        tick(); // the gap up to now counts too
        const auto ms = [](qint64 ns) {
            return double(std::max<qint64>(0, ns - qint64(IntervalMs) * 1000000) / 100000) / 10;
        };
        return {{u"maxStallMs"_s, ms(m_maxStallNs)},
                {u"maxGapMs"_s, ms(m_maxGapNs)},
                {u"ticks"_s, m_ticks},
                {u"watchedMs"_s, m_clock.elapsed()}};
    }

private:
    /// The GUI thread's run-queue wait so far (schedstat's second field); 0 when unknown.
    [[nodiscard]] qint64 runQueueWaitNs() const
    {
        char text[128] = {};
        if (m_schedstat < 0 || ::pread(m_schedstat, text, sizeof text - 1, 0) <= 0)
            return 0;
        const QList<QByteArray> fields = QByteArray(text).simplified().split(' ');
        return fields.value(1).toLongLong();
    }

    QElapsedTimer m_clock;
    int m_schedstat = -1;
    qint64 m_lastNs = 0;
    qint64 m_lastWaitNs = 0;
    qint64 m_maxGapNs = 0;
    qint64 m_maxStallNs = 0;
    int m_ticks = 0;
};

Watchdog &watchdog()
{
    static Watchdog instance;
    return instance;
}

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
                             {u"window"_s, windowIdentity(window)},

                             {u"eventLoop"_s, watchdog().json()}};
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
    QObject::connect(
        window, &QQuickWindow::frameSwapped, window, [window] { watchdog().start(window); },
        Qt::SingleShotConnection);
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
