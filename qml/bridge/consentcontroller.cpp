#include "consentcontroller.h"

#include "gui.h"

#include <QJSEngine>

ConsentController::ConsentController(AppContext &context, QObject *parent)
    : QObject(parent)
{
    context.askConsent
        = [this](const hb::servers::ConsentRequest &request, std::function<void(bool)> answer) {
              m_consents.append({request, std::move(answer)});
              Q_EMIT changed();
          };
}

ConsentController *ConsentController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = &Gui::instance().consent;
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

QString ConsentController::service() const
{
    return m_consents.isEmpty() ? QString() : m_consents.first().request.clientId;
}

QStringList ConsentController::scopes() const
{
    return m_consents.isEmpty() ? QStringList() : m_consents.first().request.scopes;
}

void ConsentController::answer(bool approve)
{
    if (m_consents.isEmpty())
        return;
    const Pending consent = m_consents.takeFirst();
    Q_EMIT changed();
    consent.answer(approve);
}
