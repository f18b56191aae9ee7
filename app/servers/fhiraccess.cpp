#include "servers/fhiraccess.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace hb::servers {

QString bearerToken(const HttpRequest &request)
{
    const QByteArray header = request.header("Authorization").trimmed();
    if (header.size() > 7 && header.left(7).compare("Bearer ", Qt::CaseInsensitive) == 0)
        return QString::fromLatin1(header.mid(7).trimmed());
    return {};
}

FhirAccess checkFhirAccess(const AuthState &auth, const QString &token, const QString &type,
                           bool isRead)
{
    FhirAccess access;
    auto refuse = [&](int status, const QString &code, const QString &reason) {
        access.status = status;
        access.code = code;
        access.reason = reason;
        return access;
    };
    if (token.isEmpty())
        return refuse(401, u"login"_s, u"missing bearer token"_s);
    const auto info = auth.lookup(token);
    if (!info)
        return refuse(401, u"security"_s, u"unknown bearer token"_s);
    access.token = *info;
    if (info->revoked)
        return refuse(401, u"security"_s, u"revoked bearer token"_s);
    if (info->expiresAt <= QDateTime::currentDateTimeUtc())
        return refuse(
            401, u"expired"_s,
            u"expired bearer token (expired %1)"_s.arg(info->expiresAt.toString(Qt::ISODate)));
    access.decision
        = checkScopes(info->scopes, type, isRead ? FhirInteraction::Read : FhirInteraction::Search);
    if (!access.decision.allowed)
        return refuse(
            403, u"forbidden"_s,
            u"out of scope: %1 of %2 needs e.g. user/%2.read or patient/%2.read; token has '%3'"_s
                .arg(isRead ? u"read"_s : u"search"_s, type, info->scopes.join(u' ')));
    if (access.decision.patientOnly && info->patient.isEmpty())
        return refuse(
            403, u"forbidden"_s,
            u"out of scope: %1 only allows a patient context, and the token has none"_s.arg(
                access.decision.scope));
    access.ok = true;
    access.status = 200;
    return access;
}

QString compartmentSearchViolation(const fhir::QueryItems &params, const QString &type,
                                   const QString &patient, const QString &scope)
{
    for (const auto &[name, value] : params) {
        const QString bare = name.section(u':', 0, 0);
        const bool names
            = bare == u"patient" || bare == u"subject" || (type == u"Patient" && bare == u"_id");
        if (!names)
            continue;
        for (const QString &v : value.split(u',')) {
            if (v.section(u'/', -1) != patient)
                return u"out of scope: the token is limited to patient %1 (%2), the search asks "
                       u"for %3"_s.arg(patient, scope, v);
        }
    }
    return {};
}

} // namespace hb::servers
