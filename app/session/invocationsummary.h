#pragma once

#include "session/hookinvocation.h"

#include <QString>

namespace hb::session {

/// Why the EHR shows no cards from this invocation, as one or two sentences for the error card
/// (C23): the connection failure, the browser's CORS verdict with its fix, a non-200 status, or
/// a body that is not a CDS response. Empty when the cards can be shown.
[[nodiscard]] QString failureOf(const InvocationResult &result, const QString &origin);

/// "patient-greeting: HTTP 200, 1 card, 2 prefetch keys, 12 ms" for the status line and the CLI.
[[nodiscard]] QString oneLineSummary(const InvocationResult &result);

} // namespace hb::session
