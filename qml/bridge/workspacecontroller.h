#pragma once

#include "appcontext.h"

#include <QObject>
#include <QUrl>
#include <QtQml/qqml.h>

class ServicesController;
class QQmlEngine;
class QJSEngine;

/// File > New / Open / Save / Save As / Open recent. Every change to the workspace is saved to
/// its file at once (the app remembers), so Save writes the same bytes again and Save As moves
/// the session to another file.
class WorkspaceController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString path READ path NOTIFY changed)
    Q_PROPERTY(QString fileName READ fileName NOTIFY changed)
    Q_PROPERTY(QStringList recent READ recent NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)

public:
    WorkspaceController(AppContext &context, ServicesController &services,
                        QObject *parent = nullptr);
    static WorkspaceController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] QString path() const { return m_context.workspacePath(); }
    [[nodiscard]] QString fileName() const;
    [[nodiscard]] QStringList recent() const;
    [[nodiscard]] QString message() const { return m_message; }

    /// A new workspace (the demo services, default settings) saved to `file`.
    Q_INVOKABLE bool newWorkspace(const QUrl &file);
    /// Opens a workspace file and discovers its sources; false (and the message says why)
    /// when it cannot be read. A corrupt file with a good backup opens the backup and says so.
    Q_INVOKABLE bool open(const QUrl &file);
    Q_INVOKABLE bool save();
    Q_INVOKABLE bool saveAs(const QUrl &file);

Q_SIGNALS:
    void changed();
    void messageChanged();

private:
    void setMessage(const QString &message);
    static QString localPath(const QUrl &file);

    AppContext &m_context;
    ServicesController &m_services;
    QString m_message;
};
