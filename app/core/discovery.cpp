#include "core/discovery.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::core {

ServiceDefinition ServiceDefinition::fromJson(const QJsonObject &json)
{
    ServiceDefinition service;
    service.hook = json.value(u"hook"_s).toString();
    service.title = json.value(u"title"_s).toString();
    service.description = json.value(u"description"_s).toString();
    service.id = json.value(u"id"_s).toString();
    const QJsonObject prefetch = json.value(u"prefetch"_s).toObject();
    for (auto it = prefetch.begin(); it != prefetch.end(); ++it) {
        if (it.value().isString())
            service.prefetch.insert(it.key(), it.value().toString());
    }
    service.usageRequirements = json.value(u"usageRequirements"_s).toString();
    service.extension = json.value(u"extension"_s).toObject();
    service.raw = json;
    return service;
}

QJsonObject ServiceDefinition::toJson() const
{
    QJsonObject json;
    json.insert(u"hook"_s, hook);
    if (!title.isEmpty())
        json.insert(u"title"_s, title);
    json.insert(u"description"_s, description);
    json.insert(u"id"_s, id);
    if (!prefetch.isEmpty()) {
        QJsonObject templates;
        for (auto it = prefetch.cbegin(); it != prefetch.cend(); ++it)
            templates.insert(it.key(), it.value());
        json.insert(u"prefetch"_s, templates);
    }
    if (!usageRequirements.isEmpty())
        json.insert(u"usageRequirements"_s, usageRequirements);
    if (!extension.isEmpty())
        json.insert(u"extension"_s, extension);
    return json;
}

DiscoveryDocument DiscoveryDocument::fromJson(const QJsonObject &json)
{
    DiscoveryDocument document;
    document.raw = json;
    const QJsonArray services = json.value(u"services"_s).toArray();
    for (const QJsonValue &entry : services) {
        if (entry.isObject())
            document.services.append(ServiceDefinition::fromJson(entry.toObject()));
    }
    return document;
}

void ServiceRegistry::add(const ServiceDefinition &service)
{
    for (ServiceDefinition &existing : m_services) {
        if (existing.id == service.id && existing.hook == service.hook) {
            existing = service;
            return;
        }
    }
    m_services.append(service);
}

void ServiceRegistry::addAll(const DiscoveryDocument &document)
{
    for (const ServiceDefinition &service : document.services)
        add(service);
}

std::optional<ServiceDefinition> ServiceRegistry::find(const QString &id, const QString &hook) const
{
    for (const ServiceDefinition &service : m_services) {
        if (service.id == id && service.hook == hook)
            return service;
    }
    return std::nullopt;
}

bool ServiceRegistry::contains(const QString &id, const QString &hook) const
{
    return find(id, hook).has_value();
}

QList<ServiceDefinition> ServiceRegistry::forHook(const QString &hook) const
{
    QList<ServiceDefinition> matches;
    for (const ServiceDefinition &service : m_services) {
        if (service.hook == hook)
            matches.append(service);
    }
    return matches;
}

QList<ServiceDefinition> ServiceRegistry::withId(const QString &id) const
{
    QList<ServiceDefinition> matches;
    for (const ServiceDefinition &service : m_services) {
        if (service.id == id)
            matches.append(service);
    }
    return matches;
}

} // namespace hb::core
