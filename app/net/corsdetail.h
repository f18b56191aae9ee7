#pragma once

// Internal to the CORS evaluator: the CORS check and the console texts (Chromium and Firefox,
// CORS11) shared by corsevaluator.cpp and corstexts.cpp. Not part of the library's API.
#include "net/corsevaluator.h"

namespace hb::net::detail {

/// One failed check, before it is put into the console templates.
struct Failure
{
    QString reason; ///< Chromium reason without the P: prefix
    QString ffCode;
    QString ffReason;
    bool ffStatus = false; ///< Firefox appends " Status code: N."
    QString hint;
    bool preflightPrefix = true; ///< whether Chromium prepends P: when this is a preflight failure
};

QString q(const QByteArray &value);
/// The URL as Chromium prints it (GURL spec: "/" for an empty path).
QString urlSpec(const QUrl &url);
/// Fetch "CORS check" (CORS3) with Chromium's refined reasons.
std::optional<Failure> corsCheck(const HeaderLines &headers, const QString &origin,
                                 CredentialsMode credentials, bool xhr, bool preflight);
QString chromiumLine(const CorsRequest &request, const QUrl &finalUrl, const QUrl &firstUrl,
                     const QString &reason);
QString firefoxLine(const QUrl &url, const QString &reason, std::optional<QString> status);
void fail(CorsEvaluation *result, CorsStage stage, const QString &chromiumReason,
          const QString &chromiumMessage, const QString &ffCode, const QString &ffReason,
          const QString &hint);
void failWith(CorsEvaluation *result, const CorsRequest &request, CorsStage stage,
              const Failure &failure, const QUrl &finalUrl, int status);
void failNetwork(CorsEvaluation *result, const QByteArray &method, const QUrl &url,
                 const QByteArray &error);
/// Hookbench's own words for a preflight answered with a non-2xx status (with or without CORS
/// headers): the status, what the body said, and what that status usually means (a 404 is a
/// wrong URL far more often than missing CORS headers). Empty for a 2xx or a redirect.
QString preflightStatusHint(const CorsResponse &preflight, const QUrl &url);
/// The first thing worth quoting from a response body: an OperationOutcome's diagnostics, an
/// HTML page's title, else its first non-empty line; at most 200 characters, "" when none.
QString bodySummary(const QByteArray &body);
/// Checks made from the URLs alone (scheme, mixed content, local network access, CORS10).
/// Returns false when the request never leaves the browser.
bool precheck(const CorsRequest &request, CorsEvaluation *result);

} // namespace hb::net::detail
