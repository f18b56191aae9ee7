#pragma once

// "Check in Chromium" (issue 11): an exchange's call repeated from a real browser engine's page
// at the configured origin, beside Hookbench's own CORS probe of the same request. Pure: this
// file builds the request, the page script and the comparison; the engine runs elsewhere
// (qml/web/CorsCheckView.qml in the app, tests/e2e/net/tst_webengine_cors.cpp in the tests), so
// the app and the cross-check test share one definition of what is sent and what "agree" means.
#include "net/corsprobe.h"
#include "net/exchangelog.h"

#include <optional>

namespace hb::net {

/// The call a page's script makes: what the engine's XMLHttpRequest sends and what Hookbench's
/// probe sends, byte for byte the same author headers.
struct EngineCheckRequest
{
    QString origin; ///< the page origin (serialized)
    QUrl url;
    QByteArray method = "POST";
    HeaderLines headers; ///< author headers only (no forbidden names: XHR would drop them)
    QByteArray body; ///< empty: send() without a body
    CredentialsMode credentials = CredentialsMode::SameOrigin; ///< XHR withCredentials=false
};

/// Stands in for the call's bearer token: a secret never enters a web page (and a repeated
/// call must not reuse a live token). CORS does not judge the value, only the header's name.
inline constexpr QByteArrayView EngineCheckPlaceholderToken
    = "Bearer hookbench.cors-check.placeholder";

/// The call behind `exchange`, as a page at `origin` would make it: the exchange's method, URL,
/// body and author headers, with Authorization replaced by the placeholder. A preflight row
/// stands for the call it preceded: `actual` when the log still has it, else the call rebuilt
/// from Access-Control-Request-Method/-Headers. Nullopt with `why` for what no page can send
/// (not http(s), no origin).
std::optional<EngineCheckRequest> engineCheckRequestFor(const Exchange &exchange,
                                                        const QString &origin,
                                                        const Exchange *actual = nullptr,
                                                        QString *why = nullptr);

/// The same request for Hookbench's probe (browser mode: the engine is a browser).
CorsProbeRequest corsProbeRequestFor(const EngineCheckRequest &request);

/// JavaScript for the engine's page: one XMLHttpRequest (the Sandbox's API, axios), then one
/// console line starting with EngineCheckMarker: "OK <status>" or "FAIL". Values are embedded as
/// JSON, never spliced into code.
QString engineCheckScript(const EngineCheckRequest &request);
inline constexpr QStringView EngineCheckMarker = u"HOOKBENCH-CHECK ";

/// A minimal page document for the origin (loaded with the origin as base URL).
QString engineCheckPage();

/// What the engine reported: the outcome line and its console messages.
struct EngineOutcome
{
    bool finished = false; ///< the marker line arrived
    bool passed = false; ///< onload ran: the page could read the answer
    int status = 0;
    QStringList errors; ///< error-level console lines (Blink's CORS text is one)
    QStringList console; ///< every console line but the marker, "level: text"
};

/// Console levels as Qt WebEngine names them (QWebEnginePage / WebEngineView enums: 0 info,
/// 1 warning, 2 error).
enum class ConsoleLevel { Info = 0, Warning = 1, Error = 2 };

/// Adds one console message to `outcome`; the marker line finishes it.
void addConsoleMessage(EngineOutcome &outcome, ConsoleLevel level, const QString &message);

/// Hookbench's verdict against the engine's.
struct EngineComparison
{
    bool verdictsAgree = false; ///< both let the page read the answer, or both block it
    /// When both block: Hookbench's Chromium console line is among the engine's error lines.
    bool messageMatches = true;
    bool agree() const { return verdictsAgree && messageMatches; }
    QString summary; ///< one sentence for the banner
};

EngineComparison compareWithEngine(const CorsEvaluation &hookbench, const EngineOutcome &engine);

/// "102.0.5005.177" from a Chromium User-Agent ("... Chrome/102.0.5005.177 ..."); empty if absent.
QString chromiumVersionFromUserAgent(const QString &userAgent);

} // namespace hb::net
