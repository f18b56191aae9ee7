// AppController's user and encounter pickers (the rest of the class is appcontroller*.cpp).
#include "appcontroller.h"

#include "session/pickers.h"

QString AppController::setUser(const QString &reference)
{
    QString error;
    const auto user = hb::session::typedUserReference(reference, &error);
    if (!user)
        return error;
    m_state.userId = *user; // context.userId and {{context.userId}} of every following hook
    Q_EMIT patientChanged();
    return {};
}

void AppController::setEncounter(const QString &encounterId)
{
    m_state.encounterId = encounterId;
    Q_EMIT patientChanged();
}
