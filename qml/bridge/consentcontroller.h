#pragma once

#include "appcontext.h"

#include <QObject>
#include <QtQml/qqml.h>

class QQmlEngine;
class QJSEngine;

/// The ask-user grant policy's consent step: the service waiting for the user's answer and the
/// scopes it asks for; the waiting call goes out once answered. One request at a time, in order.
class ConsentController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString service READ service NOTIFY changed)
    Q_PROPERTY(QStringList scopes READ scopes NOTIFY changed)
    Q_PROPERTY(int waiting READ waiting NOTIFY changed)

public:
    explicit ConsentController(AppContext &context, QObject *parent = nullptr);
    static ConsentController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] QString service() const;
    [[nodiscard]] QStringList scopes() const;
    [[nodiscard]] int waiting() const { return int(m_consents.size()); }
    /// The user's answer to the request shown.
    Q_INVOKABLE void answer(bool approve);

Q_SIGNALS:
    void changed();

private:
    struct Pending
    {
        hb::servers::ConsentRequest request;
        std::function<void(bool)> answer;
    };
    QList<Pending> m_consents;
};
