#include "appcontroller.h"

#include "ehr/orderentry.h"
#include "ehr/patientchart.h"
#include "fhir/catalogue.h"
#include "session/workbench.h"

#include <QJSEngine>
#include <QJsonArray>
#include <QQmlEngine>

using namespace Qt::StringLiterals;

AppController &AppController::instance()
{
    static AppController controller;
    return controller;
}

AppController *AppController::create(QQmlEngine *, QJSEngine *)
{
    QJSEngine::setObjectOwnership(&instance(), QJSEngine::CppOwnership);
    return &instance();
}

AppController::AppController() = default;
AppController::~AppController() = default;

QString AppController::version() const
{
    return QStringLiteral(HOOKBENCH_VERSION);
}

void AppController::setReady(bool ready)
{
    if (m_ready == ready)
        return;
    m_ready = ready;
    Q_EMIT readyChanged();
}

void AppController::setStatus(const QString &status)
{
    m_status = status;
    Q_EMIT statusChanged();
}

QString AppController::fhirServer() const
{
    return m_workbench ? m_workbench->embeddedFhir().toString() : QString();
}

QString AppController::userName() const
{
    // The user as the FHIR server knows them (the practitioner behind userId).
    const QString type = m_state.userId.section(u'/', 0, 0);
    const QString id = m_state.userId.section(u'/', 1);
    const auto user = m_workbench && m_workbench->servers()
        ? m_workbench->servers()->store().read(type, id)
        : std::nullopt;
    const QString name = user ? hb::ehr::displayOf(*user) : QString();
    return name.isEmpty() ? m_state.userId : name + u" · "_s + m_state.userId;
}

void AppController::start(const LaunchScenario &scenario)
{
    m_scenario = scenario;
    m_workbench = std::make_unique<hb::session::Workbench>();
    QString error;
    if (!m_workbench->start(&error)) {
        // Never a silent empty window: the error is the first thing the user sees.
        setStatus(u"Could not start the embedded EHR: "_s + error);
        m_cards.setServiceError(u"hookbench"_s, u"Embedded EHR"_s, m_status);
        setReady(true);
        return;
    }
    m_log.setLog(m_workbench->log());
    m_patients.load(m_workbench->servers()->store());
    setStatus(u"Embedded EHR on "_s + m_workbench->embeddedFhir().toString());

    m_discovery = launchDiscovery();
    m_workbench->client()->discover(m_discovery, [this](const hb::net::DiscoveryResult &result) {
        const QString first = m_scenario.patientId.isEmpty() && m_patients.rowCount() > 0
            ? m_patients.data(m_patients.index(0), PatientsModel::IdRole).toString()
            : m_scenario.patientId;
        openChart(first); // clears the cards: any discovery error goes in after it
        if (result.document) {
            m_registry.addAll(*result.document);
            Q_EMIT servicesChanged();
            if (!m_scenario.grantPolicy.isEmpty())
                setGrantPolicy(m_scenario.grantPolicy);
        } else {
            m_cards.setServiceError(u"discovery"_s, u"Discovery at "_s + m_discovery.toString(),
                                    result.error.isEmpty()
                                        ? u"HTTP %1: no discovery document."_s.arg(result.status())
                                        : result.error);
        }
        if (m_state.patientId.isEmpty() || !result.document) {
            setReady(true);
            return;
        }
        fireAndThen(u"patient-view"_s,
                    [this] { orderAndThen(m_scenario.orderCodes, [this] { setReady(true); }); });
    });
}

QUrl AppController::launchDiscovery() const
{
    const QString wanted = m_scenario.discovery;
    if (wanted.isEmpty())
        return m_workbench->embeddedDiscovery();
    if (wanted == u"lab" || wanted.startsWith(u"lab:"_s)) {
        // "lab:a,b" keeps only those lab services (the lab serves /{ids}/cds-services).
        const QUrl lab = m_workbench->embeddedLabDiscovery();
        return wanted == u"lab" ? lab
                                : lab.resolved(QUrl(u"/"_s + wanted.mid(4) + u"/cds-services"_s));
    }
    return hb::net::discoveryUrl(QUrl::fromUserInput(wanted));
}

void AppController::selectPatient(const QString &patientId)
{
    openChart(patientId);
    if (!m_state.patientId.isEmpty())
        fireHook(u"patient-view"_s);
}

void AppController::openChart(const QString &patientId)
{
    if (!m_workbench || !m_workbench->servers())
        return;
    m_chart = hb::ehr::chartFor(m_workbench->servers()->store(), patientId);
    const auto &chart = m_chart;
    m_state = hb::session::EhrState {};
    m_state.patientId = chart.summary.id;
    m_state.encounterId
        = chart.openEncounterId.isEmpty() ? chart.lastEncounterId : chart.openEncounterId;
    m_cards.clear(); // cards are transient: they belong to the chart that was open
    Q_EMIT patientChanged();
    Q_EMIT ordersChanged();
    if (chart.summary.id.isEmpty()) {
        m_cards.setServiceError(u"hookbench"_s, u"Patient"_s,
                                u"No patient '%1' in the FHIR server."_s.arg(patientId));
    }
}

QVariantList AppController::services() const
{
    QVariantList list;
    for (const auto &service : m_registry.all()) {
        list << QVariantMap {{u"id"_s, service.id},
                             {u"hook"_s, service.hook},
                             {u"title"_s, service.title.isEmpty() ? service.id : service.title},
                             {u"description"_s, service.description},
                             {u"prefetch"_s, QStringList(service.prefetch.keys()).join(u", "_s)}};
    }
    return list;
}

QVariantList AppController::draftOrders() const
{
    QVariantList list;
    for (const auto &reference : m_state.orders.references()) {
        list << QVariantMap {
            {u"reference"_s, reference},
            // Dose, route and frequency; CPT and reasons; what services' systemActions changed.
            {u"display"_s,
             QStringList(QStringList {hb::ehr::orderSummary(m_state.orders.find(reference))}
                         + m_state.orders.notesOf(reference))
                 .join(u" · "_s)},
            {u"status"_s, m_state.orders.find(reference).value(u"status"_s).toString()}};
    }
    return list;
}

QVariantList AppController::searchCatalogue(const QString &text) const
{
    QVariantList list;
    const auto &catalogue = hb::fhir::Catalogue::builtin();
    auto add = [&](const QJsonArray &items, const QString &kind) {
        for (const auto &item : items) {
            const QString display = item[u"display"_s].toString();
            if (display.contains(text, Qt::CaseInsensitive))
                list << QVariantMap {{u"code"_s, item[u"code"_s].toString()},
                                     {u"display"_s, display},
                                     {u"kind"_s, kind}};
        }
    };
    add(catalogue.formulary(), u"Medication"_s);
    add(catalogue.imaging(), u"Imaging"_s);
    add(catalogue.labs(), u"Lab"_s);
    return list;
}
