#pragma once

#include "ehr/draftorders.h"

#include <QJsonArray>
#include <QStringList>

namespace hb::ehr {

/// What accepting a suggestion did to the draft orders.
struct ApplyResult
{
    bool ok = false; ///< all actions applied; when false nothing was changed
    QStringList applied; ///< one line per action, in the order they ran
    QStringList problems; ///< why the suggestion could not be applied
    QStringList created; ///< references of created resources
    QStringList deleted; ///< references of deleted resources
    QStringList updated; ///< references of updated resources
};

/// Applies a suggestion's actions to the draft orders with FHIR transaction semantics (C14,
/// C14): every action or none, deletes first, then creates, then updates; an update replaces
/// the whole resource; a delete takes `resourceId` (`Type/id`) or the deprecated id string in
/// `resource`. Actions that target anything outside the ordering session are refused.
[[nodiscard]] ApplyResult applyActions(DraftOrders &orders, const QJsonArray &actions);

} // namespace hb::ehr
