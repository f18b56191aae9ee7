// CORS evaluation of whatever headers a server answers: input = response header lines
// ("Name: value"), a blank line, then the preflight's header lines. First line: the status.
#include "fuzzcheck.h"
#include "net/corsevaluator.h"

#include <QByteArray>
#include <QList>

using namespace hb::net;

namespace {
HeaderLines headerLines(const QByteArray &block, int *status)
{
    HeaderLines lines;
    const QList<QByteArray> rows = block.split('\n');
    for (qsizetype i = 0; i < rows.size() && i < 64; ++i) {
        const QByteArray row = rows.at(i);
        if (i == 0 && status) {
            *status = row.trimmed().toInt();
            continue;
        }
        const qsizetype colon = row.indexOf(':');
        if (colon > 0)
            lines.append({row.left(colon), row.mid(colon + 1)});
    }
    return lines;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype split = bytes.indexOf("\n\n");
    int status = 200, preflightStatus = 204;
    CorsResponse actual;
    actual.headers = headerLines(split < 0 ? bytes : bytes.left(split), &status);
    actual.status = status;
    CorsResponse preflight;
    preflight.headers
        = headerLines(split < 0 ? QByteArray() : bytes.mid(split + 2), &preflightStatus);
    preflight.status = preflightStatus;

    CorsRequest request;
    request.url = QUrl(QStringLiteral("http://127.0.0.1:8080/cds-services/x"));
    request.headers = {{"Content-Type", "application/json"}, {"Authorization", "Bearer x"}};
    for (const auto credentials : {CredentialsMode::SameOrigin, CredentialsMode::Include}) {
        request.credentials = credentials;
        const auto result = evaluateCors(request, preflight, actual);
        FUZZ_CHECK(result.verdict != CorsVerdict::Fail || !result.chromiumMessage.isEmpty());
    }
    (void)unsafeHeaderNames(actual.headers);
    (void)headerGet(actual.headers, "access-control-allow-origin");
    return 0;
}
