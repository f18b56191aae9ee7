#pragma once

#include <QObject>
#include <QStringList>
#include <QtQml/qqml.h>

class AppContext;
class QQmlEngine;
class QJSEngine;

/// The custom hook screen: any hook name, a context editor prefilled from the hook catalogue's
/// builder and checked as the user types (session/customhook.h), a prefetch key chooser, and
/// the call to one service with exactly that context.
class CustomHookController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString hook READ hook WRITE setHook NOTIFY hookChanged)
    Q_PROPERTY(QString contextText READ contextText WRITE setContextText NOTIFY checked)
    Q_PROPERTY(QStringList findings READ findings NOTIFY checked)
    Q_PROPERTY(bool valid READ valid NOTIFY checked)
    Q_PROPERTY(bool knownHook READ knownHook NOTIFY checked)
    Q_PROPERTY(QStringList hooks READ hooks CONSTANT)
    Q_PROPERTY(QStringList prefetchTokens READ prefetchTokens NOTIFY hookChanged)
    Q_PROPERTY(QString prefetchTokenText READ prefetchTokenText NOTIFY hookChanged)
    Q_PROPERTY(QStringList serviceIds READ serviceIds NOTIFY servicesChanged)
    Q_PROPERTY(QStringList prefetchKeys READ prefetchKeys NOTIFY servicesChanged)
    Q_PROPERTY(QString result READ result NOTIFY resultChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY resultChanged)

public:
    explicit CustomHookController(AppContext &context, QObject *parent = nullptr);
    static CustomHookController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] QString hook() const { return m_hook; }
    void setHook(const QString &hook);
    [[nodiscard]] QString contextText() const { return m_text; }
    void setContextText(const QString &text);
    [[nodiscard]] QStringList findings() const { return m_findings; }
    [[nodiscard]] bool valid() const { return m_valid; }
    [[nodiscard]] bool knownHook() const { return m_known; }
    [[nodiscard]] QStringList hooks() const;
    [[nodiscard]] QStringList prefetchTokens() const;
    [[nodiscard]] QString prefetchTokenText() const { return prefetchTokens().join(u' '); }
    [[nodiscard]] QStringList serviceIds() const;
    /// The prefetch keys of the chosen service (for the chooser).
    [[nodiscard]] QStringList prefetchKeys() const { return m_prefetchKeys; }
    [[nodiscard]] QString result() const { return m_result; }
    [[nodiscard]] bool busy() const { return m_busy; }

    /// Replaces the editor's text with the builder's context for the current hook.
    Q_INVOKABLE void prefill();
    Q_INVOKABLE void chooseService(const QString &serviceId);
    /// Sends the hook with the editor's context to `serviceId` (at the current discovery URL),
    /// with only `keys` prefetched (all when empty). Refused while the context has errors.
    Q_INVOKABLE void fire(const QString &serviceId, const QStringList &keys);

Q_SIGNALS:
    void hookChanged();
    void checked();
    void servicesChanged();
    void resultChanged();

private:
    void check();
    /// Every registered service as {id, prefetch keys}.
    [[nodiscard]] QList<std::pair<QString, QStringList>> services() const;
    /// The discovery URL of the first source (the services this screen calls).
    [[nodiscard]] QUrl discoveryUrl() const;

    AppContext &m_context;
    QString m_hook = QStringLiteral("patient-view");
    QString m_text;
    QString m_prefilled; ///< the last prefill, to know whether the user edited the text
    QStringList m_findings;
    bool m_valid = false;
    bool m_known = true;
    QStringList m_prefetchKeys;
    QString m_result;
    bool m_busy = false;
};
