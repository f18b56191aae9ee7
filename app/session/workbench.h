#pragma once

#include "fhir/fhirsource.h"
#include "net/cdsclient.h"
#include "net/exchangelog.h"
#include "net/transport.h"
#include "security/clientjwt.h"
#include "security/keystore.h"
#include "servers/embeddedservers.h"
#include "session/hookinvocation.h"

#include <QObject>

#include <memory>

namespace hb::servers {
class FhirProxy;
}

namespace hb::session {

struct WorkbenchOptions
{
    bool embeddedServers = true; ///< start the embedded EHR (FHIR, auth, demo services, lab)
    /// Ports other than 0 are wanted, not required: when one is taken, start() takes a free
    /// port instead and says so in notices().
    servers::ServerOptions serverOptions;
    net::CdsClientOptions client;
    security::ClientJwtOptions jwt; ///< an empty jku becomes the embedded server's JWKS URL
};

/// The running Hookbench, composed once: keys and the client JWT signer, the embedded servers,
/// the transport, the exchange log (which also receives the embedded FHIR server's audit, so a
/// service's reads show beside the calls), the CDS client and the hook invoker. The desktop app
/// and hookbench-cli both drive one of these.
class Workbench : public QObject
{
    Q_OBJECT

public:
    explicit Workbench(WorkbenchOptions options = {}, QObject *parent = nullptr);
    ~Workbench() override;

    /// Opens the key store and starts the embedded servers; false with `error` when either fails.
    bool start(QString *error = nullptr);

    [[nodiscard]] servers::EmbeddedServers *servers() const { return m_servers.get(); }
    [[nodiscard]] net::ExchangeLog *log() const { return m_log.get(); }
    [[nodiscard]] net::Transport *transport() const { return m_transport.get(); }
    [[nodiscard]] net::CdsClient *client() const { return m_client.get(); }
    [[nodiscard]] HookInvoker *invoker() const { return m_invoker.get(); }
    [[nodiscard]] const security::KeyStore &keys() const { return m_keys; }
    /// The client JWT signer, for a second CdsClient (bench sends without logging).
    [[nodiscard]] security::ClientJwtSigner *signer() const { return m_signer.get(); }

    /// `{embedded}/cds-services` and the embedded FHIR base; empty without embedded servers.
    [[nodiscard]] QUrl embeddedDiscovery() const;
    [[nodiscard]] QUrl embeddedLabDiscovery() const;
    [[nodiscard]] QUrl embeddedFhir() const;
    /// What start() had to change and the user should know (e.g. a port that was taken).
    [[nodiscard]] QStringList notices() const { return m_notices; }

    /// Switches the EHR's FHIR source (embedded by default). A remote source gets its TLS trust
    /// applied and, unless it passes the real token through, an access-audit proxy on loopback
    /// that services are sent to instead. False with `error` when the source is unusable.
    bool setFhirSource(const fhir::FhirSource &source, QString *error = nullptr);
    [[nodiscard]] const fhir::FhirSource &fhirSource() const { return m_source; }
    /// The FHIR base of the current source (the embedded server's or the remote one's): what
    /// InvocationOptions::fhirServer should be.
    [[nodiscard]] QUrl fhirBase() const;
    /// The client for the EHR's own reads of the current source (pickers, `patients`).
    [[nodiscard]] fhir::FhirClient *fhirClient();
    /// The access-audit proxy, null unless a remote source is proxied.
    [[nodiscard]] servers::FhirProxy *fhirProxy() const { return m_proxy.get(); }

private:
    void recordAudit(const servers::AuditEntry &entry);

    void choosePorts();
    /// Creates and starts the embedded servers on the chosen ports; false (and none) on failure.
    bool startServers(QString *error);

    WorkbenchOptions m_options;
    QStringList m_notices;
    security::KeyStore m_keys;
    std::unique_ptr<security::ClientJwtSigner> m_signer;
    std::unique_ptr<servers::EmbeddedServers> m_servers;
    std::unique_ptr<net::ExchangeLog> m_log;
    std::unique_ptr<net::Transport> m_transport;
    std::unique_ptr<net::CdsClient> m_client;
    std::unique_ptr<HookInvoker> m_invoker;
    fhir::FhirSource m_source;
    std::unique_ptr<fhir::FhirConnection> m_remote;
    std::unique_ptr<servers::FhirProxy> m_proxy;
    std::unique_ptr<fhir::FhirClient> m_embeddedClient;
};

} // namespace hb::session
