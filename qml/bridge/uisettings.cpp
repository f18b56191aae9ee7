#include "uisettings.h"

#include "storage/settings.h"

#include <QQmlEngine>

#include <cmath>

using namespace Qt::StringLiterals;

namespace {
const QStringList kModes {u"system"_s, u"light"_s, u"dark"_s};
} // namespace

UiSettings::UiSettings()
{
    const hb::storage::Settings settings;
    m_themeMode = settings.theme();
    const QString forced = qEnvironmentVariable("HOOKBENCH_THEME");
    if (kModes.contains(forced))
        m_themeMode = forced;
    m_fontScale = settings.fontScale();
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
    hb::storage::Settings().setTheme(mode);
    Q_EMIT themeModeChanged();
}

void UiSettings::setFontScale(double scale)
{
    using hb::storage::Settings;
    scale = std::clamp(std::round(scale * 100.0) / 100.0, Settings::MinFontScale,
                       Settings::MaxFontScale);
    if (qFuzzyCompare(scale, m_fontScale))
        return;
    m_fontScale = scale;
    hb::storage::Settings().setFontScale(scale);
    Q_EMIT fontScaleChanged();
}
