#include "servers/clientcredentials.h"

#include "servers/authstate.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {

HttpResponse oauthError(int status, const QString &error, const QString &description)
{
    HttpResponse response = HttpResponse::json(
        status, QJsonObject {{u"error"_s, error}, {u"error_description"_s, description}});
    response.addHeader("Cache-Control", "no-store");
    return response;
}

QString formValue(const QUrlQuery &form, const QString &name)
{
    return form.queryItemValue(name, QUrl::FullyDecoded);
}

// The iss claim of a compact JWS, unverified (only used to name the client; the verifier then
// checks the signature and that iss and sub both equal it).
QString unverifiedIssuer(const QByteArray &jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return {};
    const QByteArray claims = QByteArray::fromBase64(
        parts.at(1), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    return QJsonDocument::fromJson(claims).object().value(u"iss"_s).toString();
}

bool isSystemScope(const QString &scope)
{
    return scope.startsWith(u"system/"_s);
}

} // namespace

HttpResponse clientCredentialsToken(const QUrlQuery &form, AuthState &state,
                                    const QString &tokenUrl, const ClientAssertionVerifier &verify)
{
    if (formValue(form, u"client_assertion_type"_s)
        != u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
        return oauthError(400, u"invalid_request"_s,
                          u"client_credentials needs client_assertion_type "
                          u"urn:ietf:params:oauth:client-assertion-type:jwt-bearer "
                          u"(private_key_jwt)"_s);
    const QByteArray assertion = formValue(form, u"client_assertion"_s).toLatin1();
    if (assertion.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"missing client_assertion"_s);
    const QString clientId = form.hasQueryItem(u"client_id"_s) ? formValue(form, u"client_id"_s)
                                                               : unverifiedIssuer(assertion);
    if (clientId.isEmpty())
        return oauthError(401, u"invalid_client"_s, u"the client assertion names no issuer"_s);
    if (!verify)
        return oauthError(401, u"invalid_client"_s,
                          u"this server trusts no client keys for client_credentials"_s);
    if (const QString failure = verify(assertion, clientId, tokenUrl); !failure.isEmpty())
        return oauthError(401, u"invalid_client"_s,
                          u"client assertion of '%1' rejected: %2"_s.arg(clientId, failure));
    QStringList scopes = formValue(form, u"scope"_s).split(u' ', Qt::SkipEmptyParts);
    if (scopes.isEmpty())
        return oauthError(400, u"invalid_scope"_s, u"ask for system/ scopes"_s);
    for (const QString &scope : scopes) {
        if (!isSystemScope(scope))
            return oauthError(
                400, u"invalid_scope"_s,
                u"'%1': Backend Services tokens carry system/ scopes only"_s.arg(scope));
    }
    // A registered client gets at most its registered scopes.
    if (const auto client = state.client(clientId); client && !client->scopes.isEmpty()) {
        QStringList allowed;
        for (const QString &scope : scopes) {
            if (client->scopes.contains(scope))
                allowed.append(scope);
        }
        if (allowed.isEmpty())
            return oauthError(
                400, u"invalid_scope"_s,
                u"'%1' is registered for %2 only"_s.arg(clientId, client->scopes.join(u' ')));
        scopes = allowed;
    }
    const TokenInfo info = state.issueAppToken(clientId, scopes, {}, backendTokenSeconds);
    HttpResponse response = HttpResponse::json(200,
                                               QJsonObject {{u"access_token"_s, info.token},
                                                            {u"token_type"_s, u"Bearer"_s},
                                                            {u"expires_in"_s, backendTokenSeconds},
                                                            {u"scope"_s, scopes.join(u' ')}});
    response.addHeader("Cache-Control", "no-store");
    response.addHeader("Pragma", "no-cache");
    return response;
}

} // namespace hb::servers
