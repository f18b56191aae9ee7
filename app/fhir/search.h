#pragma once

#include "fhir/fhirstore.h"

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <functional>

namespace hb::fhir {

using QueryItems = QList<QPair<QString, QString>>;

/// A type-level search as it arrived (decoded name/value pairs, repeated names are AND).
struct SearchRequest
{
    QString type;
    QueryItems params;
    bool strict = false; ///< Prefer: handling=strict: unknown parameters are errors
    /// Optional extra filter (e.g. the token's patient compartment); false drops the resource.
    std::function<bool(const QJsonObject &)> filter;
};

/// The outcome of a search: either an error (status + OperationOutcome) or all matches, sorted.
struct SearchResult
{
    int status = 200;
    QJsonObject outcome; ///< the error when status != 200
    QList<QJsonObject> matches; ///< every match in sort order (paging happens in searchBundle)
    qsizetype offset = 0;
    qsizetype count = 50;
    bool summaryCount = false;
    QStringList ignored; ///< unknown parameters, reported as an outcome entry (lenient mode)
    QueryItems applied; ///< the parameters used, for the self link (without _count/_offset)
};

constexpr qsizetype defaultPageSize = 50;
constexpr qsizetype maxPageSize = 500;

/// Runs a search over the store (https://hl7.org/fhir/R4/search.html, subset documented in
/// docs: token with system|code, reference, date with eq/lt/gt/ge/le, string with :exact and
/// :contains, `_id`, `_count`, `_offset`, `_sort`, `_summary=count`).
[[nodiscard]] SearchResult search(const FhirStore &store, const SearchRequest &request);

/// A searchset Bundle with total, one page of entries and self/first/previous/next/last links.
/// `typeUrl` is the absolute URL of the type endpoint, e.g. http://127.0.0.1:8080/fhir/Patient.
[[nodiscard]] QJsonObject searchBundle(const SearchResult &result, const QString &typeUrl,
                                       const QString &fhirBase);

} // namespace hb::fhir
