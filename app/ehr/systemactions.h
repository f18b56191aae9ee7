#pragma once

// systemActions (CDS Hooks 2.0 §6.5): actions a service asks the EHR to apply without a card.
// The EHR applies them to the ordering session and shows on each order what a service changed.
#include "core/response.h"
#include "ehr/actionapplier.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hb::ehr {

/// What a service's update changed on an order, in a few words: the PAMA rating
/// (http://fhir.org/argonaut/Extension/pama-rating), a new code, a new status, or "updated".
[[nodiscard]] QString describeUpdate(const QJsonObject &before, const QJsonObject &after);

struct SystemActionsResult
{
    ApplyResult apply;
    QStringList notes; ///< the notes added to orders, "Type/id: note"
};

/// Applies `actions` from `serviceId` (all or none, as a suggestion) and notes on every updated
/// order "<serviceId> (system action): <describeUpdate>".
SystemActionsResult applySystemActions(DraftOrders &orders, const QJsonArray &actions,
                                       const QString &serviceId);
/// The same for a parsed response (its systemActions, wherever the service put them: the core
/// parser also reads the pre-2.0 `extension.systemActions` of the public pama-imaging sample).
SystemActionsResult applySystemActions(DraftOrders &orders, const core::CdsResponse &response,
                                       const QString &serviceId);

} // namespace hb::ehr
