#include "session/workbench.h"

#include "servers/fhirproxy.h"
#include "session/clienttrust.h"
#include "session/logging.h"
#include "storage/paths.h"

#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace hb::session {

Workbench::Workbench(WorkbenchOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_keys(storage::homePath(u"keys"_s))
    , m_log(std::make_unique<net::ExchangeLog>())
    , m_transport(std::make_unique<net::Transport>())
{ }

Workbench::~Workbench()
{
    if (m_invoker)
        m_invoker->setRemoteFhir({});
    m_proxy.reset();
    m_remote.reset();
    if (m_servers)
        m_servers->stop();
}

bool Workbench::startServers(QString *error)
{
    m_servers = std::make_unique<servers::EmbeddedServers>();
    m_servers->setOptions(m_options.serverOptions);
    const servers::ClientTrust trust = clientTrustFor(m_keys.dir(), m_options.jwt.issuer);
    m_servers->setJwksProvider(trust.jwks);
    m_servers->setClientJwtVerifier(trust.verifier);
    m_servers->setClientAssertionVerifier(trust.assertions);
    // Direct: the audit is appended on the server thread; the exchange log is thread-safe.
    connect(
        m_servers->auditLog(), &servers::AuditLog::entryAdded, m_log.get(),
        [this](const servers::AuditEntry &entry) { recordAudit(entry); }, Qt::DirectConnection);
    if (m_servers->start(error))
        return true;
    m_servers->stop();
    m_servers.reset();
    return false;
}

bool Workbench::start(QString *error)
{
    QString keyError;
    m_keys = security::KeyStore::openDefault(&keyError);
    if (m_keys.activeKid().isEmpty()) {
        if (error)
            *error = u"client keys: "_s + keyError;
        return false;
    }
    if (m_options.embeddedServers) {
        choosePorts();
        if (!startServers(error)) {
            // Another program took a port between the check and the listen (two Hookbench
            // instances starting at once, parallel test runs): check again and fall back to a
            // free port for what is taken now, once.
            const servers::ServerOptions before = m_options.serverOptions;
            choosePorts();
            if (before.port == m_options.serverOptions.port
                && before.labPort == m_options.serverOptions.labPort)
                return false;
            if (!startServers(error))
                return false;
        }
        // The EHR reads its own server for prefetch: always pre-authorized, whatever the policy
        // for the services.
        m_servers->registerServiceClient(
            {HookInvoker::ehrClientId(), {u"user/*.read"_s}, servers::GrantPolicy::PreAuthorized});
        if (m_options.jwt.jku.isEmpty())
            m_options.jwt.jku = QUrl(m_servers->baseUrls().jwks);
    }
    m_signer = std::make_unique<security::ClientJwtSigner>(m_keys, m_options.jwt);
    m_client = std::make_unique<net::CdsClient>(m_transport.get(), m_log.get(), m_signer.get(),
                                                m_options.client);
    m_invoker = std::make_unique<HookInvoker>(m_client.get(), m_transport.get(), m_log.get(),
                                              m_servers.get());
    qCDebug(lcSession) << "workbench started; embedded servers:" << bool(m_servers);
    return true;
}

namespace {

bool portIsFree(quint16 port)
{
    QTcpServer probe;
    return probe.listen(QHostAddress::LocalHost, port);
}

} // namespace

void Workbench::choosePorts()
{
    // A fixed port keeps the FHIR and JWKS URLs a service trusts across launches; when another
    // program (or a second Hookbench) holds it, a free port beats refusing to start.
    auto fallBack = [this](quint16 &port, const QString &what) {
        if (port == 0 || portIsFree(port))
            return;
        m_notices << u"Port %1 (%2) is in use; the embedded servers took a free port instead, "
                     "so their URLs differ from the last session."_s.arg(port)
                         .arg(what);
        port = 0;
    };
    fallBack(m_options.serverOptions.port, u"embedded EHR"_s);
    fallBack(m_options.serverOptions.labPort, u"misbehaviour lab"_s);
    for (const QString &notice : std::as_const(m_notices))
        qCWarning(lcSession).noquote() << notice;
}

void Workbench::recordAudit(const servers::AuditEntry &entry)
{
    if (entry.subject == HookInvoker::ehrClientId())
        return; // the EHR's own prefetch reads are logged as prefetch exchanges already
    net::Exchange exchange;
    exchange.kind = u"fhir"_s;
    exchange.origin = u"service"_s;
    exchange.started = entry.time;
    exchange.method = entry.method.toLatin1();
    exchange.url = QUrl(entry.url);
    exchange.status = entry.status;
    exchange.note = entry.scope.isEmpty() ? u"%1: %2"_s.arg(entry.subject, entry.outcome)
                                          : u"%1 read under %2"_s.arg(entry.subject, entry.scope);
    m_log->append(exchange);
}

QUrl Workbench::embeddedDiscovery() const
{
    return m_servers ? QUrl(m_servers->baseUrls().cdsServices) : QUrl();
}

QUrl Workbench::embeddedLabDiscovery() const
{
    return m_servers ? QUrl(m_servers->baseUrls().lab) : QUrl();
}

QUrl Workbench::embeddedFhir() const
{
    return m_servers ? QUrl(m_servers->baseUrls().fhir) : QUrl();
}

bool Workbench::setFhirSource(const fhir::FhirSource &source, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (const QString problem = source.problem(); !problem.isEmpty())
        return fail(problem);
    if (m_invoker)
        m_invoker->setRemoteFhir({});
    m_proxy.reset();
    m_remote.reset();
    m_source = source;
    if (source.isEmbedded())
        return true;
    if (const QString tls = fhir::applyTlsTrust(source, m_transport.get()); !tls.isEmpty())
        return fail(tls);
    m_remote
        = std::make_unique<fhir::FhirConnection>(source, m_transport.get(), m_log.get(), &m_keys);
    RemoteFhir remote;
    remote.connection = m_remote.get();
    // The proxy checks tokens of the embedded authorization server, so it needs one.
    if (!source.passRealToken && m_servers) {
        m_proxy = std::make_unique<servers::FhirProxy>(m_servers->authState(),
                                                       m_servers->auditLog(), &m_remote->client());
        QString listenError;
        if (!m_proxy->listen(0, &listenError)) {
            m_proxy.reset();
            return fail(listenError);
        }
        remote.proxy = m_proxy->baseUrl();
    }
    if (m_invoker)
        m_invoker->setRemoteFhir(remote);
    return true;
}

QUrl Workbench::fhirBase() const
{
    return m_source.isEmbedded() ? embeddedFhir() : m_source.base;
}

fhir::FhirClient *Workbench::fhirClient()
{
    if (m_remote)
        return &m_remote->client();
    if (!m_servers)
        return nullptr;
    if (!m_embeddedClient) {
        m_embeddedClient
            = std::make_unique<fhir::FhirClient>(m_transport.get(), m_log.get(), embeddedFhir());
        // The EHR's own reads carry the user's authority (a fresh short-lived token each time).
        m_embeddedClient->setAuthorization([servers = m_servers.get()](auto done) {
            const auto grant
                = servers->issueServiceToken(HookInvoker::ehrClientId(), {u"user/*.read"_s}, {});
            if (grant.status != servers::TokenGrant::Status::Granted)
                return done({}, u"the embedded server refused the EHR a token: "_s + grant.error);
            done("Bearer " + grant.accessToken.toUtf8(), {});
        });
    }
    return m_embeddedClient.get();
}

} // namespace hb::session
