// AppController's user and encounter pickers (the rest of the class is appcontroller.cpp).
#include "appcontroller.h"

#include "appcontext.h"

#include "session/pickers.h"

QString AppController::setUser(const QString &reference)
{
    QString error;
    const auto user = hb::session::typedUserReference(reference, &error);
    if (!user)
        return error;
    m_context.state().userId = *user; // context.userId and {{context.userId}} of later hooks
    Q_EMIT m_context.patientChanged(); // the banner names the new user
    return {};
}

void AppController::setEncounter(const QString &encounterId)
{
    m_context.state().encounterId = encounterId;
    Q_EMIT m_context.patientChanged();
}

QString AppController::patientId() const
{
    return ehrState().patientId;
}
