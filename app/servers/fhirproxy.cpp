#include "servers/fhirproxy.h"

#include "fhir/fhirclient.h"
#include "fhir/operationoutcome.h"
#include "fhir/searchparams.h"
#include "servers/auditlog.h"
#include "servers/authstate.h"
#include "servers/fhiraccess.h"
#include "servers/httpserver.h"
#include "servers/serverhost.h"
#include "servers/smartdiscovery.h"

#include <QJsonArray>
#include <QRegularExpression>

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

bool namesPatient(const fhir::QueryItems &params, const QString &type)
{
    for (const auto &[name, value] : params) {
        const QString bare = name.section(u':', 0, 0);
        if (bare == u"patient" || bare == u"subject" || (type == u"Patient" && bare == u"_id"))
            return true;
    }
    return false;
}

QString trimmed(QString s)
{
    while (s.endsWith(u'/'))
        s.chop(1);
    return s;
}

// Paging links point back at the proxy, so a service pages through the audit too; links to
// anywhere else are dropped.
QJsonObject rewriteBundle(QJsonObject bundle, const QString &upstream, const QString &proxy,
                          const QString &compartmentPatient)
{
    QJsonArray links;
    for (const auto &link : bundle.value(u"link"_s).toArray()) {
        QJsonObject l = link.toObject();
        const QString url = l.value(u"url"_s).toString();
        if (!url.startsWith(upstream))
            continue;
        l.insert(u"url"_s, proxy + url.mid(upstream.size()));
        links.append(l);
    }
    bundle.insert(u"link"_s, links);
    if (!compartmentPatient.isEmpty()) {
        // A patient/ token sees only that patient's record, whatever the remote answered.
        QJsonArray kept;
        for (const auto &entry : bundle.value(u"entry"_s).toArray()) {
            const QJsonObject resource = entry[u"resource"_s].toObject();
            if (resource.value(u"resourceType"_s).toString() == u"OperationOutcome"
                || fhir::patientIdsOf(resource).contains(compartmentPatient))
                kept.append(entry);
        }
        bundle.insert(u"entry"_s, kept);
    }
    return bundle;
}

} // namespace

FhirProxy::FhirProxy(AuthState *auth, AuditLog *audit, fhir::FhirClient *upstream, QObject *parent)
    : QObject(parent)
    , m_auth(auth)
    , m_audit(audit)
    , m_upstream(upstream)
    , m_server(new HttpServer(this))
{
    m_server->setHandler(
        [this](const HttpRequest &request, const Responder &respond) { handle(request, respond); });
}

FhirProxy::~FhirProxy()
{
    close();
}

bool FhirProxy::listen(quint16 port, QString *error)
{
    if (m_server->listen(QHostAddress::LocalHost, port)) {
        m_audience = baseUrl().toString();
        m_auth->addAudience(m_audience);
        return true;
    }
    if (error)
        *error = u"FHIR proxy: cannot listen on 127.0.0.1:%1: %2"_s.arg(port).arg(
            m_server->errorString());
    return false;
}

void FhirProxy::close()
{
    if (!m_audience.isEmpty())
        m_auth->removeAudience(m_audience);
    m_audience.clear();
    m_server->close();
}

bool FhirProxy::isListening() const
{
    return !m_audience.isEmpty();
}

void FhirProxy::forwardMetadata(
    const QString &relative,
    const std::function<void(int, const QJsonObject &, const QString &)> &finish)
{
    m_upstream->get(relative, u"proxy: metadata"_s, [this, finish](const fhir::FhirResponse &r) {
        if (!r.status)
            return finish(502, fhir::errorOutcome(u"transient"_s, r.error), r.error);
        QJsonObject capabilities = r.resource;
        if (r.ok() && capabilities.value(u"resourceType"_s).toString() == u"CapabilityStatement") {
            // Through the proxy an app authorizes with the embedded authorization server, not
            // the remote's (whose tokens the proxy would not accept).
            const AuthEndpoints endpoints = m_auth->endpoints();
            QJsonArray rest = capabilities.value(u"rest"_s).toArray();
            for (auto it = rest.begin(); it != rest.end(); ++it) {
                QJsonObject mode = it->toObject();
                if (endpoints.isSet())
                    mode.insert(u"security"_s, smartSecurity(endpoints));
                else
                    mode.remove(u"security"_s);
                *it = mode;
            }
            capabilities.insert(u"rest"_s, rest);
        }
        finish(r.status, capabilities, r.ok() ? u"allowed (forwarded)"_s : r.error);
    });
}

QUrl FhirProxy::baseUrl() const
{
    return QUrl(m_server->baseUrl().toString() + u"/fhir"_s);
}

QUrl FhirProxy::upstreamBase() const
{
    return m_upstream->base();
}

void FhirProxy::handle(const HttpRequest &request, const std::function<void(HttpResponse)> &respond)
{
    // Patient data: like the embedded FHIR server, no CORS for a page that merely found the
    // port; only the proxy's own origin, registered SMART apps' and the ones the owner allows.
    // The SMART configuration is public, as on the embedded server (an app reads it before it
    // has a token).
    const QString origin = QString::fromUtf8(request.header("Origin"));
    const bool discovery = request.path == u"/fhir/.well-known/smart-configuration";
    const bool allowed = discovery || origin.isEmpty() || origin == m_server->baseUrl().toString()
        || m_auth->isAppOrigin(origin) || (m_originAllowed && m_originAllowed(origin));
    if (request.method == "OPTIONS")
        return respond(corsPreflight(request, allowed));
    auto entry = std::make_shared<AuditEntry>();
    entry->method = QString::fromLatin1(request.method);
    entry->url = request.url();
    entry->subject = u"anonymous"_s;
    const QString upstream = trimmed(m_upstream->base().toString());
    const Responder withCors = [request, respond, allowed](HttpResponse response) {
        addCorsHeaders(request, response, allowed);
        respond(std::move(response));
    };
    auto finish
        = [this, entry, withCors](int status, const QJsonObject &body, const QString &outcome) {
              entry->status = status;
              entry->outcome = outcome;
              m_audit->append(*entry);
              HttpResponse response = HttpResponse::fhir(status, body);
              if (status == 401)
                  response.addHeader("WWW-Authenticate", "Bearer realm=\"hookbench-fhir-proxy\"");
              withCors(response);
          };
    auto fail = [finish](int status, const QString &code, const QString &message) {
        finish(status, fhir::errorOutcome(code, message), message);
    };

    if (!request.path.startsWith(u"/fhir/"_s))
        return fail(404, u"not-found"_s, u"the FHIR proxy serves /fhir/ only"_s);
    const QString subPath = request.path.mid(5);
    const QStringList parts = subPath.split(u'/', Qt::SkipEmptyParts);
    if (request.method != "GET" && request.method != "HEAD")
        return fail(405, u"not-supported"_s,
                    u"the FHIR proxy forwards reads and searches only: %1 is not allowed"_s.arg(
                        entry->method));
    const QString relative = QString::fromLatin1(request.target.mid(5)); // below /fhir
    if (discovery) {
        entry->scope = u"(public)"_s;
        const AuthEndpoints endpoints = m_auth->endpoints();
        if (!endpoints.isSet())
            return fail(404, u"not-found"_s, u"no authorization server is running"_s);
        entry->status = 200;
        entry->outcome = u"allowed (SMART configuration)"_s;
        m_audit->append(*entry);
        return withCors(HttpResponse::json(200, smartConfiguration(endpoints)));
    }
    if (parts == QStringList {u"metadata"_s}) {
        entry->scope = u"(public)"_s;
        return forwardMetadata(relative, finish);
    }
    static const QRegularExpression typeName(u"^[A-Z][A-Za-z]{1,63}$"_s);
    if (parts.isEmpty() || parts.size() > 2 || !typeName.match(parts.at(0)).hasMatch())
        return fail(
            404, u"not-supported"_s,
            u"Unsupported FHIR path '%1': use [type], [type]/[id] or metadata"_s.arg(subPath));
    const QString type = parts.at(0);
    const bool isRead = parts.size() == 2;

    const FhirAccess access = checkFhirAccess(*m_auth, bearerToken(request), type, isRead);
    if (!access.token.token.isEmpty()) {
        entry->subject = access.token.subject;
        entry->patient = access.token.patient;
    }
    if (!access.ok)
        return fail(access.status, access.code, access.reason);
    entry->scope = access.decision.scope;
    const QString patient = access.compartmentPatient();
    const bool compartment = !patient.isEmpty() && fhir::isPatientCompartmentType(type);
    QString forward = relative;
    if (compartment && !isRead) {
        const fhir::QueryItems params = queryItems(request.query);
        const QString violation
            = compartmentSearchViolation(params, type, patient, access.decision.scope);
        if (!violation.isEmpty())
            return fail(403, u"forbidden"_s, violation);
        if (!namesPatient(params, type)) // confine the remote search to the token's patient
            forward += (forward.contains(u'?') ? u"&"_s : u"?"_s)
                + (type == u"Patient" ? u"_id="_s : u"patient="_s)
                + QString::fromLatin1(QUrl::toPercentEncoding(patient));
    }
    const QString proxyBase = baseUrl().toString();
    const QString note = u"proxy for %1 (%2)"_s.arg(entry->subject, entry->scope);
    m_upstream->get(forward, note, [=](const fhir::FhirResponse &r) {
        if (r.status == 0)
            return fail(502, u"transient"_s, u"the remote FHIR server: "_s + r.error);
        if (!r.ok() && r.failure != fhir::FhirFailure::NotFound
            && r.failure != fhir::FhirFailure::Outcome)
            return finish(r.status >= 400 ? r.status : 502,
                          r.resource.isEmpty() ? fhir::errorOutcome(u"exception"_s, r.error)
                                               : r.resource,
                          u"remote refused: "_s + r.error);
        if (!r.ok())
            return finish(r.status, r.resource, r.error);
        if (isRead) {
            if (compartment && !fhir::patientIdsOf(r.resource).contains(patient))
                return fail(403, u"forbidden"_s,
                            u"out of scope: %1/%2 is outside patient %3's record (%4)"_s.arg(
                                type, parts.at(1), patient, access.decision.scope));
            return finish(r.status, r.resource, u"allowed (forwarded)"_s);
        }
        const QJsonObject bundle
            = rewriteBundle(r.resource, upstream, proxyBase, compartment ? patient : QString());
        finish(r.status, bundle,
               u"allowed (%1 entries, forwarded)"_s.arg(bundle.value(u"entry"_s).toArray().size()));
    });
}

} // namespace hb::servers
