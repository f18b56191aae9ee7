#pragma once

#include "servicesmodel.h"
#include "sourcesmodel.h"

#include <QObject>
#include <QtQml/qqml.h>

#include <functional>

class QQmlEngine;
class QJSEngine;

/// The services registry: discovery sources (several, the demo services and the lab among them),
/// their services, and each service's settings, all kept in the workspace. A failed discovery
/// keeps the source's previous services and says why.
class ServicesController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(ServicesModel *services READ services CONSTANT)
    Q_PROPERTY(SourcesModel *sources READ sources CONSTANT)
    Q_PROPERTY(QString message READ message NOTIFY messageChanged)
    Q_PROPERTY(QStringList jwtFaults READ jwtFaults CONSTANT)

public:
    explicit ServicesController(AppContext &context, QObject *parent = nullptr);
    static ServicesController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] ServicesModel *services() { return &m_services; }
    [[nodiscard]] SourcesModel *sources() { return &m_sources; }
    [[nodiscard]] QString message() const { return m_message; }
    [[nodiscard]] QStringList jwtFaults() const;

    /// Discovers `url` (a base URL, a .../cds-services URL, "demo", "lab" or "lab:ID,ID") and,
    /// when it answers, adds it as a source beside the others. A source already listed is
    /// discovered again.
    Q_INVOKABLE void addSource(const QString &url);
    /// Discovers one source again; the other sources are not touched.
    Q_INVOKABLE void rediscover(const QString &sourceUrl);
    /// Discovers every source (on launch); `done` runs when all have answered.
    void discoverAll(std::function<void()> done);
    Q_INVOKABLE void removeSource(const QString &sourceUrl);
    Q_INVOKABLE void removeService(int row);

    // Per-service settings of row `row` (saved in the workspace).
    Q_INVOKABLE void setEnabled(int row, bool enabled);
    Q_INVOKABLE void setPrefetchMode(int row, const QString &mode);
    Q_INVOKABLE void setChosenKeys(int row, const QStringList &keys);
    Q_INVOKABLE void setAccessToken(int row, const QString &mode);
    /// Comma- or space-separated scopes; empty text goes back to "derived from prefetch".
    Q_INVOKABLE void setScopes(int row, const QString &scopes);
    Q_INVOKABLE void setSubject(int row, const QString &subject);
    Q_INVOKABLE void setJwtFault(int row, const QString &fault);

Q_SIGNALS:
    void messageChanged();
    /// A discovery finished (ok or not); tests and the launch sequence wait for it.
    void discoveryFinished(const QString &sourceUrl, bool ok);

private:
    void discover(const QString &sourceUrl, bool addOnSuccess, std::function<void(bool)> done);
    void editService(int row, const std::function<void(hb::storage::ServiceSettings &)> &change);
    void setMessage(const QString &message);

    AppContext &m_context;
    ServicesModel m_services;
    SourcesModel m_sources;
    QString m_message;
};
