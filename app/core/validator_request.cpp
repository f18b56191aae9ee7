// validateRequest(): the client side rules a hook request must meet: V26 (hook), C3
// (hookInstance), C4/C5 (fhirServer, fhirAuthorization), C6 (context), C7/C8 (prefetch).
#include "core/discovery.h"
#include "core/hooks.h"
#include "core/prefetch.h"
#include "core/validator.h"
#include "core/validator_util.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace hb::core {

using detail::Checker;

namespace {

void checkHookInstance(Checker &check, const QJsonObject &request)
{
    const QString instance
        = check.requireString(request, u"hookInstance"_s, QString(), u"C3"_s, u"hookInstance"_s);
    if (instance.isEmpty())
        return;
    if (!detail::isUuid(instance))
        check.error(u"C3"_s, u"/hookInstance"_s,
                    u"hookInstance must be a UUID unique to this invocation"_s);
    else if (instance.at(14) != u'4')
        check.warning(u"C3"_s, u"/hookInstance"_s,
                      u"hookInstance should be a random (version 4) UUID so it is unguessable"_s);
}

void checkAuthorization(Checker &check, const QJsonObject &request)
{
    const QString server
        = check.optionalString(request, u"fhirServer"_s, QString(), u"C4"_s, u"fhirServer"_s);
    if (!server.isEmpty() && !detail::isAbsoluteUrl(server))
        check.error(u"C4"_s, u"/fhirServer"_s, u"fhirServer must be an absolute base URL"_s);
    else if (!server.isEmpty() && !server.startsWith(u"https:"_s)) {
        const QString message = u"fhirServer %1 be https when production data is exchanged"_s.arg(
            check.isV1() ? u"should"_s : u"MUST"_s);
        // A loopback server (a sandbox's own test FHIR server) carries no production data.
        const QString host = QUrl(server).host();
        if (host == u"127.0.0.1" || host == u"::1" || host == u"localhost")
            check.info(u"C5"_s, u"/fhirServer"_s, message + u" (loopback: test data only)"_s);
        else
            check.warning(u"C5"_s, u"/fhirServer"_s, message);
    }
    const QJsonValue value = request.value(u"fhirAuthorization"_s);
    if (value.isUndefined())
        return;
    const QString where = u"/fhirAuthorization"_s;
    if (!value.isObject()) {
        check.error(u"C4"_s, where, u"fhirAuthorization must be an object"_s);
        return;
    }
    if (!request.contains(u"fhirServer"_s))
        check.error(u"C4"_s, u"/fhirServer"_s,
                    u"fhirServer is required when fhirAuthorization is present"_s);
    const QJsonObject auth = value.toObject();
    check.requireString(auth, u"access_token"_s, where, u"C4"_s, u"access_token"_s);
    const QString type
        = check.requireString(auth, u"token_type"_s, where, u"C4"_s, u"token_type"_s);
    if (!type.isEmpty() && type != u"Bearer")
        check.error(u"C4"_s, where + u"/token_type"_s, u"token_type must be \"Bearer\""_s);
    const QJsonValue expires = auth.value(u"expires_in"_s);
    if (!expires.isDouble() || expires.toDouble() != static_cast<double>(expires.toInteger()))
        check.error(u"C4"_s, where + u"/expires_in"_s,
                    u"expires_in is required and must be an integer number of seconds"_s);
    const QString scope = check.requireString(auth, u"scope"_s, where, u"C4"_s, u"scope"_s);
    check.requireString(auth, u"subject"_s, where, u"C4"_s,
                        u"subject (the CDS Service's OAuth client id)"_s);
    check.optionalString(auth, u"patient"_s, where, u"C4"_s, u"patient"_s);
    if (!check.isV1() && scope.contains(u"patient/"_s) && !auth.contains(u"patient"_s))
        check.warning(u"C4"_s, where + u"/patient"_s,
                      u"patient should be given when the scopes include patient/ scopes"_s);
}

void checkPrefetch(Checker &check, const QJsonObject &request, const ServiceDefinition *service)
{
    const QJsonValue value = request.value(u"prefetch"_s);
    if (value.isUndefined())
        return;
    if (!value.isObject()) {
        check.error(u"C7"_s, u"/prefetch"_s, u"prefetch must be an object of key -> resource"_s);
        return;
    }
    const QJsonObject prefetch = value.toObject();
    const QJsonObject context = request.value(u"context"_s).toObject();
    for (auto it = prefetch.begin(); it != prefetch.end(); ++it) {
        const QString where = jsonPointerAppend(u"/prefetch"_s, it.key());
        const QJsonValue item = it.value();
        if (!item.isNull()
            && (!item.isObject() || item.toObject().value(u"resourceType"_s).toString().isEmpty()))
            check.error(u"C7"_s, where,
                        u"a prefetch value must be a FHIR resource, a Bundle or null, not %1"_s.arg(
                            jsonTypeName(item)));
        if (!service)
            continue;
        if (!service->prefetch.contains(it.key())) {
            check.error(
                u"C7"_s, where,
                u"service %1 did not ask for prefetch key \"%2\""_s.arg(service->id, it.key()));
            continue;
        }
        PrefetchOptions options;
        options.ballot3Extras = true;
        const QList<PrefetchPlanEntry> plan = planPrefetch(
            {{it.key(), service->prefetch.value(it.key())}}, request.value(u"hook"_s).toString(),
            context, PrefetchUser::fromUserId(context.value(u"userId"_s).toString()), options);
        const PrefetchOmitted *omitted = plan.first().omitted();
        if (omitted && omitted->reason == OmitReason::AbsentValue)
            check.error(u"C8"_s, where,
                        u"the template's token has no value in this context (%1): the key must be"
                        u" omitted"_s.arg(omitted->message));
        else if (omitted && omitted->reason == OmitReason::NotAToken)
            check.error(u"C8"_s, where,
                        u"the template uses a field that is not a prefetch token (%1)"_s.arg(
                            omitted->message));
    }
}

} // namespace

QList<Finding> validateRequest(const QJsonObject &request, SpecVersion version,
                               const ServiceDefinition *service)
{
    QList<Finding> out;
    Checker check(&out, version);
    check.checkNoNullOrEmpty(request, QString(), {}, {u"context"_s, u"prefetch"_s, u"extension"_s});
    check.checkExtensions(request, {}, {u"context"_s, u"prefetch"_s});
    const QString hook = check.requireString(request, u"hook"_s, QString(), u"V26"_s, u"hook"_s);
    if (!hook.isEmpty() && !isValidHookName(hook))
        check.warning(u"V26"_s, u"/hook"_s,
                      u"hook \"%1\" is neither a library hook nor a reverse-DNS name"_s.arg(hook));
    if (service && !hook.isEmpty() && service->hook != hook)
        check.error(u"V26"_s, u"/hook"_s,
                    u"hook %1 does not match the hook %2 the service was discovered for"_s.arg(
                        hook, service->hook));
    checkHookInstance(check, request);
    checkAuthorization(check, request);
    const QJsonValue context = request.value(u"context"_s);
    if (!context.isObject())
        check.error(
            u"C6"_s, u"/context"_s,
            u"context is required and must be an object, not %1"_s.arg(jsonTypeName(context)));
    else if (!hook.isEmpty())
        out.append(validateContext(hook, context.toObject()));
    checkPrefetch(check, request, service);
    return out;
}

} // namespace hb::core
