#pragma once

// Which of a response's validation findings belong to which of its cards, and the words a card
// shows for them (the "spec" badge and its list). The validator points each finding at a JSON
// member (/cards/2/summary); a card owns the findings under its own /cards/N. Findings elsewhere
// (the whole body, systemActions) stay with the response: the status line and the log show them.
#include "core/finding.h"
#include "core/response.h"

#include <QList>
#include <QString>
#include <QVariantList>

namespace cardfindings {

/// The index N of a pointer "/cards/N" or "/cards/N/...", else -1.
[[nodiscard]] qsizetype cardIndexOf(const QString &pointer);

/// The findings of each card of `response`, in the order of response.cards. The parsed cards
/// skip what is not an object, so a pointer's N counts the raw array (response.raw) and is
/// mapped to the parsed card at that place; a response built without raw JSON maps N to N.
[[nodiscard]] QList<QList<hb::core::Finding>> perCard(const hb::core::CdsResponse &response,
                                                      const QList<hb::core::Finding> &findings);

/// "error", "warning" or "info": the worst of them; "" when there is none.
[[nodiscard]] QString worstSeverity(const QList<hb::core::Finding> &findings);

/// "SPEC · 1 error, 2 warnings" (errors, warnings, notes for infos); "" when there is none.
[[nodiscard]] QString badgeText(const QList<hb::core::Finding> &findings);

/// For QML, worst first: {ruleId, severity, pointer, message, line ("V4 summary must ...";
/// "... (at /links)" when the card has the same rule and message at another member too),
/// cli (the line `hookbench-cli fire` prints: "error V4 /cards/0/summary: ...")}.
[[nodiscard]] QVariantList toVariantList(const QList<hb::core::Finding> &findings);

} // namespace cardfindings
