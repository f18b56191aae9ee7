#pragma once

// Where the EHR's data comes from: the embedded FHIR server (default) or any FHIR R4 base URL,
// with its authentication (none, a static bearer token, or SMART Backend Services) and TLS trust.
#include "fhir/fhirclient.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace hb::security {
class KeyStore;
}

namespace hb::storage {
struct FhirSource;
}

namespace hb::fhir {

enum class FhirAuth {
    None,
    Bearer, ///< a static token the user pasted
    BackendServices, ///< SMART Backend Services: client_credentials + private_key_jwt
};
[[nodiscard]] QString fhirAuthName(FhirAuth auth); ///< none, bearer, backend-services
[[nodiscard]] std::optional<FhirAuth> fhirAuthFromName(const QString &name);

/// One FHIR source as the user configured it (the workspace's `fhir` object).
struct FhirSource
{
    QUrl base; ///< empty = the embedded server
    FhirAuth auth = FhirAuth::None;
    QString token; ///< Bearer: the token (a secret: never logged, redacted in exports)
    QString clientId; ///< BackendServices: the client id registered with the server
    QString scope = QStringLiteral("system/*.read"); ///< BackendServices: the scopes asked for
    /// TLS: accept this host's certificate (SHA-256 hex, as the transport's TLS report shows it)
    /// even when self-signed.
    QString trustedCertificateSha256;
    QString caFile; ///< TLS: PEM file of extra CA certificates
    /// Give CDS services the real credentials and fhirServer instead of the audit proxy's.
    bool passRealToken = false;

    [[nodiscard]] bool isEmbedded() const { return base.isEmpty(); }
    /// Empty when usable, else what is wrong (a sentence).
    [[nodiscard]] QString problem() const;
    /// The workspace file's `fhir` object (storage::FhirSource::json): {"kind": "embedded"} or
    /// {"kind": "remote", "url", "auth", "clientId", "scope", "trustedCertificateSha256",
    /// "caFile", "passRealToken"}. Never the bearer token: secrets stay out of workspace files
    /// (which are meant to be reviewed and committed), so a bearer source asks for it again.
    [[nodiscard]] QJsonObject toJson() const;
    /// Any other kind than "remote" (a missing object included) is the embedded server.
    [[nodiscard]] static FhirSource fromJson(const QJsonObject &json);
    /// The workspace's `fhir` member, and back (kind + json).
    [[nodiscard]] static FhirSource fromWorkspace(const storage::FhirSource &stored);
    [[nodiscard]] storage::FhirSource toWorkspace() const;
};

/// An access token the source obtained.
struct AccessToken
{
    QString token;
    QString scope;
    QDateTime expiresAt; ///< invalid: unknown
};

/// A live connection to one remote FHIR source: its FhirClient with the source's credentials
/// attached, and (for Backend Services) the token fetched and renewed on demand. Lives in the
/// thread of its transport.
class FhirConnection
{
public:
    /// `keys` signs the Backend Services assertion (may be null for the other kinds).
    FhirConnection(FhirSource source, net::Transport *transport, net::ExchangeLog *log,
                   const security::KeyStore *keys);
    ~FhirConnection();

    [[nodiscard]] const FhirSource &source() const { return m_source; }
    [[nodiscard]] FhirClient &client() { return *m_client; }

    /// The current access token (fetching one for Backend Services); error sentence on failure.
    void accessToken(std::function<void(const AccessToken &token, const QString &error)> done);

private:
    void fetchToken();
    void finish(const AccessToken &token, const QString &error);

    FhirSource m_source;
    net::Transport *m_transport;
    net::ExchangeLog *m_log;
    const security::KeyStore *m_keys;
    std::unique_ptr<FhirClient> m_client;
    AccessToken m_token;
    QList<std::function<void(const AccessToken &, const QString &)>> m_waiting;
    bool m_fetching = false;
    std::shared_ptr<bool> m_alive;
};

/// Applies the source's TLS settings: pins the trusted certificate for its host on `transport`
/// and adds the CA file's certificates to the process's default TLS configuration. Returns an
/// error sentence (unreadable CA file, bad fingerprint), empty on success.
[[nodiscard]] QString applyTlsTrust(const FhirSource &source, net::Transport *transport);

} // namespace hb::fhir
