#pragma once

// What a SMART app discovers about the authorization server behind a FHIR base: the
// .well-known/smart-configuration document and the CapabilityStatement's security block. The
// embedded FHIR server and the audit proxy of a remote source (fhirproxy.h) publish the same
// embedded authorization server, so an app launched against either finds it.
#include <QJsonObject>
#include <QString>

namespace hb::servers {

/// The embedded authorization server's endpoints (all http://127.0.0.1:PORT/...).
struct AuthEndpoints
{
    QString issuer; ///< the embedded FHIR base, which the authorization server speaks for
    QString authorize, token, introspect, jwks;
    [[nodiscard]] bool isSet() const { return !authorize.isEmpty() && !token.isEmpty(); }
};

/// The .well-known/smart-configuration document.
[[nodiscard]] QJsonObject smartConfiguration(const AuthEndpoints &endpoints);
/// CapabilityStatement.rest[].security: SMART-on-FHIR with the oauth-uris extension.
[[nodiscard]] QJsonObject smartSecurity(const AuthEndpoints &endpoints);

} // namespace hb::servers
