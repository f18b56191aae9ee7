#pragma once

// The workspace: everything a user sets up in Hookbench that should survive a relaunch and can
// be shared or run headless (`hookbench --workspace FILE`, `hookbench-cli fire --workspace FILE`).
// A plain value; workspacefile.h reads and writes it. The file format is docs/workspace.md
// (JSON Schema: docs/workspace.schema.json).
//
// Enumerated settings are kept as the strings the file and the command lines use ("ask-user",
// "ES384", ...), because this library links neither the network nor the security library; each
// consumer maps them to its own enums. fromJson() rejects values outside the documented sets,
// except jwtFault, whose names belong to app/security (faultFromName) and are checked there.
#include "core/discovery.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::storage {

/// Symbolic discovery URLs of the embedded servers: they stay valid when the port changes.
inline constexpr char16_t EmbeddedDemoSource[] = u"embedded:demo";
inline constexpr char16_t EmbeddedLabSource[] = u"embedded:lab"; ///< or "embedded:lab:ID,ID"

/// Per-service settings: how Hookbench calls this one service.
struct ServiceSettings
{
    bool enabled = true; ///< disabled services are skipped when their hook fires
    QString prefetchMode = QStringLiteral("all"); ///< all | none | keys
    QStringList prefetchKeys; ///< the keys sent when prefetchMode is "keys"
    QString accessToken = QStringLiteral("mock"); ///< mock | none | expired (fhirAuthorization)
    /// Scopes granted to the service's token; unset = derived from its prefetch templates.
    std::optional<QStringList> scopes;
    QString subject; ///< fhirAuthorization.subject / client id; empty = the service id
    QString jwtFault = QStringLiteral("none"); ///< a security::faultName(); "none" = valid JWT

    friend bool operator==(const ServiceSettings &, const ServiceSettings &) = default;
};

/// One service as last discovered, with the user's settings for it.
struct WorkspaceService
{
    core::ServiceDefinition definition; ///< written back as definition.raw (exact entry)
    ServiceSettings settings;
};

/// One discovery source: a URL and the services it listed the last time it answered.
struct DiscoverySource
{
    QString url; ///< a .../cds-services URL, or EmbeddedDemoSource / EmbeddedLabSource[:ids]
    QDateTime discoveredAt; ///< UTC, invalid when never discovered
    QList<WorkspaceService> services;

    [[nodiscard]] bool isEmbedded() const { return url.startsWith(u"embedded:"); }
};

/// Where prefetch and the services' FHIR reads go. `kind` is "embedded" (the embedded FHIR
/// server) today; other kinds and their members (remote URL, auth) extend this object. Every
/// member of the file's `fhir` object is kept in `json`, known or not, so a newer file's FHIR
/// settings survive a load and save by an older build.
struct FhirSource
{
    QString kind = QStringLiteral("embedded");
    QJsonObject json; ///< the whole `fhir` object as read (kind included)

    [[nodiscard]] QJsonObject toJson() const;
};

/// How Hookbench identifies itself to services (the client JWT).
struct ClientIdentity
{
    QString issuer; ///< iss; empty = the built-in issuer
    QString keyId; ///< kid of the signing key; empty = the key store's active key
    QString algorithm; ///< ES384 | RS384; empty = the active key's algorithm
    int jwtLifetimeSeconds = 300;
    QString tenant; ///< optional tenant claim; empty = none
};

/// CORS emulation (the page origin Hookbench plays).
struct CorsSettings
{
    QString origin = QStringLiteral("https://sandbox.cds-hooks.org");
    QString mode = QStringLiteral("browser"); ///< browser | strict | off (no emulation)
};

struct Timeouts
{
    int connectMs = 5000;
    int totalMs = 30000;
    int prefetchMs = 10000;
};

/// The embedded servers' ports. Fixed by default so the JWKS and FHIR URLs a service was told to
/// trust survive a relaunch; 0 = any free port.
struct EmbeddedPorts
{
    static constexpr quint16 DefaultPort = 47470;
    static constexpr quint16 DefaultLabPort = 47471;
    quint16 port = DefaultPort;
    quint16 labPort = DefaultLabPort;
};

/// How the EHR side behaves beyond the calls themselves.
struct EhrSettings
{
    /// The Orders screen can fire medication-prescribe, a hook CDS Hooks deprecated (replaced
    /// by order-select and order-sign); off so a new user never fires it by mistake.
    bool medicationPrescribe = false;
};

struct Workspace
{
    static constexpr int FormatVersion = 1;

    QList<DiscoverySource> sources;
    FhirSource fhir;
    ClientIdentity client;
    CorsSettings cors;
    QString grantPolicy = QStringLiteral("pre-authorized"); ///< pre-authorized | ask-user
    Timeouts timeouts;
    QString specVersion = QStringLiteral("2.0"); ///< 1.0 | 2.0
    EmbeddedPorts embedded;
    EhrSettings ehr;

    /// A new workspace: the embedded demo services as the only source, default settings.
    [[nodiscard]] static Workspace defaults();

    /// The source with this URL, or null.
    [[nodiscard]] DiscoverySource *source(const QString &url);
    [[nodiscard]] const DiscoverySource *source(const QString &url) const;

    /// The file's JSON (docs/workspace.md).
    [[nodiscard]] QJsonObject toJson() const;
    /// Parses a workspace object; nullopt with `error` (one sentence naming the member) when
    /// the object is not a workspace this build understands.
    static std::optional<Workspace> fromJson(const QJsonObject &json, QString *error = nullptr);
};

} // namespace hb::storage
