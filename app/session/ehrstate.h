#pragma once

#include "core/hooks.h"
#include "ehr/draftorders.h"

#include <QJsonObject>
#include <QString>

namespace hb::session {

/// What the EHR has open when a hook fires: who is the user, which patient and encounter, and
/// the ordering session. Plain value; the GUI and the CLI each keep one.
struct EhrState
{
    QString userId = QStringLiteral("Practitioner/pr-olivia-chen"); ///< a relative reference
    QString patientId;
    QString encounterId;
    ehr::DraftOrders orders;
    QJsonObject appointments; ///< Bundle, for appointment-book
    QJsonObject customContext; ///< merged into (or, for custom hooks, is) the context
    // order-dispatch: the signed orders handed to a performer (see dispatchOrder()).
    QStringList dispatchedOrders;
    QString performer; ///< e.g. Organization/radiology-west
    QJsonArray fulfillmentTasks; ///< one Task per dispatched order

    /// The input of core::buildContext(): selections default to every draft order.
    [[nodiscard]] core::EhrContextInput contextInput() const;
};

/// order-dispatch: hands the signed order `reference` to `performer` (a reference such as
/// Organization/x or Practitioner/y): names the performer on the order and prepares the
/// hook's dispatchedOrders, performer and a requested fulfillment Task. Empty when done, else
/// why not (the order is not signed, the performer is not Type/id).
[[nodiscard]] QString dispatchOrder(EhrState &state, const QString &reference,
                                    const QString &performer);

} // namespace hb::session
