#pragma once

#include "security/jticache.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace hb::security {

/// One line of an inspection: name is one of typ, alg, kid, signature, iss, aud, exp, iat, nbf
/// (only when the token has nbf), jti.
struct JwtCheck
{
    QString name;
    bool passed = false;
    QString detail;
};

/// What the token must match. Empty audience/issuer: only presence is checked.
struct JwtExpectations
{
    QString audience;
    QString issuer;
    qint64 now = 0; ///< seconds since the epoch; 0 = the current time
    int leewaySeconds = 0; ///< clock skew allowed for exp/iat/nbf
};

struct JwtInspection
{
    bool decoded = false; ///< three base64url segments, header and claims JSON objects
    QString error; ///< why the token could not be decoded
    QJsonObject header, claims;
    QList<JwtCheck> checks;

    /// Decoded and every check passed.
    [[nodiscard]] bool valid() const;
    /// The check with that name, or nullptr.
    [[nodiscard]] const JwtCheck *check(const QString &name) const;
};

/// Decodes and verifies client JWTs against a JWK Set, check by check, like a careful CDS
/// service would (C10). Accepts only ES384 and RS384 signatures.
class JwtInspector
{
public:
    explicit JwtInspector(const QJsonObject &jwks = {});

    void setJwks(const QJsonObject &jwks) { m_jwks = jwks; }
    [[nodiscard]] const QJsonObject &jwks() const { return m_jwks; }
    /// The replay cache used by the jti check; a jti is remembered once its signature verified.
    [[nodiscard]] JtiCache &replayCache() { return m_replay; }

    /// Every check for `token` ("Bearer " prefix allowed; larger than 64 KiB is refused).
    JwtInspection inspect(QByteArrayView token, const JwtExpectations &expect = {});
    /// Only the decoding step (no checks).
    [[nodiscard]] static JwtInspection decode(QByteArrayView token);

private:
    QJsonObject m_jwks;
    JtiCache m_replay;
};

} // namespace hb::security
