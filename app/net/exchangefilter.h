#pragma once

// What the log panel filters and summarises, as pure functions over an Exchange, so the proxy
// model, the CLI and the tests agree on what "status 4xx" or "has errors" means.
#include "net/exchangelog.h"

#include <QStringList>

#include <array>

namespace hb::net {

/// The log panel's filter bar. Empty members accept everything.
struct ExchangeFilter
{
    QStringList kinds; ///< discovery, hook, feedback, preflight, prefetch, fhir, ...
    QString service; ///< the CDS service id (from /cds-services/{id} or the FHIR reader)
    QString statusClass; ///< "2xx", "3xx", "4xx", "5xx" or "none" (no HTTP answer)
    QString corsVerdict; ///< pass, pass-with-warning, fail, or "none" (not evaluated)
    QString minSeverity; ///< error, warning or info: at least one finding this bad or worse
    QString text; ///< case-insensitive, in the URL, the note, the request or response body

    bool isEmpty() const;
    /// Computes the derived members below once, so matching 100,000 rows allocates nothing.
    /// matches() prepares a copy itself when this was not called.
    void prepare();

    bool prepared = false;
    int statusHundreds = -1; ///< 1..5, 0 = no answer, -1 = any
    int minRank = 0; ///< 3 error, 2 warning, 1 info, 0 = any
    QString lowerText;
    QByteArray needle; ///< lowerText as UTF-8
    std::array<qsizetype, 256> skip {}; ///< Boyer-Moore-Horspool shifts for `needle`
};

/// "2xx".."5xx", "1xx" or "none".
QString statusClassOf(int status);
/// The CDS service an exchange belongs to, or "" (discovery, token, the EHR's own reads).
QString serviceOf(const Exchange &exchange);
/// What filtering needs besides the exchange itself, computed once per exchange: views keep it
/// per row so a keystroke does not rebuild 100,000 URLs.
struct ExchangeKeys
{
    /// The URL and the note, lower-cased, as UTF-8: half the bytes of a QString for the mostly
    /// ASCII text, kept for every row of a 100,000-exchange log (matched against the UTF-8
    /// needle, which finds the same substrings).
    QByteArray searchText;
    QString service; ///< serviceOf()
};
ExchangeKeys keysOf(const Exchange &exchange);
/// `keys` is keysOf(exchange) when the caller has it cached.
bool matches(const Exchange &exchange, const ExchangeFilter &filter,
             const ExchangeKeys *keys = nullptr);

/// The one line the log shows for an exchange: the most important fact first.
struct ExchangeSummary
{
    enum class Kind { Error, Findings, CorsFailure, Warning, Note };
    Kind kind = Kind::Note;
    QString text;
    QString warningKey; ///< for Kind::Warning: the warning id + target host, to collapse repeats
};

/// error > findings (errors, then warnings) > CORS failure > CORS warnings > the note.
ExchangeSummary summarize(const Exchange &exchange);
QString toString(ExchangeSummary::Kind kind);

} // namespace hb::net
