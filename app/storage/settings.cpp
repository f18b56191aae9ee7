#include "storage/settings.h"

#include "storage/savetemporaries.h"

#include <QFileInfo>
#include <QSettings>
#include <QVariantList>

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

} // namespace

QRect Settings::geometry() const
{
    return QSettings().value(u"window/geometry"_s).toRect();
}

void Settings::setGeometry(const QRect &rect)
{
    Writer().settings.setValue(u"window/geometry"_s, rect);
}

QString Settings::lastScreen() const
{
    return QSettings().value(u"window/lastScreen"_s).toString();
}

void Settings::setLastScreen(const QString &name)
{
    Writer().settings.setValue(u"window/lastScreen"_s, name);
}

QList<int> Settings::splitterSizes(const QString &splitter) const
{
    QList<int> sizes;
    for (const auto &value : QSettings().value(u"splitters/"_s + splitter).toList())
        sizes << value.toInt();
    return sizes;
}

void Settings::setSplitterSizes(const QString &splitter, const QList<int> &sizes)
{
    QVariantList list;
    for (const int size : sizes)
        list << size;
    Writer().settings.setValue(u"splitters/"_s + splitter, list);
}

// ui/theme and ui/fontScale: the keys the app has always used for them (docs/guide.md).
QString Settings::theme() const
{
    const QString theme = QSettings().value(u"ui/theme"_s).toString();
    return theme == u"light" || theme == u"dark" ? theme : u"system"_s;
}

void Settings::setTheme(const QString &theme)
{
    Writer().settings.setValue(u"ui/theme"_s,
                               theme == u"light" || theme == u"dark" ? theme : u"system"_s);
}

double Settings::fontScale() const
{
    bool ok = false;
    const double scale = QSettings().value(u"ui/fontScale"_s).toDouble(&ok);
    return ok && scale >= MinFontScale && scale <= MaxFontScale ? scale : 1.0;
}

void Settings::setFontScale(double scale)
{
    Writer().settings.setValue(u"ui/fontScale"_s, qBound(MinFontScale, scale, MaxFontScale));
}

QStringList Settings::recentWorkspaces() const
{
    return QSettings().value(u"workspaces/recent"_s).toStringList();
}

void Settings::noteWorkspace(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList recent = recentWorkspaces();
    recent.removeAll(absolute);
    recent.prepend(absolute);
    while (recent.size() > MaxRecentWorkspaces)
        recent.removeLast();
    Writer writer;
    writer.settings.setValue(u"workspaces/recent"_s, recent);
    writer.settings.setValue(u"workspaces/last"_s, absolute);
}

QString Settings::lastWorkspace() const
{
    return QSettings().value(u"workspaces/last"_s).toString();
}

void Settings::sync()
{
    Writer().settings.sync();
}

} // namespace hb::storage
