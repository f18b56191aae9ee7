#include "uisettings.h"

#include <QQmlEngine>
#include <QSettings>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
const QString kTheme = u"ui/theme"_s;
const QString kFontScale = u"ui/fontScale"_s;
const QStringList kModes {u"system"_s, u"light"_s, u"dark"_s};
} // namespace

UiSettings::UiSettings()
{
    QSettings settings;
    m_themeMode = settings.value(kTheme, u"system"_s).toString();
    const QString forced = qEnvironmentVariable("HOOKBENCH_THEME");
    if (kModes.contains(forced))
        m_themeMode = forced;
    if (!kModes.contains(m_themeMode))
        m_themeMode = u"system"_s;
    m_fontScale = std::clamp(settings.value(kFontScale, 1.0).toDouble(), 0.7, 2.5);
}

UiSettings *UiSettings::instance()
{
    static UiSettings *settings = new UiSettings; // lives as long as the process (P5)
    return settings;
}

UiSettings *UiSettings::create(QQmlEngine *, QJSEngine *)
{
    UiSettings *settings = instance();
    QQmlEngine::setObjectOwnership(settings, QQmlEngine::CppOwnership);
    return settings;
}

void UiSettings::setThemeMode(const QString &mode)
{
    if (!kModes.contains(mode) || mode == m_themeMode)
        return;
    m_themeMode = mode;
    QSettings().setValue(kTheme, mode);
    Q_EMIT themeModeChanged();
}

void UiSettings::setFontScale(double scale)
{
    scale = std::clamp(std::round(scale * 100.0) / 100.0, 0.7, 2.5);
    if (qFuzzyCompare(scale, m_fontScale))
        return;
    m_fontScale = scale;
    QSettings().setValue(kFontScale, scale);
    Q_EMIT fontScaleChanged();
}
