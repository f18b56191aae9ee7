#include "servers/embeddedservers.h"

#include "fhir/fhirstore.h"
#include "servers/scopes.h"
#include "servers/serverhost.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace hb::servers {

QJsonObject BaseUrls::toJson() const
{
    return QJsonObject {{u"fhir"_s, fhir},
                        {u"cdsServices"_s, cdsServices},
                        {u"lab"_s, lab},
                        {u"authorize"_s, authorize},
                        {u"token"_s, token},
                        {u"jwks"_s, jwks},
                        {u"smartConfiguration"_s, smartConfiguration},
                        {u"introspect"_s, introspect},
                        {u"smartApp"_s, smartApp}};
}

EmbeddedServers::EmbeddedServers(QObject *parent)
    : QObject(parent)
    , m_auth(std::make_unique<AuthState>())
    , m_audit(new AuditLog(this))
{
    qRegisterMetaType<hb::servers::ConsentRequest>();
    // /authorize queues consents on the server thread; the signal reaches the GUI queued.
    m_auth->setConsentListener(
        [this](const ConsentRequest &consent) { Q_EMIT consentRequested(consent); });
    connect(m_audit, &AuditLog::entryAdded, this, &EmbeddedServers::auditEntry);
}

EmbeddedServers::~EmbeddedServers()
{
    stop();
}

void EmbeddedServers::setOptions(const ServerOptions &options)
{
    m_options = options;
}

void EmbeddedServers::setJwksProvider(std::function<QJsonObject()> provider)
{
    m_trust.jwks = std::move(provider);
}

void EmbeddedServers::setClientJwtVerifier(CdsServicesApi::ClientJwtVerifier verifier)
{
    m_trust.verifier = std::move(verifier);
}

void EmbeddedServers::setClientAssertionVerifier(ClientAssertionVerifier verifier)
{
    m_trust.assertions = std::move(verifier);
}

void EmbeddedServers::createHost()
{
    m_thread = new QThread(this);
    m_thread->setObjectName(u"hookbench-servers"_s);
    m_host = new ServerHost(m_auth.get(), m_audit);
    m_host->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_host, &QObject::deleteLater);
    connect(m_host, &ServerHost::feedbackReceived, this, &EmbeddedServers::feedbackReceived);
    m_thread->start();
}

void EmbeddedServers::startAsync()
{
    if (m_host) {
        Q_EMIT started(m_ready, m_ready ? QString() : u"already starting"_s);
        return;
    }
    createHost();
    QMetaObject::invokeMethod(
        m_host,
        [this, host = m_host, options = m_options, trust = m_trust] {
            const QString failure = host->start(options, trust);
            QMetaObject::invokeMethod(
                this,
                [this, failure] {
                    if (!failure.isEmpty())
                        stop();
                    m_ready = failure.isEmpty();
                    Q_EMIT started(m_ready, failure);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

bool EmbeddedServers::start(QString *error)
{
    if (m_host)
        return m_ready;
    createHost();
    QString failure;
    QMetaObject::invokeMethod(
        m_host, [&] { failure = m_host->start(m_options, m_trust); }, Qt::BlockingQueuedConnection);
    if (!failure.isEmpty()) {
        if (error)
            *error = failure;
        stop();
        return false;
    }
    m_ready = true;
    return true;
}

void EmbeddedServers::stop()
{
    if (!m_thread)
        return;
    if (m_host)
        QMetaObject::invokeMethod(
            m_host, [host = m_host] { host->stop(); }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_host = nullptr; // deleted by the thread's finished signal
    m_ready = false;
}

bool EmbeddedServers::isRunning() const
{
    return m_ready;
}

BaseUrls EmbeddedServers::baseUrls() const
{
    return m_ready ? m_host->urls() : BaseUrls {};
}

const fhir::FhirStore &EmbeddedServers::store() const
{
    static const fhir::FhirStore empty;
    return m_ready ? m_host->store() : empty;
}

void EmbeddedServers::registerServiceClient(const ServiceClient &client)
{
    m_auth->registerClient(client);
}

void EmbeddedServers::registerAppClient(const AppClient &app)
{
    m_auth->registerApp(app);
}

void EmbeddedServers::setDefaultGrantPolicy(GrantPolicy policy)
{
    m_auth->setDefaultPolicy(policy);
}

TokenGrant EmbeddedServers::issueServiceToken(const QString &serviceClientId,
                                              const QStringList &scopes, const QString &patientId,
                                              int lifetimeSeconds)
{
    TokenGrant grant
        = m_auth->issueServiceToken(serviceClientId, scopes, patientId, lifetimeSeconds);
    if (grant.status == TokenGrant::Status::PendingConsent) {
        for (const auto &consent : m_auth->pendingConsents()) {
            if (consent.id == grant.consentId)
                Q_EMIT consentRequested(consent);
        }
    }
    return grant;
}

TokenGrant EmbeddedServers::resolveConsent(const QString &consentId, bool approve)
{
    return m_auth->resolveConsent(consentId, approve);
}

QList<ConsentRequest> EmbeddedServers::pendingConsents() const
{
    return m_auth->pendingConsents();
}

void EmbeddedServers::revokeToken(const QString &accessToken)
{
    m_auth->revoke(accessToken);
}

QStringList EmbeddedServers::scopesForPrefetch(const QMap<QString, QString> &templates)
{
    return hb::servers::scopesForPrefetch(templates);
}

QString EmbeddedServers::createLaunch(const QString &patient, const QString &encounter,
                                      const QString &appContext, const QString &user)
{
    return m_auth->createLaunch(LaunchContext {patient, encounter, appContext, user});
}

QList<AuditEntry> EmbeddedServers::audit() const
{
    return m_audit->entries();
}

QList<FeedbackEntry> EmbeddedServers::feedback() const
{
    return m_ready ? m_host->feedback() : QList<FeedbackEntry> {};
}

AuditLog *EmbeddedServers::auditLog() const
{
    return m_audit;
}

} // namespace hb::servers
