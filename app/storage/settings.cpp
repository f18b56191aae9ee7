#include "storage/settings.h"

#include "storage/savetemporaries.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QPointer>
#include <QSettings>
#include <QThread>
#include <QTimer>
#include <QVariantList>

#include <optional>

using namespace Qt::StringLiterals;

namespace hb::storage {

namespace {

/// A QSettings to write through. QSettings saves through QSaveFile under a QLockFile, so a
/// process killed while it writes leaves `<file>.XXXXXX` behind, or an empty `<file>.lock` that
/// would stall this write for 30 s; each write first removes what earlier saves left.
struct Writer
{
    Writer()
    {
        removeStaleSaveTemporaries(settings.fileName(), started);
        removeAbandonedEmptyLock(settings.fileName() + u".lock"_s, started);
    }
    QDateTime started = QDateTime::currentDateTimeUtc();
    QSettings settings;
};

/// The changes of one event-loop turn, written together. Each QSettings save rewrites the whole
/// file (a QSaveFile commit under a lock), and the GUI changes several values at once (a window
/// closing stores geometry, splitters and screen; opening a workspace stores the recent list and
/// the last one), so every change of a turn goes into one open Writer and a zero-timer saves it
/// when the turn ends. Nothing is lost on the way out: QCoreApplication::aboutToQuit (a normal
/// quit, SIGINT/SIGTERM through platform/quitsignal) and the application's destruction (a main()
/// that returns without an event loop) both write what is pending. Without an application
/// object, or off its thread, there is no turn to wait for: the change is written at once.
class PendingWrites
{
public:
    static PendingWrites &instance()
    {
        // Never destroyed: a QSettings saved from a static destructor could outlive Qt's own
        // statics. What is pending is written long before, by the hooks below.
        static auto *pending = new PendingWrites;
        return *pending;
    }

    /// The QSettings to change a value through; `nullptr` when it must be written at once.
    QSettings *writer()
    {
        QCoreApplication *app = QCoreApplication::instance();
        if (!app || QThread::currentThread() != app->thread())
            return nullptr;
        hookInto(app);
        if (!m_writer)
            m_writer.emplace();
        if (!m_timerArmed) {
            m_timerArmed = true;
            QTimer::singleShot(0, app, [] {
                instance().m_timerArmed = false;
                instance().flush();
            });
        }
        return &m_writer->settings;
    }

    /// The pending writer when there is one (reads see this turn's changes through it).
    QSettings *open() { return m_writer ? &m_writer->settings : nullptr; }

    /// Writes what this turn changed (QSettings' destructor syncs): one save, or none.
    void flush() { m_writer.reset(); }

private:
    void hookInto(QCoreApplication *app)
    {
        if (m_hooked == app)
            return;
        m_hooked = app;
        QObject::connect(app, &QCoreApplication::aboutToQuit, app, [] { instance().flush(); });
        // Called from ~QCoreApplication (and cleared there), so hooked again for a later one.
        qAddPostRoutine([] {
            instance().flush();
            instance().m_hooked = nullptr;
            instance().m_timerArmed = false;
        });
    }

    std::optional<Writer> m_writer;
    QPointer<QCoreApplication> m_hooked;
    bool m_timerArmed = false;
};

/// Sets `key` in this turn's pending write, or writes it at once when there is no turn.
void store(const QString &key, const QVariant &value)
{
    if (QSettings *pending = PendingWrites::instance().writer()) {
        pending->setValue(key, value);
        return;
    }
    Writer().settings.setValue(key, value);
}

/// Reads `key` as it will be on disk: this turn's pending change, else the file's value.
QVariant load(const QString &key)
{
    if (QSettings *pending = PendingWrites::instance().open())
        return pending->value(key);
    return QSettings().value(key);
}

} // namespace

QRect Settings::geometry() const
{
    return load(u"window/geometry"_s).toRect();
}

void Settings::setGeometry(const QRect &rect)
{
    store(u"window/geometry"_s, rect);
}

QString Settings::lastScreen() const
{
    return load(u"window/lastScreen"_s).toString();
}

void Settings::setLastScreen(const QString &name)
{
    store(u"window/lastScreen"_s, name);
}

QList<int> Settings::splitterSizes(const QString &splitter) const
{
    QList<int> sizes;
    for (const auto &value : load(u"splitters/"_s + splitter).toList())
        sizes << value.toInt();
    return sizes;
}

void Settings::setSplitterSizes(const QString &splitter, const QList<int> &sizes)
{
    QVariantList list;
    for (const int size : sizes)
        list << size;
    store(u"splitters/"_s + splitter, list);
}

// ui/theme and ui/fontScale: the keys the app has always used for them (docs/guide.md).
QString Settings::theme() const
{
    const QString theme = load(u"ui/theme"_s).toString();
    return theme == u"light" || theme == u"dark" ? theme : u"system"_s;
}

void Settings::setTheme(const QString &theme)
{
    store(u"ui/theme"_s, theme == u"light" || theme == u"dark" ? theme : u"system"_s);
}

double Settings::fontScale() const
{
    bool ok = false;
    const double scale = load(u"ui/fontScale"_s).toDouble(&ok);
    return ok && scale >= MinFontScale && scale <= MaxFontScale ? scale : 1.0;
}

void Settings::setFontScale(double scale)
{
    store(u"ui/fontScale"_s, qBound(MinFontScale, scale, MaxFontScale));
}

QStringList Settings::recentWorkspaces() const
{
    return load(u"workspaces/recent"_s).toStringList();
}

void Settings::noteWorkspace(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentWorkspaces();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecentWorkspaces)
        recent.removeLast();
    store(u"workspaces/recent"_s, recent);
    store(u"workspaces/last"_s, absolute);
}

QString Settings::lastWorkspace() const
{
    return load(u"workspaces/last"_s).toString();
}

void Settings::sync()
{
    PendingWrites::instance().flush();
}

} // namespace hb::storage
