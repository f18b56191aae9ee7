// The workspace loader: any bytes in a workspace file are either refused with a message or
// parsed into a workspace that saves back to bytes which load to the same bytes again
// (workspacefile.h: "saving what was loaded gives the same bytes").
#include "fuzzcheck.h"
#include "storage/workspacefile.h"

#include <QByteArray>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QString error;
    const auto workspace = hb::storage::parseWorkspace(bytes, &error);
    if (!workspace) {
        FUZZ_CHECK(!error.isEmpty());
        return 0;
    }
    const QByteArray saved = hb::storage::serializeWorkspace(*workspace);
    const auto again = hb::storage::parseWorkspace(saved, &error);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(hb::storage::serializeWorkspace(*again) == saved);
    return 0;
}
