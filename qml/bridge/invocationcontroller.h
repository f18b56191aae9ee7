#pragma once

#include "appcontext.h"
#include "cardicons.h"
#include "cardsmodel.h"

#include "core/feedback.h"
#include "session/hookinvocation.h"
#include "session/workspaceoptions.h"

#include <QObject>
#include <QtQml/qqml.h>

#include <functional>

class QQmlEngine;
class QJSEngine;

/// Firing hooks and acting on their cards. A hook button fires every enabled service of the
/// hook (a fan-out); a service row fires that service alone. A running fan-out can be
/// cancelled: each pending call's HTTP exchange is aborted (its connection closed), it ends as
/// "cancelled" in the log and brings no cards. Changing the
/// patient clears every card; changing the draft orders clears the order hooks' cards.
class InvocationController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(CardsModel *cards READ cards CONSTANT)
    Q_PROPERTY(int pendingCalls READ pendingCalls NOTIFY pendingCallsChanged)
    Q_PROPERTY(QString lastFire READ lastFire NOTIFY lastFireChanged)

public:
    explicit InvocationController(AppContext &context, QObject *parent = nullptr);
    static InvocationController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] CardsModel *cards() { return &m_cards; }
    [[nodiscard]] CardIcons *icons() { return &m_icons; }
    [[nodiscard]] int pendingCalls() const { return int(m_pending.size()); }
    [[nodiscard]] QString lastFire() const { return m_lastFire; }

    /// Fires `hook` at every enabled service registered for it.
    Q_INVOKABLE void fireHook(const QString &hook);
    /// Fires one registered service alone (a click on its row), enabled or not.
    Q_INVOKABLE void fireService(const QString &sourceUrl, const QString &serviceId,
                                 const QString &hook);
    /// Fires `hook` and runs `then` when every call has ended (answered or cancelled).
    void fireAndThen(const QString &hook, std::function<void()> then);
    /// Ends every pending call now: its HTTP is aborted, "cancelled" in the log, no cards.
    Q_INVOKABLE void cancel();

    /// The user accepts suggestion `suggestion` of card `row`: refused when the card's rules
    /// forbid it (CardsModel::canAccept); else its actions change the draft orders (C14) and
    /// feedback goes to the service (C21). False when refused or not applied.
    Q_INVOKABLE bool acceptSuggestion(int row, int suggestion);
    /// The user dismisses card `row`, optionally with override reason `reasonIndex` (C22).
    Q_INVOKABLE void dismissCard(int row, int reasonIndex, const QString &comment);
    /// Opens link `index` of card `row`: a SMART launch for `smart` links (C16).
    Q_INVOKABLE void openCardLink(int row, int index);
    /// Opens a link clicked inside card markdown, if it is an http(s) URL.
    Q_INVOKABLE void openUrl(const QString &url);

    /// Sets the status line (also used by the order entry for its own messages).
    void setLastFire(const QString &text);

Q_SIGNALS:
    void pendingCallsChanged();
    void lastFireChanged();
    /// Every call of a fan-out ended (tests and the launch sequence wait for it).
    void fanOutFinished(const QString &hook);
    /// QML shows `url` in the embedded browser.
    void browserRequested(const QUrl &url, const QString &title);

private:
    struct FanOut
    {
        QString hook;
        qsizetype remaining = 0;
        QStringList lines;
        std::function<void()> then;
    };
    struct PendingCall
    {
        QString key;
        QString serviceId;
        QUrl url;
        std::shared_ptr<FanOut> fanOut;
        std::shared_ptr<hb::net::Cancellation> cancellation; ///< Cancel aborts its HTTP
    };

    void fire(const QString &hook, const QList<hb::session::ServiceRef> &services,
              std::function<void()> then);
    void finished(quint64 callId, const hb::session::InvocationResult &result);
    void endOne(const std::shared_ptr<FanOut> &fanOut, const QString &line);
    void showInvocation(const PendingCall &call, const hb::session::InvocationResult &result);
    void applySystemActions(const hb::session::InvocationResult &result);
    void sendFeedback(const QString &serviceKey, const hb::core::Feedback &feedback);

    AppContext &m_context;
    CardsModel m_cards;
    CardIcons m_icons;
    QString m_lastFire;
    QHash<quint64, PendingCall> m_pending;
    QSet<quint64> m_cancelled;
    quint64 m_nextCall = 1;
};
