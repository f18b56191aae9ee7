// The client-JWT decoder and inspector (what a careful CDS service checks), on any token text.
#include "fuzzcheck.h"
#include "security/jwtinspector.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray token(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto decoded = hb::security::JwtInspector::decode(token);
    FUZZ_CHECK(decoded.decoded || !decoded.error.isEmpty());
    // A key set with one EC and one RSA public key shape, so verification paths run too.
    static const QJsonObject jwks {
        {QStringLiteral("keys"),
         QJsonArray {QJsonObject {{QStringLiteral("kty"), QStringLiteral("EC")},
                                  {QStringLiteral("crv"), QStringLiteral("P-384")},
                                  {QStringLiteral("kid"), QStringLiteral("k1")},
                                  {QStringLiteral("x"), QStringLiteral("AAAA")},
                                  {QStringLiteral("y"), QStringLiteral("AAAA")}},
                     QJsonObject {{QStringLiteral("kty"), QStringLiteral("RSA")},
                                  {QStringLiteral("kid"), QStringLiteral("k2")},
                                  {QStringLiteral("n"), QStringLiteral("AQAB")},
                                  {QStringLiteral("e"), QStringLiteral("AQAB")}}}}};
    hb::security::JwtInspector inspector(jwks);
    hb::security::JwtExpectations expect;
    expect.audience = QStringLiteral("http://127.0.0.1/cds-services/x");
    expect.now = 1700000000;
    const auto inspection = inspector.inspect(token, expect);
    FUZZ_CHECK(!inspection.valid()); // nothing can be signed by keys without private halves
    return 0;
}
