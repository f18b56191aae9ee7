// A hook or feedback response body as a service sends it: the bounded JSON parser, the typed
// model and the validator must survive anything, and a parsed response must round-trip.
#include "core/feedback.h"
#include "core/json.h"
#include "core/response.h"
#include "core/validator.h"
#include "fuzzcheck.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = hb::core::parseJsonObject(bytes);
    (void)hb::core::jsonFindings(parsed);
    (void)hb::core::validateHttpStatus(500, bytes);
    if (!parsed.ok())
        return 0;
    const auto response = hb::core::CdsResponse::fromJson(parsed.object);
    (void)hb::core::validateResponse(parsed.object, QStringLiteral("patient-view"));
    (void)hb::core::validateResponse(parsed.object, {}, hb::core::SpecVersion::V1_0);
    const auto again = hb::core::CdsResponse::fromJson(response.toJson());
    FUZZ_CHECK(again.cards.size() == response.cards.size());
    (void)hb::core::parseFeedbackBody(parsed.object);
    (void)hb::core::validateFeedback(parsed.object);
    (void)hb::core::detectKind(parsed.object);
    return 0;
}
