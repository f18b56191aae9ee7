#include "servers/smartdiscovery.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::servers {

QJsonObject smartConfiguration(const AuthEndpoints &endpoints)
{
    return QJsonObject {
        {u"issuer"_s, endpoints.issuer},
        {u"authorization_endpoint"_s, endpoints.authorize},
        {u"token_endpoint"_s, endpoints.token},
        {u"introspection_endpoint"_s, endpoints.introspect},
        {u"jwks_uri"_s, endpoints.jwks},
        {u"grant_types_supported"_s, QJsonArray {u"authorization_code"_s, u"client_credentials"_s}},
        {u"response_types_supported"_s, QJsonArray {u"code"_s}},
        {u"token_endpoint_auth_methods_supported"_s, QJsonArray {u"none"_s, u"private_key_jwt"_s}},
        {u"token_endpoint_auth_signing_alg_values_supported"_s,
         QJsonArray {u"ES384"_s, u"RS384"_s}},
        {u"code_challenge_methods_supported"_s, QJsonArray {u"S256"_s}},
        {u"scopes_supported"_s,
         QJsonArray {u"launch"_s, u"openid"_s, u"fhirUser"_s, u"patient/*.read"_s, u"user/*.read"_s,
                     u"patient/*.rs"_s, u"user/*.rs"_s}},
        {u"capabilities"_s,
         QJsonArray {u"launch-ehr"_s, u"client-public"_s, u"client-confidential-asymmetric"_s,
                     u"context-ehr-patient"_s, u"context-ehr-encounter"_s, u"permission-v1"_s,
                     u"permission-v2"_s}}};
}

QJsonObject smartSecurity(const AuthEndpoints &endpoints)
{
    const QJsonObject oauth {
        {u"url"_s, u"http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris"_s},
        {u"extension"_s,
         QJsonArray {
             QJsonObject {{u"url"_s, u"authorize"_s}, {u"valueUri"_s, endpoints.authorize}},
             QJsonObject {{u"url"_s, u"token"_s}, {u"valueUri"_s, endpoints.token}},
             QJsonObject {{u"url"_s, u"introspect"_s}, {u"valueUri"_s, endpoints.introspect}}}}};
    return QJsonObject {
        {u"extension"_s, QJsonArray {oauth}},
        {u"service"_s,
         QJsonArray {QJsonObject {
             {u"coding"_s,
              QJsonArray {QJsonObject {
                  {u"system"_s,
                   u"http://terminology.hl7.org/CodeSystem/restful-security-service"_s},
                  {u"code"_s, u"SMART-on-FHIR"_s}}}}}}}};
}

} // namespace hb::servers
