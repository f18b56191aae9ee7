#pragma once

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace hb::security {

/// A deliberately wrong client JWT, so a service developer can prove the service answers 401.
enum class JwtFault {
    None,
    NoAuthorizationHeader, ///< no token at all
    Expired, ///< exp an hour ago
    NotYetValid, ///< nbf and iat an hour ahead
    WrongAudience, ///< aud is another URL
    WrongIssuer, ///< iss is another issuer
    UnknownKid, ///< kid not in the published JWKS (signature is otherwise valid)
    BadSignature, ///< one signature byte flipped
    AlgNone, ///< alg "none", empty signature
    Hs256WithPublicKey, ///< alg HS256, HMAC keyed with the public key PEM (key confusion)
    ReusedJti, ///< the jti of the previous token from the same signer
};

/// Kebab-case name: "none" for JwtFault::None, then no-authorization, expired, not-yet-valid,
/// wrong-aud, wrong-iss, unknown-kid, bad-signature, alg-none, hs256-public-key, reused-jti.
[[nodiscard]] QString faultName(JwtFault fault);
/// Inverse of faultName; nullopt for an unknown name.
[[nodiscard]] std::optional<JwtFault> faultFromName(QStringView name);
/// Every fault except None, in declaration order.
[[nodiscard]] QList<JwtFault> allFaults();
/// One sentence for logs and the UI: what is wrong with the token and what a service must do.
[[nodiscard]] QString faultDescription(JwtFault fault);

} // namespace hb::security
