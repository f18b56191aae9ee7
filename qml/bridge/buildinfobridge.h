#pragma once

// The build's identity for the About dialog (qml/components/AboutDialog.qml): the same strings
// `hookbench --version` prints, from core/buildinfo.h.
#include <QObject>
#include <QString>
#include <QtQml/qqml.h>

class BuildInfoBridge : public QObject
{
    Q_OBJECT
    QML_NAMED_ELEMENT(BuildInfo)
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(QString commit READ commit CONSTANT)
    Q_PROPERTY(QString qtVersion READ qtVersion CONSTANT)
    Q_PROPERTY(QString openSslVersion READ openSslVersion CONSTANT)
    /// All of the above as `hookbench --version` prints it, to paste into a bug report.
    Q_PROPERTY(QString versionText READ versionText CONSTANT)

public:
    explicit BuildInfoBridge(QObject *parent = nullptr);

    [[nodiscard]] QString version() const;
    [[nodiscard]] QString commit() const;
    [[nodiscard]] QString qtVersion() const;
    [[nodiscard]] QString openSslVersion() const;
    [[nodiscard]] QString versionText() const;
    /// Puts versionText on the clipboard, for a bug report.
    Q_INVOKABLE void copyVersionText() const;
};
