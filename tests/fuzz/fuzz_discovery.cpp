// A discovery document from a service: parsed, validated and put in the registry.
#include "core/discovery.h"
#include "core/json.h"
#include "core/validator.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = hb::core::parseJsonObject(bytes);
    if (!parsed.ok())
        return 0;
    const auto document = hb::core::DiscoveryDocument::fromJson(parsed.object);
    (void)hb::core::validateDiscovery(parsed.object);
    (void)hb::core::validateDiscovery(parsed.object, hb::core::SpecVersion::V1_0);
    hb::core::ServiceRegistry registry;
    registry.addAll(document);
    for (const auto &service : document.services)
        (void)registry.forHook(service.hook);
    return 0;
}
