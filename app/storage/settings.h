#pragma once

// Window and presentation settings (not part of a workspace: they belong to this desktop, not to
// a setup one shares). Stored with QSettings: call routeSettingsToHome() (paths.h) first, so they
// live in $HOOKBENCH_HOME or the XDG config folder. The changes of one event-loop turn are written
// together, in one atomic save, when the turn ends (or at quit, or at sync()); reads see them at
// once. Without a QCoreApplication each change is written at once.
#include <QByteArray>
#include <QList>
#include <QRect>
#include <QString>
#include <QStringList>

namespace hb::storage {

class Settings
{
public:
    static constexpr int MaxRecentWorkspaces = 8;

    [[nodiscard]] QRect geometry() const; ///< invalid when never saved
    void setGeometry(const QRect &rect);
    [[nodiscard]] QString lastScreen() const; ///< a --screen name; empty when never saved
    void setLastScreen(const QString &name);
    /// Splitter sizes by splitter name (e.g. "main", "log"); empty when never saved.
    [[nodiscard]] QList<int> splitterSizes(const QString &splitter) const;
    void setSplitterSizes(const QString &splitter, const QList<int> &sizes);
    /// The colour theme: system (follow the desktop, the default), light or dark. The one
    /// place the app's appearance is kept; the GUI's UiSettings reads and writes it here.
    [[nodiscard]] QString theme() const;
    void setTheme(const QString &theme); ///< anything but light or dark stores "system"
    static constexpr double MinFontScale = 0.7;
    static constexpr double MaxFontScale = 2.5;
    /// Font scale (projectors): MinFontScale - MaxFontScale, 1.0 by default.
    [[nodiscard]] double fontScale() const;
    void setFontScale(double scale); ///< clamped to the range

    /// Workspace files opened or saved, most recent first (at most MaxRecentWorkspaces).
    [[nodiscard]] QStringList recentWorkspaces() const;
    /// Moves `path` (made absolute) to the front of the recent list; it becomes the last one.
    void noteWorkspace(const QString &path);
    /// The workspace to restore without --workspace; empty when none was used yet.
    [[nodiscard]] QString lastWorkspace() const;

    /// Writes now what this turn changed (nothing when nothing is pending).
    void sync();
};

} // namespace hb::storage
