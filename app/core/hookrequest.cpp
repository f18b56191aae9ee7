#include "core/hookrequest.h"

#include <QUuid>

using namespace Qt::StringLiterals;

namespace hb::core {

QJsonObject FhirAuthorization::toJson() const
{
    QJsonObject json {{u"access_token"_s, accessToken},
                      {u"token_type"_s, tokenType},
                      {u"expires_in"_s, expiresIn},
                      {u"scope"_s, scope},
                      {u"subject"_s, subject}};
    if (!patient.isEmpty())
        json.insert(u"patient"_s, patient);
    return json;
}

FhirAuthorization FhirAuthorization::fromJson(const QJsonObject &json)
{
    FhirAuthorization auth;
    auth.accessToken = json.value(u"access_token"_s).toString();
    auth.tokenType = json.value(u"token_type"_s).toString();
    auth.expiresIn = json.value(u"expires_in"_s).toInteger();
    auth.scope = json.value(u"scope"_s).toString();
    auth.subject = json.value(u"subject"_s).toString();
    auth.patient = json.value(u"patient"_s).toString();
    return auth;
}

QJsonObject HookRequest::toJson() const
{
    QJsonObject json {{u"hook"_s, hook}, {u"hookInstance"_s, hookInstance}};
    if (!fhirServer.isEmpty())
        json.insert(u"fhirServer"_s, fhirServer.toString(QUrl::FullyEncoded));
    if (fhirAuthorization)
        json.insert(u"fhirAuthorization"_s, fhirAuthorization->toJson());
    json.insert(u"context"_s, context);
    if (!prefetch.isEmpty())
        json.insert(u"prefetch"_s, prefetch);
    if (!extension.isEmpty())
        json.insert(u"extension"_s, extension);
    return json;
}

HookRequest HookRequest::fromJson(const QJsonObject &json)
{
    HookRequest request;
    request.hook = json.value(u"hook"_s).toString();
    request.hookInstance = json.value(u"hookInstance"_s).toString();
    const QString server = json.value(u"fhirServer"_s).toString();
    if (!server.isEmpty())
        request.fhirServer = QUrl(server, QUrl::StrictMode);
    if (json.value(u"fhirAuthorization"_s).isObject())
        request.fhirAuthorization
            = FhirAuthorization::fromJson(json.value(u"fhirAuthorization"_s).toObject());
    request.context = json.value(u"context"_s).toObject();
    request.prefetch = json.value(u"prefetch"_s).toObject();
    request.extension = json.value(u"extension"_s).toObject();
    request.raw = json;
    return request;
}

QString HookRequest::newHookInstance()
{
    // QUuid::createUuid() is version 4 (random) on every platform Qt supports.
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

} // namespace hb::core
