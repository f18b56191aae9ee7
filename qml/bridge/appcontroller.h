#pragma once

#include <QObject>
#include <QtQml/qqml.h>

class QQmlEngine;
class QJSEngine;

/// The QML-facing root of the app: what the window shows comes from here and the models it owns.
/// A process-wide singleton (private constructor + create(), pitfall P5).
class AppController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)

public:
    static AppController &instance();
    static AppController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] QString version() const;
    /// True once everything the first screen shows has loaded (the screenshot waits for it).
    [[nodiscard]] bool isReady() const { return m_ready; }
    void setReady(bool ready);

Q_SIGNALS:
    void readyChanged();

private:
    AppController() = default;
    bool m_ready = false;
};
