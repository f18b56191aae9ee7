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

    /// The input of core::buildContext(): selections default to every draft order.
    [[nodiscard]] core::EhrContextInput contextInput() const;
};

} // namespace hb::session
