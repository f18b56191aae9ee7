#pragma once

#include "security/jwtfault.h"
#include "security/keystore.h"

#include <QJsonObject>
#include <QUrl>

#include <optional>

namespace hb::security {

/// The issuer used when none is configured.
inline constexpr char16_t DefaultIssuer[] = u"https://hookbench.local";

struct ClientJwtOptions
{
    QString issuer = QString::fromUtf16(DefaultIssuer); ///< iss; empty means DefaultIssuer
    QUrl jku; ///< JWKS URL put in the header; omitted when empty
    int lifetimeSeconds = 300; ///< exp - iat
    QString tenant; ///< optional tenant claim
    /// sub claim, omitted when empty (SMART Backend Services assertions need sub = iss)
    QString subject;
    /// Sign with a key of this algorithm (the active one if it matches, else the newest); by
    /// default the active key.
    std::optional<KeyAlgorithm> algorithm;
};

/// Signs the CDS Hooks client JWT (C10): a fresh token per request with
/// aud = the exact URL called. Keeps the last jti for the ReusedJti fault. The KeyStore must
/// outlive the signer (it is read on every sign(), so a rotation takes effect at once).
class ClientJwtSigner
{
public:
    ClientJwtSigner(const KeyStore &store, ClientJwtOptions options);

    struct Signed
    {
        QByteArray token; ///< compact JWS; empty for NoAuthorizationHeader or on error
        QJsonObject header, claims; ///< what was encoded (empty for NoAuthorizationHeader)
        QString faultLabel; ///< faultName(fault): "none" for a valid token
        QString detail; ///< what the fault did, for the request log
        QString error; ///< why no token could be made (no key, OpenSSL failure)
        [[nodiscard]] bool ok() const { return error.isEmpty(); }
    };

    /// A new token for a request to `audienceUrl`, optionally wrong in the way `fault` says.
    Signed sign(const QString &audienceUrl, JwtFault fault = JwtFault::None);

    [[nodiscard]] const ClientJwtOptions &options() const { return m_options; }
    void setOptions(const ClientJwtOptions &options) { m_options = options; }

private:
    const KeyStore *m_store;
    ClientJwtOptions m_options;
    QString m_lastJti;
};

} // namespace hb::security
