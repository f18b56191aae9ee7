#pragma once

// Discovery documents (GET {base}/cds-services) and the service registry.
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

#include <optional>

namespace hb::core {

/// One entry of `services` (V24). Parsed leniently: wrong types become empty values;
/// validateDiscovery() reports them. `raw` keeps the entry exactly as received.
struct ServiceDefinition
{
    QString hook;
    QString title;
    QString description;
    QString id;
    QMap<QString, QString> prefetch; ///< key -> template
    QString usageRequirements;
    QJsonObject extension;
    QJsonObject raw;

    static ServiceDefinition fromJson(const QJsonObject &json);
    /// Serialises with optional members omitted when empty.
    QJsonObject toJson() const;
};

/// `{"services": [...]}` with the parsed entries (entries that are not objects are skipped).
struct DiscoveryDocument
{
    QList<ServiceDefinition> services;
    QJsonObject raw;

    static DiscoveryDocument fromJson(const QJsonObject &json);
};

/// Services keyed by (id, hook): the same id may be listed for several hooks and is then one
/// endpoint that tells calls apart by the request's `hook` (C2).
class ServiceRegistry
{
public:
    /// Adds or replaces the entry with the same (id, hook).
    void add(const ServiceDefinition &service);
    void addAll(const DiscoveryDocument &document);
    void clear() { m_services.clear(); }

    std::optional<ServiceDefinition> find(const QString &id, const QString &hook) const;
    bool contains(const QString &id, const QString &hook) const;
    /// Every service to call when `hook` fires, in discovery order.
    QList<ServiceDefinition> forHook(const QString &hook) const;
    /// Every entry sharing `id` (one endpoint, several hooks).
    QList<ServiceDefinition> withId(const QString &id) const;
    const QList<ServiceDefinition> &all() const { return m_services; }
    qsizetype size() const { return m_services.size(); }

private:
    QList<ServiceDefinition> m_services;
};

} // namespace hb::core
