#pragma once

#include <QString>

namespace hb::storage {

/// The folder that receives every file Hookbench writes (settings, workspace, keys, logs):
/// $HOOKBENCH_HOME when set, otherwise the platform's per-user data folder. Created on first use
/// with owner-only permissions, because it holds private keys.
[[nodiscard]] QString homeDir();

/// An absolute path inside homeDir(); parent folders of `relative` are created.
[[nodiscard]] QString homePath(const QString &relative);

/// Makes QSettings use the INI format, inside $HOOKBENCH_HOME when it is set and in the XDG
/// config folder otherwise.
/// Call once after QCoreApplication's names are set and before the first QSettings.
void routeSettingsToHome();

} // namespace hb::storage
