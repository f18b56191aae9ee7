#pragma once

// The client_credentials grant of the mock authorization server (SMART Backend Services,
// https://hl7.org/fhir/smart-app-launch/backend-services.html): a client proves itself with a
// private_key_jwt assertion and gets a short-lived token for system/ scopes.
#include "servers/httpmessage.h"

#include <QString>
#include <QUrlQuery>

#include <functional>

namespace hb::servers {

class AuthState;

/// Checks a client assertion (signature against the trusted key set, iss = sub = `clientId`,
/// aud = `tokenUrl`, exp, jti never seen); returns the failure, empty when valid. Called on the
/// server thread: must be thread-safe.
using ClientAssertionVerifier = std::function<QString(
    const QByteArray &assertion, const QString &clientId, const QString &tokenUrl)>;

/// Lifetime of a Backend Services token (the spec recommends at most five minutes).
inline constexpr int backendTokenSeconds = 300;

/// Answers a token request with grant_type=client_credentials (RFC 6749 §4.4, errors §5.2).
/// Without a verifier every request is refused (`invalid_client`).
[[nodiscard]] HttpResponse clientCredentialsToken(const QUrlQuery &form, AuthState &state,
                                                  const QString &tokenUrl,
                                                  const ClientAssertionVerifier &verify);

} // namespace hb::servers
