#pragma once

#include "servers/embeddedservers.h"

#include <QString>

namespace hb::session {

/// What the embedded servers need to trust Hookbench's own client: the live JWK Set of the keys
/// under `keysDir` (read per request, so rotations show at once) and a verifier that checks a
/// client JWT like a careful CDS service (C10: signature against that JWKS, ES384/RS384
/// only, aud = the exact URL, iss = `issuer`, exp/iat, jti never seen before). Both are
/// thread-safe: the servers call them on their own thread.
[[nodiscard]] servers::ClientTrust clientTrustFor(const QString &keysDir, const QString &issuer);

} // namespace hb::session
