#include "servers/authapi.h"

#include "servers/authstate.h"
#include "servers/smartdiscovery.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QUrl>
#include <QUrlQuery>

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

HttpResponse redirect(const QUrl &target)
{
    HttpResponse response;
    response.status = 302;
    response.addHeader("Location", target.toEncoded());
    response.addHeader("Cache-Control", "no-store");
    return response;
}

QUrlQuery formBody(const HttpRequest &request)
{
    return QUrlQuery(QString::fromUtf8(request.body).replace(u'+', u' '));
}

QString formValue(const QUrlQuery &query, const QString &name)
{
    return query.queryItemValue(name, QUrl::FullyDecoded);
}

/// A query parameter decoded as application/x-www-form-urlencoded: browsers (URLSearchParams,
/// HTML forms) send spaces as '+', which QUrlQuery leaves alone.
QString queryValue(const QUrlQuery &query, const QString &name)
{
    QString raw = query.queryItemValue(name, QUrl::FullyEncoded);
    raw.replace(u'+', u"%20"_s);
    return QUrl::fromPercentEncoding(raw.toUtf8());
}

} // namespace

AuthApi::AuthApi(AuthState *state)
    : m_state(state)
{ }

HttpResponse AuthApi::smartConfiguration() const
{
    return HttpResponse::json(
        200,
        servers::smartConfiguration(
            {m_urls.fhirBase, m_urls.authorize, m_urls.token, m_urls.introspect, m_urls.jwks}));
}

HttpResponse AuthApi::authorize(const HttpRequest &request) const
{
    const QUrlQuery &q = request.query;
    auto value = [&](const QString &name) { return queryValue(q, name); };
    const QUrl redirectUri(value(u"redirect_uri"_s));
    const bool redirectOk = redirectUri.isValid()
        && (redirectUri.scheme() == u"http" || redirectUri.scheme() == u"https")
        && !redirectUri.host().isEmpty();
    if (!redirectOk) // never redirect to something we cannot vouch is a web URL
        return oauthError(400, u"invalid_request"_s, u"missing or invalid redirect_uri"_s);
    const QString clientId = value(u"client_id"_s);
    if (clientId.isEmpty())
        return oauthError(400, u"invalid_request"_s, u"missing client_id"_s);
    const QStringList scopes = value(u"scope"_s).split(u' ', Qt::SkipEmptyParts);
    std::optional<LaunchContext> launch;
    if (q.hasQueryItem(u"launch"_s))
        launch = m_state->launch(value(u"launch"_s));
    // Client and redirect_uri first: until both check out, an error must not be redirected
    // (RFC 6749 4.1.2.1), or the server would send codes or errors wherever it is told.
    const AppAuthorization decision
        = m_state->authorizeApp(clientId, redirectUri.toString(), scopes, launch.has_value(),
                                launch ? launch->patient : QString());
    if (decision.outcome == AppAuthorization::Outcome::BadClient)
        return oauthError(400, u"invalid_request"_s, decision.description);
    auto back = [&](const QString &error, const QString &description) {
        QUrl target = redirectUri;
        QUrlQuery query(target);
        query.addQueryItem(u"error"_s, error);
        query.addQueryItem(u"error_description"_s, description);
        if (q.hasQueryItem(u"state"_s))
            query.addQueryItem(u"state"_s, value(u"state"_s));
        target.setQuery(query);
        return redirect(target);
    };
    if (value(u"response_type"_s) != u"code")
        return back(u"unsupported_response_type"_s, u"only response_type=code is supported"_s);
    const QString aud = value(u"aud"_s);
    // The embedded FHIR base, or the base of a running audit proxy of a remote FHIR source
    // (exactly: an app asks for a token to one server, never "any").
    if (!aud.isEmpty() && aud != m_urls.fhirBase && !m_state->isAudience(aud))
        return back(u"invalid_request"_s,
                    u"aud '%1' is neither this server's FHIR base '%2' nor a FHIR source's "
                    u"audit proxy"_s.arg(aud, m_urls.fhirBase));
    if (decision.outcome == AppAuthorization::Outcome::InvalidScope)
        return back(u"invalid_scope"_s, decision.description);
    LaunchContext context;
    if (scopes.contains(u"launch"_s) || q.hasQueryItem(u"launch"_s)) {
        if (!launch)
            return back(u"invalid_request"_s,
                        u"unknown launch id (create it with the EHR first)"_s);
        context = *launch;
    }
    if (decision.outcome == AppAuthorization::Outcome::ConsentRequired)
        return back(u"consent_required"_s, decision.description);
    const QString challenge = value(u"code_challenge"_s);
    if (!challenge.isEmpty() && value(u"code_challenge_method"_s) != u"S256")
        return back(u"invalid_request"_s, u"only code_challenge_method=S256 is supported"_s);
    const QString code
        = m_state->createCode(QJsonObject {{u"client_id"_s, clientId},
                                           {u"redirect_uri"_s, redirectUri.toString()},
                                           {u"scope"_s, scopes.join(u' ')},
                                           {u"patient"_s, context.patient},
                                           {u"encounter"_s, context.encounter},
                                           {u"appContext"_s, context.appContext},
                                           {u"user"_s, context.user},
                                           {u"code_challenge"_s, challenge}});
    QUrl target = redirectUri;
    QUrlQuery query(target);
    query.addQueryItem(u"code"_s, code);
    if (q.hasQueryItem(u"state"_s))
        query.addQueryItem(u"state"_s, value(u"state"_s));
    target.setQuery(query);
    return redirect(target);
}

HttpResponse AuthApi::token(const HttpRequest &request) const
{
    if (request.method != "POST")
        return oauthError(405, u"invalid_request"_s, u"use POST"_s);
    const QUrlQuery form = formBody(request);
    if (formValue(form, u"grant_type"_s) == u"client_credentials")
        return clientCredentialsToken(form, *m_state, m_urls.token, m_assertions);
    if (formValue(form, u"grant_type"_s) != u"authorization_code")
        return oauthError(400, u"unsupported_grant_type"_s,
                          u"grant_type must be authorization_code or client_credentials"_s);
    const QJsonObject grant = m_state->takeCode(formValue(form, u"code"_s));
    if (grant.isEmpty())
        return oauthError(400, u"invalid_grant"_s, u"unknown, used or expired code"_s);
    if (formValue(form, u"redirect_uri"_s) != grant.value(u"redirect_uri"_s).toString())
        return oauthError(400, u"invalid_grant"_s,
                          u"redirect_uri does not match the authorize call"_s);
    const QString clientId = grant.value(u"client_id"_s).toString();
    if (form.hasQueryItem(u"client_id"_s) && formValue(form, u"client_id"_s) != clientId)
        return oauthError(400, u"invalid_grant"_s,
                          u"client_id does not match the authorize call"_s);
    const QString challenge = grant.value(u"code_challenge"_s).toString();
    if (!challenge.isEmpty()) {
        const QByteArray verifier = formValue(form, u"code_verifier"_s).toUtf8();
        const QByteArray computed
            = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
                  .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
        if (verifier.isEmpty() || QString::fromLatin1(computed) != challenge)
            return oauthError(400, u"invalid_grant"_s, u"PKCE code_verifier does not match"_s);
    }
    LaunchContext context {
        grant.value(u"patient"_s).toString(), grant.value(u"encounter"_s).toString(),
        grant.value(u"appContext"_s).toString(), grant.value(u"user"_s).toString()};
    QStringList scopes = grant.value(u"scope"_s).toString().split(u' ', Qt::SkipEmptyParts);
    const TokenInfo info = m_state->issueAppToken(clientId, scopes, context);
    QJsonObject body {{u"access_token"_s, info.token},
                      {u"token_type"_s, u"Bearer"_s},
                      {u"expires_in"_s, 3600},
                      {u"scope"_s, scopes.join(u' ')}};
    if (!context.patient.isEmpty()) {
        body.insert(u"patient"_s, context.patient);
        body.insert(u"need_patient_banner"_s, true);
    }
    if (!context.encounter.isEmpty())
        body.insert(u"encounter"_s, context.encounter);
    if (!context.appContext.isEmpty())
        body.insert(u"appContext"_s, context.appContext); // exactly as the card supplied it
    if (!context.user.isEmpty() && scopes.contains(u"fhirUser"_s))
        body.insert(u"fhirUser"_s, context.user);
    HttpResponse response = HttpResponse::json(200, body);
    response.addHeader("Cache-Control", "no-store");
    response.addHeader("Pragma", "no-cache");
    return response;
}

HttpResponse AuthApi::introspect(const HttpRequest &request) const
{
    if (request.method != "POST")
        return oauthError(405, u"invalid_request"_s, u"use POST"_s);
    const auto info = m_state->lookup(formValue(formBody(request), u"token"_s));
    const bool active = info && !info->revoked && info->expiresAt > QDateTime::currentDateTimeUtc();
    if (!active)
        return HttpResponse::json(200, QJsonObject {{u"active"_s, false}});
    QJsonObject body {{u"active"_s, true},
                      {u"scope"_s, info->scopes.join(u' ')},
                      {u"client_id"_s, info->subject},
                      {u"sub"_s, info->subject},
                      {u"token_type"_s, u"Bearer"_s},
                      {u"exp"_s, info->expiresAt.toSecsSinceEpoch()}};
    if (!info->patient.isEmpty())
        body.insert(u"patient"_s, info->patient);
    return HttpResponse::json(200, body);
}

} // namespace hb::servers
