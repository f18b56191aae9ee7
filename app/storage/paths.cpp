#include "storage/paths.h"

#include "storage/logging.h"
#include "storage/settings.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace hb::storage {

namespace {
void ensureOwnerOnlyDir(const QString &path)
{
    QDir().mkpath(path);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
}
} // namespace

QString homeDir()
{
    QString dir = qEnvironmentVariable("HOOKBENCH_HOME");
    if (dir.isEmpty())
        dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.local/share/hookbench"_s;
    dir = QDir::cleanPath(QDir(dir).absolutePath());
    if (!QFileInfo::exists(dir))
        ensureOwnerOnlyDir(dir);
    return dir;
}

QString homePath(const QString &relative)
{
    const QString path = QDir(homeDir()).filePath(relative);
    QDir().mkpath(QFileInfo(path).absolutePath());
    return path;
}

void routeSettingsToHome()
{
    Settings().sync(); // what is pending belongs to the folder it was changed in
    QSettings::setDefaultFormat(QSettings::IniFormat);
    // HOOKBENCH_HOME moves settings too; otherwise they live in the XDG config folder
    // (QSettings' default for the INI format: $XDG_CONFIG_HOME/<organisation>/<app>.ini).
    if (!qEnvironmentVariableIsEmpty("HOOKBENCH_HOME"))
        QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, homePath(u"settings"_s));
    qCDebug(lcStorage) << "settings live in" << QSettings().fileName();
}

} // namespace hb::storage
