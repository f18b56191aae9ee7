// The FHIR search parameter parser and matcher: input = "Type?query" as a client sends it.
#include "fhir/fhirstore.h"
#include "fhir/search.h"

#include <QByteArray>
#include <QUrlQuery>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const hb::fhir::FhirStore store = hb::fhir::FhirStore::builtin(false);
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const qsizetype mark = bytes.indexOf('?');
    hb::fhir::SearchRequest request;
    request.type = QString::fromUtf8(mark < 0 ? bytes : bytes.left(mark));
    const QUrlQuery query(QString::fromUtf8(mark < 0 ? QByteArray() : bytes.mid(mark + 1)));
    for (const auto &item : query.queryItems(QUrl::FullyDecoded))
        request.params.append({item.first, item.second});
    for (const bool strict : {false, true}) {
        request.strict = strict;
        const auto result = hb::fhir::search(store, request);
        if (result.status == 200)
            (void)hb::fhir::searchBundle(result,
                                         QStringLiteral("http://127.0.0.1/fhir/") + request.type,
                                         QStringLiteral("http://127.0.0.1/fhir"));
    }
    return 0;
}
