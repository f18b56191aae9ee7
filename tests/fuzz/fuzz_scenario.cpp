// The scenario-file parser (`hookbench-cli run`): any bytes are refused with at least one
// problem or parsed into a scenario.
#include "core/json.h"
#include "fuzzcheck.h"
#include "scenario/scenario.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto parsed = hb::core::parseJsonObject(bytes);
    if (!parsed.ok())
        return 0;
    QStringList problems;
    const auto scenario
        = hb::scenario::parseScenario(parsed.object, QStringLiteral("/nonexistent"), &problems);
    FUZZ_CHECK(scenario.has_value() || !problems.isEmpty());
    return 0;
}
