#include "appcontroller.h"

#include "gui.h"

#include "storage/settings.h"

#include <QJSEngine>

using namespace Qt::StringLiterals;

AppController::AppController(AppContext &context, ServicesController &services,
                             InvocationController &invocation, PatientController &patient,
                             OrdersController &orders, ConsentController &consent, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_services(services)
    , m_invocation(invocation)
    , m_patient(patient)
    , m_orders(orders)
{
    connect(&context, &AppContext::noticesChanged, this, &AppController::noticesChanged);
    // Under the ask-user policy the launch waits for the user: the window is loaded.
    connect(&consent, &ConsentController::changed, this, [this, &consent] {
        if (consent.waiting() > 0)
            setReady(true);
    });
}

AppController::~AppController() = default;

AppController &AppController::instance()
{
    return Gui::instance().app;
}

AppController *AppController::create(QQmlEngine *, QJSEngine *)
{
    QJSEngine::setObjectOwnership(&instance(), QJSEngine::CppOwnership);
    return &instance();
}

QString AppController::version() const
{
    return QStringLiteral(HOOKBENCH_VERSION);
}

QString AppController::statusText() const
{
    return m_context.statusText();
}

QStringList AppController::notices() const
{
    return m_context.notices().mid(m_dismissedNotices);
}

void AppController::dismissNotice(int index)
{
    if (index == 0 && m_dismissedNotices < m_context.notices().size()) {
        ++m_dismissedNotices; // notices are read in order
        Q_EMIT noticesChanged();
    }
}

void AppController::setReady(bool ready)
{
    if (m_ready == ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged();
}

void AppController::start(const LaunchScenario &scenario)
{
    m_scenario = scenario;
    const int last = NavigationModel::indexOf(hb::storage::Settings().lastScreen());
    m_initialScreen = scenario.screen >= 0 ? scenario.screen : std::max(0, last);
    AppContext::Launch launch;
    launch.workspacePath = scenario.workspacePath;
    launch.discoveries = scenario.discoveries;
    launch.port = scenario.port;
    launch.grantPolicy = scenario.grantPolicy;
    if (!m_context.start(launch)) {
        // Never a silent empty window: the error is the first thing the user sees.
        m_invocation.cards()->setServiceError(u"hookbench"_s, u"Embedded EHR"_s,
                                              m_context.statusText());
        setReady(true);
        return;
    }
    m_log.setLog(m_context.workbench()->log());
    m_log.setKeys(&m_context.workbench()->keys());
    // The patient list comes from the FHIR source in use (a remote one answers later).
    m_services.discoverAll([this] { m_patient.loadPatients([this] { openFirstPatient(); }); });
}

void AppController::openFirstPatient()
{
    const QString first
        = m_scenario.patientId.isEmpty() ? m_patient.firstPatientId() : m_scenario.patientId;
    m_patient.openChart(first); // clears the cards: discovery errors go in after it
    showDiscoveryErrors();
    if (m_context.state().patientId.isEmpty()) {
        setReady(true);
        return;
    }
    m_invocation.fireAndThen(u"patient-view"_s, [this] {
        m_orders.orderAndThen(m_scenario.orderCodes, [this] {
            if (m_scenario.signOrders)
                return m_orders.signOrdersAndThen([this] { setReady(true); });
            setReady(true);
        });
    });
}

void AppController::showDiscoveryErrors()
{
    // A source that did not answer on launch is an error card too (its previous services, if
    // any, are still registered and fire).
    for (const auto &source : m_context.workspace().sources) {
        const QString error = m_services.sources()->errorOf(source.url);
        if (!error.isEmpty())
            m_invocation.cards()->setServiceError(u"discovery:"_s + source.url,
                                                  u"Discovery at "_s + source.url, error);
    }
}
