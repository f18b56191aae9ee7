#include "appcontext.h"

#include "fhir/fhirclient.h"
#include "fhir/fhirstore.h"
#include "net/cdsclient.h"
#include "security/jwtfault.h"
#include "session/workspaceoptions.h"
#include "storage/settings.h"
#include "storage/workspacefile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

using namespace Qt::StringLiterals;

AppContext::AppContext(QObject *parent)
    : QObject(parent)
    , m_workspace(hb::storage::Workspace::defaults())
{ }

AppContext::~AppContext() = default;

void AppContext::shutdown()
{
    m_workbench.reset(); // isRunning() is false from here on, even during the reset
}

namespace {

// "lab", "lab:a,b" (the command line's short forms) become workspace source URLs.
QString sourceUrlFor(const QString &discovery)
{
    if (discovery == u"lab" || discovery.startsWith(u"lab:"_s))
        return u"embedded:"_s + discovery;
    if (discovery == u"demo")
        return QString::fromUtf16(hb::storage::EmbeddedDemoSource);
    if (discovery.startsWith(u"embedded:"_s))
        return discovery;
    return hb::net::discoveryUrl(QUrl::fromUserInput(discovery)).toString();
}

} // namespace

void AppContext::addNotice(const QString &notice)
{
    m_notices << notice;
    Q_EMIT noticesChanged();
}

bool AppContext::start(const Launch &launch)
{
    // Which file: the one named, else the last session's, else the default one.
    hb::storage::Settings settings;
    QString path = launch.workspacePath;
    if (path.isEmpty())
        path = settings.lastWorkspace();
    if (path.isEmpty() || (launch.workspacePath.isEmpty() && !QFileInfo::exists(path)))
        path = hb::storage::defaultWorkspacePath();
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    if (QFileInfo::exists(m_workspacePath)) {
        const auto loaded = hb::storage::loadWorkspace(m_workspacePath);
        if (!loaded.error.isEmpty())
            addNotice(loaded.error);
        if (loaded.workspace) {
            m_workspace = *loaded.workspace;
        } else {
            // Nothing usable: keep the user's file aside rather than saving over it.
            const QString aside = m_workspacePath + u".corrupt"_s;
            QFile::remove(aside);
            QFile::rename(m_workspacePath, aside);
            addNotice(u"Started a new workspace; the unreadable file was kept as %1."_s.arg(
                QDir::toNativeSeparators(aside)));
        }
    }
    for (const QString &discovery : launch.discoveries) {
        const QString url = sourceUrlFor(discovery);
        if (!m_workspace.source(url))
            m_workspace.sources << hb::storage::DiscoverySource {url, {}, {}};
    }
    if (!launch.grantPolicy.isEmpty())
        m_workspace.grantPolicy = launch.grantPolicy;

    QString error;
    auto options = hb::session::workbenchOptionsFrom(m_workspace, &error);
    if (!options) {
        addNotice(QDir::toNativeSeparators(m_workspacePath) + u": "_s + error);
        options = hb::session::WorkbenchOptions {};
    }
    options->embeddedServers = launch.embeddedServers;
    if (launch.port)
        options->serverOptions.port = *launch.port;
    m_workbench = std::make_unique<hb::session::Workbench>(*options);
    if (!m_workbench->start(&error)) {
        // Never a silent empty window: the error is the first thing the user sees.
        m_status = u"Could not start the embedded EHR: "_s + error;
        m_workbench.reset();
        Q_EMIT started();
        return false;
    }
    for (const QString &notice : m_workbench->notices())
        addNotice(notice);
    m_status = m_workbench->servers()
        ? u"Embedded EHR on "_s + m_workbench->embeddedFhir().toString()
        : u"No embedded EHR"_s;
    applyWorkspace();
    save();
    settings.noteWorkspace(m_workspacePath);
    Q_EMIT started();
    Q_EMIT workspaceChanged();
    return true;
}

void AppContext::applyWorkspace()
{
    if (!isRunning())
        return;
    // What can change while running: CORS, timeouts, spec version. Ports and the client
    // identity take effect at the next launch (they are fixed when the servers start).
    const auto options = hb::session::workbenchOptionsFrom(m_workspace);
    if (options) {
        auto client = m_workbench->client()->options();
        client.corsEmulation = options->client.corsEmulation;
        client.origin = options->client.origin;
        client.corsMode = options->client.corsMode;
        client.specVersion = options->client.specVersion;
        client.connectTimeoutMs = options->client.connectTimeoutMs;
        client.totalTimeoutMs = options->client.totalTimeoutMs;
        m_workbench->client()->setOptions(client);
    }
    registerServiceClients();
    applyFhirSource();
}

void AppContext::applyFhirSource()
{
    auto source = hb::fhir::FhirSource::fromWorkspace(m_workspace.fhir);
    if (source.auth == hb::fhir::FhirAuth::Bearer)
        source.token = m_fhirToken;
    const auto &current = m_workbench->fhirSource();
    // Re-applying the same source would drop its connection and audit proxy for nothing.
    if (source.toJson() == current.toJson() && source.token == current.token
        && m_fhirError.isEmpty())
        return;
    QString error;
    if (m_workbench->setFhirSource(source, &error)) {
        m_fhirError.clear();
        return;
    }
    // The embedded server serves meanwhile; the reason (never the token) is on the settings
    // screen.
    m_fhirError = error;
    (void)m_workbench->setFhirSource({});
}

void AppContext::registerServiceClients()
{
    auto *servers = m_workbench->servers();
    if (!servers)
        return;
    // The grant policy and granted scopes live in each service's registration with the
    // authorization server, so they are applied again whenever the services change (a
    // re-discovery must not fall back to the default policy).
    const auto policy = m_workspace.grantPolicy == u"ask-user"
        ? hb::servers::GrantPolicy::AskUser
        : hb::servers::GrantPolicy::PreAuthorized;
    servers->setDefaultGrantPolicy(policy);
    for (const auto &source : std::as_const(m_workspace.sources)) {
        for (const auto &service : source.services) {
            // No scopes set: whatever the service asks for (derived from its prefetch).
            servers->registerServiceClient(
                {service.definition.id, service.settings.scopes.value_or(QStringList()), policy});
        }
    }
}

void AppContext::save()
{
    QString error;
    if (!hb::storage::saveWorkspace(m_workspacePath, m_workspace, &error))
        addNotice(u"The workspace was not saved: "_s + error);
}

void AppContext::editWorkspace(const std::function<void(hb::storage::Workspace &)> &change)
{
    change(m_workspace);
    applyWorkspace();
    save();
    Q_EMIT workspaceChanged();
}

void AppContext::replaceWorkspace(const hb::storage::Workspace &workspace, const QString &path)
{
    m_workspace = workspace;
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    m_serviceStatus.clear();
    if (m_workspace.embedded.port != 0 && m_workbench && m_workbench->servers()
        && m_workbench->embeddedFhir().port() != m_workspace.embedded.port)
        addNotice(u"This workspace's embedded port %1 applies from the next launch."_s.arg(
            m_workspace.embedded.port));
    applyWorkspace();
    save();
    hb::storage::Settings().noteWorkspace(m_workspacePath);
    Q_EMIT workspaceChanged();
}

bool AppContext::saveWorkspaceAs(const QString &path, QString *error)
{
    if (!hb::storage::saveWorkspace(path, m_workspace, error))
        return false;
    m_workspacePath = QFileInfo(path).absoluteFilePath();
    hb::storage::Settings().noteWorkspace(m_workspacePath);
    Q_EMIT workspaceChanged();
    return true;
}

QUrl AppContext::discoveryUrlOf(const QString &sourceUrl) const
{
    return m_workbench ? hb::session::discoveryUrlOf(sourceUrl, *m_workbench) : QUrl();
}

hb::session::EhrState AppContext::freshState() const
{
    // Another patient is a new ordering session, not another user: the user picked (or the
    // one the FHIR source was found to have) stays.
    hb::session::EhrState state;
    state.userId = m_state.userId;
    return state;
}

void AppContext::openChart(const QString &patientId)
{
    if (!m_workbench || !m_workbench->servers())
        return;
    ++m_chartGeneration;
    m_chartError.clear();
    if (!m_workbench->fhirSource().isEmbedded() && m_workbench->fhirClient()) {
        // A remote FHIR source: its patient is the context now, its chart follows.
        m_chart = hb::ehr::PatientChart {};
        m_state = freshState();
        m_state.patientId = patientId;
        Q_EMIT patientChanged();
        Q_EMIT ordersChanged();
        loadRemoteChart(patientId);
        return;
    }
    m_chart = hb::ehr::chartFor(m_workbench->servers()->store(), patientId);
    m_state = freshState();
    m_state.patientId = m_chart.summary.id;
    m_state.encounterId
        = m_chart.openEncounterId.isEmpty() ? m_chart.lastEncounterId : m_chart.openEncounterId;
    Q_EMIT patientChanged();
    Q_EMIT ordersChanged();
}

void AppContext::loadRemoteChart(const QString &patientId)
{
    // The chart's resources, read through the FHIR client (logged, with the source's
    // credentials), collected in a store of their own and summarised as the embedded ones are.
    struct Load
    {
        hb::fhir::FhirStore store;
        int pending = 0;
        QString error;
    };
    auto load = std::make_shared<Load>();
    const quint64 generation = m_chartGeneration;
    const auto done = [this, load, generation, patientId] {
        if (--load->pending > 0 || generation != m_chartGeneration)
            return;
        m_chart = hb::ehr::chartFor(load->store, patientId);
        m_chartError = m_chart.summary.id.isEmpty() && load->error.isEmpty()
            ? u"Patient/%1 is not on the FHIR server."_s.arg(patientId)
            : load->error;
        if (m_state.encounterId.isEmpty())
            m_state.encounterId = m_chart.openEncounterId.isEmpty() ? m_chart.lastEncounterId
                                                                    : m_chart.openEncounterId;
        Q_EMIT chartChanged();
    };
    auto *client = m_workbench->fhirClient();
    const QStringList searched {u"AllergyIntolerance"_s, u"Condition"_s, u"MedicationRequest"_s,
                                u"Observation"_s, u"Encounter"_s};
    load->pending = 1 + int(searched.size());
    client->read(u"Patient"_s, patientId, [load, done](const hb::fhir::FhirResponse &response) {
        if (response.ok())
            load->store.addResource(response.resource);
        else
            load->error = response.error;
        done();
    });
    for (const QString &type : searched) {
        hb::fhir::QueryItems query {{u"patient"_s, patientId}};
        if (type == u"Observation" || type == u"Encounter")
            query.append({u"_sort"_s, u"-date"_s});
        client->search(type, query, {100, 2, 200},
                       [load, done](const hb::fhir::SearchResultSet &set) {
                           for (const auto &resource : set.resources)
                               load->store.addResource(resource);
                           done();
                       });
    }
}

QString AppContext::serviceKey(const QString &sourceUrl, const QString &id, const QString &hook)
{
    return sourceUrl + u'|' + id + u'|' + hook;
}

ServiceStatus AppContext::serviceStatus(const QString &key) const
{
    return m_serviceStatus.value(key);
}

void AppContext::setServiceStatus(const QString &key, const ServiceStatus &status)
{
    m_serviceStatus.insert(key, status);
    Q_EMIT serviceStatusChanged(key);
}
