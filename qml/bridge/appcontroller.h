#pragma once

#include "cardsmodel.h"
#include "logmodel.h"
#include "patientsmodel.h"

#include "core/discovery.h"
#include "core/feedback.h"
#include "ehr/patientchart.h"
#include "session/ehrstate.h"
#include "session/hookinvocation.h"

#include <QObject>
#include <QVariantMap>
#include <QtQml/qqml.h>

#include <memory>

class QQmlEngine;
class QJSEngine;

namespace hb::session {
class Workbench;
} // namespace hb::session

/// The QML-facing root of the app: the EHR state the window shows, the models, and the actions
/// the user takes. It drives one hb::session::Workbench (the embedded EHR, the client identity,
/// the CDS client); every rule lives in the libraries, this class only connects them to QML.
/// A process-wide singleton (private constructor + create(), pitfall P5).
class AppController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY statusChanged)
    Q_PROPERTY(QString fhirServer READ fhirServer NOTIFY statusChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY patientChanged)
    Q_PROPERTY(QString patientId READ patientId NOTIFY patientChanged)
    Q_PROPERTY(QString patientName READ patientName NOTIFY patientChanged)
    Q_PROPERTY(QString patientDetails READ patientDetails NOTIFY patientChanged)
    Q_PROPERTY(QStringList allergies READ allergies NOTIFY patientChanged)
    Q_PROPERTY(QStringList conditions READ conditions NOTIFY patientChanged)
    Q_PROPERTY(QStringList medications READ medications NOTIFY patientChanged)
    Q_PROPERTY(QStringList observations READ observations NOTIFY patientChanged)
    Q_PROPERTY(QStringList encounters READ encounters NOTIFY patientChanged)
    Q_PROPERTY(QString encounterId READ encounterId NOTIFY patientChanged)
    Q_PROPERTY(QVariantList services READ services NOTIFY servicesChanged)
    Q_PROPERTY(QVariantList draftOrders READ draftOrders NOTIFY ordersChanged)
    Q_PROPERTY(QString lastFire READ lastFire NOTIFY lastFireChanged)
    Q_PROPERTY(int initialScreen READ initialScreen CONSTANT)
    Q_PROPERTY(QString discoveryUrl READ discoveryUrl NOTIFY servicesChanged)
    Q_PROPERTY(QString demoDiscoveryUrl READ demoDiscoveryUrl NOTIFY statusChanged)
    Q_PROPERTY(QString labDiscoveryUrl READ labDiscoveryUrl NOTIFY statusChanged)
    Q_PROPERTY(QString origin READ origin WRITE setOrigin NOTIFY settingsChanged)
    Q_PROPERTY(QString jwtFault READ jwtFault WRITE setJwtFault NOTIFY settingsChanged)
    Q_PROPERTY(QStringList jwtFaults READ jwtFaults CONSTANT)
    Q_PROPERTY(int jwtFaultIndex READ jwtFaultIndex NOTIFY settingsChanged)
    Q_PROPERTY(QString accessTokenMode READ accessTokenMode WRITE setAccessTokenMode NOTIFY
                   settingsChanged)
    Q_PROPERTY(QString prefetchMode READ prefetchMode WRITE setPrefetchMode NOTIFY settingsChanged)
    Q_PROPERTY(QString grantPolicy READ grantPolicy WRITE setGrantPolicy NOTIFY settingsChanged)
    Q_PROPERTY(QString consentService READ consentService NOTIFY consentChanged)
    Q_PROPERTY(int pendingCalls READ pendingCalls NOTIFY pendingCallsChanged)
    Q_PROPERTY(QStringList consentScopes READ consentScopes NOTIFY consentChanged)
    Q_PROPERTY(CardsModel *cards READ cards CONSTANT)
    Q_PROPERTY(LogModel *log READ log CONSTANT)
    Q_PROPERTY(PatientsModel *patients READ patients CONSTANT)

public:
    static AppController &instance();
    static AppController *create(QQmlEngine *, QJSEngine *);
    ~AppController() override;

    /// What the app does on launch (command-line options of the desktop app).
    struct LaunchScenario
    {
        QString patientId; ///< empty: the first patient
        QStringList orderCodes; ///< catalogue codes to order after the chart opens (order-select)
        int screen = 0; ///< the navigation entry to show
        QString grantPolicy; ///< pre-authorized (default) or ask-user
        QString discovery; ///< instead of the demo services: a URL, "lab" or "lab:id,id"
    };

    /// Starts the embedded EHR, discovers its services, opens the scenario's patient, fires
    /// patient-view and then order-select for each order; `ready` turns true when the last
    /// cards are in.
    void start(const LaunchScenario &scenario);

    [[nodiscard]] QString version() const;
    [[nodiscard]] bool isReady() const { return m_ready; }
    [[nodiscard]] QString statusText() const { return m_status; }
    [[nodiscard]] QString fhirServer() const;
    [[nodiscard]] QString userName() const;
    [[nodiscard]] QString patientId() const { return m_state.patientId; }
    [[nodiscard]] QString patientName() const { return m_chart.summary.name; }
    [[nodiscard]] QString patientDetails() const { return m_chart.summary.details(); }
    [[nodiscard]] QStringList allergies() const { return m_chart.allergies; }
    [[nodiscard]] QStringList conditions() const { return m_chart.conditions; }
    [[nodiscard]] QStringList medications() const { return m_chart.medications; }
    [[nodiscard]] QStringList observations() const { return m_chart.observations; }
    [[nodiscard]] QStringList encounters() const { return m_chart.encounters; }
    [[nodiscard]] QString encounterId() const { return m_state.encounterId; }
    /// For the pickers and the custom hook screen (their own controllers).
    [[nodiscard]] hb::session::Workbench *workbench() const { return m_workbench.get(); }
    [[nodiscard]] const hb::session::EhrState &ehrState() const { return m_state; }
    [[nodiscard]] QVariantList services() const;
    [[nodiscard]] QVariantList draftOrders() const;
    /// Formulary and imaging items whose name contains `text` (all when empty).
    Q_INVOKABLE [[nodiscard]] QVariantList searchCatalogue(const QString &text) const;
    [[nodiscard]] QString lastFire() const { return m_lastFire; }
    /// Hook calls under way (the cards column shows that it is waiting for them).
    [[nodiscard]] int pendingCalls() const { return m_pendingCalls; }
    [[nodiscard]] int initialScreen() const { return m_scenario.screen; }
    [[nodiscard]] CardsModel *cards() { return &m_cards; }
    [[nodiscard]] LogModel *log() { return &m_log; }
    [[nodiscard]] PatientsModel *patients() { return &m_patients; }

    // Settings that shape every call (appcontroller_settings.cpp).
    [[nodiscard]] QString discoveryUrl() const { return m_discovery.toString(); }
    [[nodiscard]] QString demoDiscoveryUrl() const;
    [[nodiscard]] QString labDiscoveryUrl() const;
    [[nodiscard]] QString origin() const;
    /// The page origin the CORS emulation plays; empty turns the emulation off.
    void setOrigin(const QString &origin);
    [[nodiscard]] QString jwtFault() const;
    /// A deliberate client JWT fault for every following call ("none" for a valid token).
    void setJwtFault(const QString &name);
    [[nodiscard]] QStringList jwtFaults() const;
    [[nodiscard]] int jwtFaultIndex() const { return int(jwtFaults().indexOf(jwtFault())); }
    [[nodiscard]] QString accessTokenMode() const;
    /// mock, none or expired: what fhirAuthorization carries.
    void setAccessTokenMode(const QString &mode);
    [[nodiscard]] QString prefetchMode() const;
    /// all or none (none exercises the services' FHIR fallback).
    void setPrefetchMode(const QString &mode);
    [[nodiscard]] QString grantPolicy() const;
    /// pre-authorized (the organisation approved every service) or ask-user (a consent step
    /// lists the scopes before a service gets its first token), as the CDS Hooks FAQ describes.
    void setGrantPolicy(const QString &policy);
    /// The service waiting for the user's consent (empty when none) and the scopes it asks for.
    [[nodiscard]] QString consentService() const;
    [[nodiscard]] QStringList consentScopes() const;
    /// The user's answer to the consent shown; the waiting call then goes out.
    Q_INVOKABLE void answerConsent(bool approve);

    /// Discovers the services at `url` (a base URL or a .../cds-services URL); they replace
    /// the current ones and every following hook goes to them.
    Q_INVOKABLE void discover(const QString &url);

    /// Opens a patient's chart (clears cards and draft orders) and fires patient-view.
    Q_INVOKABLE void selectPatient(const QString &patientId);
    /// Fires `hook` at every discovered service registered for it.
    Q_INVOKABLE void fireHook(const QString &hook);
    /// Adds a formulary or imaging item to the draft orders and fires order-select with it.
    Q_INVOKABLE void addOrder(const QString &code);
    Q_INVOKABLE void removeOrder(const QString &reference);
    Q_INVOKABLE void signOrders();
    /// Proposes a follow-up visit in `daysAhead` days and fires appointment-book with it.
    Q_INVOKABLE void bookAppointment(int daysAhead);
    /// The user accepts suggestion `suggestion` of card `row`: its actions change the draft
    /// orders (C14) and feedback goes to the service (C21).
    Q_INVOKABLE void acceptSuggestion(int row, int suggestion);
    /// The user dismisses card `row`, optionally with override reason `reasonIndex` (C22).
    Q_INVOKABLE void dismissCard(int row, int reasonIndex, const QString &comment);
    /// Opens link `index` of card `row`: a SMART launch for `smart` links (C16).
    Q_INVOKABLE void openCardLink(int row, int index);
    /// Opens a link clicked inside card markdown, if it is an http(s) URL.
    Q_INVOKABLE void openUrl(const QString &url);

Q_SIGNALS:
    void readyChanged();
    void statusChanged();
    void patientChanged();
    void servicesChanged();
    void ordersChanged();
    void lastFireChanged();
    void settingsChanged();
    void consentChanged();
    void pendingCallsChanged();
    /// QML shows `url` in the embedded browser.
    void browserRequested(const QUrl &url, const QString &title);

private:
    AppController();
    void setReady(bool ready);
    void setStatus(const QString &status);
    void showInvocation(const hb::session::InvocationResult &result);
    void applySystemActions(const hb::session::InvocationResult &result);
    void sendFeedback(const QString &serviceId, const QList<hb::core::Feedback> &items);
    void fireAndThen(const QString &hook, std::function<void()> then);
    void openChart(const QString &patientId);
    QUrl launchDiscovery() const;
    void orderAndThen(QStringList codes, std::function<void()> then);

    std::unique_ptr<hb::session::Workbench> m_workbench;
    hb::core::ServiceRegistry m_registry;
    hb::session::EhrState m_state;
    hb::ehr::PatientChart m_chart;
    CardsModel m_cards;
    LogModel m_log;
    PatientsModel m_patients;
    QString m_status;
    QString m_lastFire;
    bool m_ready = false;
    int m_pendingCalls = 0;
    LaunchScenario m_scenario;
    QUrl m_discovery;
    hb::session::InvocationOptions m_invocation;
    hb::servers::GrantPolicy m_grantPolicy = hb::servers::GrantPolicy::PreAuthorized;
    struct PendingConsent
    {
        hb::servers::ConsentRequest request;
        std::function<void(bool)> answer;
    };
    QList<PendingConsent> m_consents;
};
