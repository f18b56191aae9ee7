#pragma once

#include "servers/clientcredentials.h"
#include "servers/httpmessage.h"

#include <QString>

namespace hb::servers {

class AuthState;

/// The mock SMART authorization server: `.well-known/smart-configuration`, `authorize` (EHR
/// launch, no user interaction: the EHR user is already signed in), `token` (authorization code,
/// optional PKCE S256) and `introspect` (RFC 7662). Errors follow RFC 6749 section 5.2.
class AuthApi
{
public:
    struct Urls
    {
        QString fhirBase, authorize, token, introspect, jwks;
    };

    explicit AuthApi(AuthState *state);
    void setUrls(const Urls &urls) { m_urls = urls; }
    /// Enables grant_type=client_credentials (clientcredentials.h).
    void setClientAssertionVerifier(ClientAssertionVerifier verify) { m_assertions = verify; }

    [[nodiscard]] HttpResponse smartConfiguration() const;
    [[nodiscard]] HttpResponse authorize(const HttpRequest &request) const;
    [[nodiscard]] HttpResponse token(const HttpRequest &request) const;
    [[nodiscard]] HttpResponse introspect(const HttpRequest &request) const;

private:
    AuthState *m_state;
    Urls m_urls;
    ClientAssertionVerifier m_assertions;
};

} // namespace hb::servers
