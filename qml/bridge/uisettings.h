#pragma once

#include <QObject>
#include <QtQml/qqml.h>

class QQmlEngine;
class QJSEngine;

/// Presentation settings that persist across runs, for QML: the colour theme (system, light,
/// dark) and the font scale. Kept by hb::storage::Settings (the one owner of their keys and
/// ranges); HOOKBENCH_THEME=light|dark overrides the theme for one run without saving it
/// (screenshot scripts use it).
class UiSettings : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString themeMode READ themeMode WRITE setThemeMode NOTIFY themeModeChanged)
    Q_PROPERTY(double fontScale READ fontScale WRITE setFontScale NOTIFY fontScaleChanged)
    /// HOOKBENCH_LOG_SELECT for screenshot scripts: "cors-fail" or "hook[:TAB]" selects that
    /// exchange in the log once it arrives and opens the inspector (TAB: request, response, cors,
    /// jwt, findings, trace, timing, curl). Empty in normal use.
    Q_PROPERTY(QString logSelect READ logSelect CONSTANT)

public:
    static UiSettings *create(QQmlEngine *engine, QJSEngine *script);
    static UiSettings *instance();

    QString themeMode() const { return m_themeMode; }
    void setThemeMode(const QString &mode);
    double fontScale() const { return m_fontScale; }
    QString logSelect() const { return qEnvironmentVariable("HOOKBENCH_LOG_SELECT"); }
    void setFontScale(double scale);

    /// Ctrl+plus / Ctrl+minus / Ctrl+0.
    Q_INVOKABLE void zoomIn() { setFontScale(m_fontScale * 1.1); }
    Q_INVOKABLE void zoomOut() { setFontScale(m_fontScale / 1.1); }
    Q_INVOKABLE void resetZoom() { setFontScale(1.0); }

Q_SIGNALS:
    void themeModeChanged();
    void fontScaleChanged();

private:
    UiSettings();

    QString m_themeMode;
    double m_fontScale = 1.0;
};
