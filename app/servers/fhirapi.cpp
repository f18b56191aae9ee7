#include "servers/fhirapi.h"

#include "fhir/fhirstore.h"
#include "fhir/operationoutcome.h"
#include "fhir/search.h"
#include "fhir/searchparams.h"
#include "servers/auditlog.h"
#include "servers/authstate.h"
#include "servers/fhiraccess.h"
#include "servers/scopes.h"
#include "servers/smartdiscovery.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {

fhir::QueryItems queryItems(const QUrlQuery &query)
{
    fhir::QueryItems items;
    for (const auto &[name, value] : query.queryItems(QUrl::FullyDecoded))
        items.append({name, value});
    return items;
}

} // namespace

FhirApi::FhirApi(const fhir::FhirStore *store, AuthState *auth, AuditLog *audit)
    : m_store(store)
    , m_auth(auth)
    , m_audit(audit)
{ }

void FhirApi::setOAuthUrls(const QString &authorize, const QString &token,
                           const QString &introspect)
{
    m_authorizeUrl = authorize;
    m_tokenUrl = token;
    m_introspectUrl = introspect;
}

void FhirApi::handle(const HttpRequest &request, const QString &subPath, const QString &fhirBase,
                     const Responder &respond) const
{
    AuditEntry entry;
    entry.method = QString::fromLatin1(request.method);
    entry.url = request.url();
    entry.subject = u"anonymous"_s;
    auto finish = [&](int status, const QJsonObject &body, const QString &outcome) {
        entry.status = status;
        entry.outcome = outcome;
        m_audit->append(entry);
        HttpResponse response = HttpResponse::fhir(status, body);
        if (status == 401)
            response.addHeader("WWW-Authenticate", "Bearer realm=\"hookbench-fhir\"");
        respond(response);
    };
    auto fail = [&](int status, const QString &code, const QString &message) {
        finish(status, fhir::errorOutcome(code, message), message);
    };

    const QStringList parts = subPath.split(u'/', Qt::SkipEmptyParts);
    const bool isSearchPost
        = request.method == "POST" && parts.size() == 2 && parts.at(1) == u"_search";
    if (request.method != "GET" && request.method != "HEAD" && !isSearchPost)
        return fail(
            405, u"not-supported"_s,
            u"The embedded FHIR server is read-only: %1 is not allowed"_s.arg(entry.method));
    if (parts == QStringList {u"metadata"_s}) {
        entry.scope = u"(public)"_s;
        return finish(200, capabilityStatement(fhirBase), u"allowed"_s);
    }
    if (parts.isEmpty() || parts.size() > 2)
        return fail(
            404, u"not-supported"_s,
            u"Unsupported FHIR path '%1': use [type], [type]/[id] or metadata"_s.arg(subPath));
    const QString type = parts.at(0);
    if (!fhir::searchParamTable().contains(type))
        return fail(404, u"not-supported"_s, u"Unknown resource type '%1'"_s.arg(type));
    const bool isRead = parts.size() == 2 && !isSearchPost;

    // Token and scope: the same decision the FHIR proxy applies to remote sources.
    FhirAccess access;
    if (!m_requireTokens) {
        access.ok = true;
        access.decision = ScopeDecision {true, u"(open server)"_s, false};
    } else {
        access = checkFhirAccess(*m_auth, bearerToken(request), type, isRead);
        if (!access.token.token.isEmpty()) {
            entry.subject = access.token.subject;
            entry.patient = access.token.patient;
        }
        if (!access.ok)
            return fail(access.status, access.code, access.reason);
    }
    entry.scope = access.decision.scope;
    const QString patient = access.decision.patientOnly ? access.token.patient : QString();
    const bool compartment = !patient.isEmpty() && fhir::isPatientCompartmentType(type);

    if (isRead) {
        const auto resource = m_store->read(type, parts.at(1));
        if (!resource)
            return fail(404, u"not-found"_s, u"%1/%2 is not known"_s.arg(type, parts.at(1)));
        if (compartment && !fhir::patientIdsOf(*resource).contains(patient))
            return fail(403, u"forbidden"_s,
                        u"out of scope: %1/%2 is outside patient %3's record (%4)"_s.arg(
                            type, parts.at(1), patient, access.decision.scope));
        return finish(200, *resource, u"allowed"_s);
    }

    fhir::SearchRequest search;
    search.type = type;
    search.strict = request.header("Prefer").contains("handling=strict");
    search.params = queryItems(request.query);
    if (isSearchPost)
        search.params += queryItems(QUrlQuery(QString::fromUtf8(request.body).replace(u'+', u' ')));
    if (compartment) {
        const QString violation
            = compartmentSearchViolation(search.params, type, patient, access.decision.scope);
        if (!violation.isEmpty())
            return fail(403, u"forbidden"_s, violation);
        search.filter = [patient](const QJsonObject &resource) {
            return fhir::patientIdsOf(resource).contains(patient);
        };
    }
    const fhir::SearchResult result = fhir::search(*m_store, search);
    if (result.status != 200)
        return finish(result.status, result.outcome,
                      result.outcome.value(u"issue"_s)[0][u"diagnostics"_s].toString());
    finish(200, fhir::searchBundle(result, fhirBase + u'/' + type, fhirBase),
           u"allowed (%1 matches)"_s.arg(result.matches.size()));
}

QJsonObject FhirApi::capabilityStatement(const QString &fhirBase) const
{
    QJsonArray resources;
    const auto &table = fhir::searchParamTable();
    for (auto it = table.begin(); it != table.end(); ++it) {
        QJsonArray params;
        for (auto p = it.value().begin(); p != it.value().end(); ++p) {
            static const char *const kinds[] = {"token", "reference", "date", "string", "token"};
            params.append(QJsonObject {
                {u"name"_s, p.key()},
                {u"type"_s, QString::fromLatin1(kinds[static_cast<int>(p.value().kind)])}});
        }
        resources.append(QJsonObject {{u"type"_s, it.key()},
                                      {u"interaction"_s,
                                       QJsonArray {QJsonObject {{u"code"_s, u"read"_s}},
                                                   QJsonObject {{u"code"_s, u"search-type"_s}}}},
                                      {u"searchParam"_s, params}});
    }
    const QJsonObject security
        = smartSecurity({{}, m_authorizeUrl, m_tokenUrl, m_introspectUrl, {}});
    return QJsonObject {
        {u"resourceType"_s, u"CapabilityStatement"_s},
        {u"status"_s, u"active"_s},
        {u"date"_s, QDate::currentDate().toString(Qt::ISODate)},
        {u"kind"_s, u"instance"_s},
        {u"fhirVersion"_s, u"4.0.1"_s},
        {u"format"_s, QJsonArray {u"json"_s}},
        {u"software"_s,
         QJsonObject {{u"name"_s, u"Hookbench embedded FHIR server"_s},
                      {u"version"_s, QStringLiteral(HOOKBENCH_VERSION)}}},
        {u"implementation"_s,
         QJsonObject {{u"description"_s, u"Synthetic EHR (read-only)"_s}, {u"url"_s, fhirBase}}},
        {u"rest"_s,
         QJsonArray {QJsonObject {
             {u"mode"_s, u"server"_s}, {u"security"_s, security}, {u"resource"_s, resources}}}}};
}

} // namespace hb::servers
