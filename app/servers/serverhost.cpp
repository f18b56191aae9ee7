#include "servers/serverhost.h"

#include "fhir/fhirstore.h"
#include "fhir/operationoutcome.h"
#include "servers/authapi.h"
#include "servers/cdsservicesapi.h"
#include "servers/fhirapi.h"
#include "servers/httpserver.h"
#include "servers/labapi.h"
#include "servers/logging.h"
#include "servers/scopes.h"

#include <QFile>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::servers {

void addCorsHeaders(const HttpRequest &request, HttpResponse &response, bool allowed)
{
    const QByteArray origin = request.header("Origin");
    if (origin.isEmpty())
        return;
    response.addHeader("Vary", "Origin"); // the answer differs per origin either way
    if (allowed)
        response.setHeader("Access-Control-Allow-Origin", origin);
}

HttpResponse corsPreflight(const HttpRequest &request, bool allowed)
{
    HttpResponse response;
    response.status = 204;
    if (!allowed) { // no CORS header at all: the browser refuses the actual request
        response.addHeader("Vary", "Origin");
        return response;
    }
    response.addHeader("Access-Control-Allow-Origin",
                       request.hasHeader("Origin") ? request.header("Origin") : "*");
    response.addHeader("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
    response.addHeader("Access-Control-Allow-Headers",
                       "Authorization, Content-Type, Accept, Prefer");
    response.addHeader("Access-Control-Max-Age", "600");
    response.addHeader("Vary", "Origin");
    return response;
}

ServerHost::ServerHost(AuthState *auth, AuditLog *audit)
    : m_auth(auth)
    , m_audit(audit)
{ }

ServerHost::~ServerHost() = default;

QString ServerHost::start(const ServerOptions &options, const ClientTrust &trust)
{
    m_jwks = trust.jwks;
    m_store = std::make_unique<fhir::FhirStore>(
        options.builtinData ? fhir::FhirStore::builtin(options.shiftDates) : fhir::FhirStore());
    for (const QString &file : options.bundleFiles) {
        QString error;
        if (!m_store->addBundleFile(file, &error))
            return error;
    }
    m_main = new HttpServer(this);
    if (!m_main->listen(QHostAddress::LocalHost, options.port))
        return u"cannot listen on 127.0.0.1:%1: %2"_s.arg(options.port).arg(m_main->errorString());
    const QString base = m_main->baseUrl().toString();
    m_urls.fhir = base + u"/fhir"_s;
    m_urls.cdsServices = base + u"/cds-services"_s;
    m_urls.authorize = base + u"/auth/authorize"_s;
    m_urls.token = base + u"/auth/token"_s;
    m_urls.introspect = base + u"/auth/introspect"_s;
    m_urls.jwks = base + u"/.well-known/jwks.json"_s;
    m_urls.smartConfiguration = m_urls.fhir + u"/.well-known/smart-configuration"_s;
    m_urls.smartApp = base + u"/apps/context-viewer/launch.html"_s;

    m_labServer = new HttpServer(this);
    if (!m_labServer->listen(QHostAddress::LocalHost, options.labPort))
        return u"cannot listen on 127.0.0.1:%1 (lab): %2"_s.arg(options.labPort)
            .arg(m_labServer->errorString());
    m_urls.lab = m_labServer->baseUrl().toString() + u"/cds-services"_s;
    m_lab = new LabApi(this);
    // "localhost" is a different origin from "127.0.0.1" for the redirect row (CORS-M36).
    m_lab->setOtherOrigin(u"http://localhost:%1"_s.arg(m_labServer->port()));
    m_labServer->setHandler([this](const HttpRequest &request, const Responder &respond) {
        m_lab->handle(request, respond);
    });

    m_fhir = std::make_unique<FhirApi>(m_store.get(), m_auth, m_audit);
    m_fhir->setRequireTokens(options.requireTokens);
    m_fhir->setOAuthUrls(m_urls.authorize, m_urls.token, m_urls.introspect);
    m_authApi = std::make_unique<AuthApi>(m_auth);
    m_authApi->setClientAssertionVerifier(trust.assertions);
    m_authApi->setUrls(
        {m_urls.fhir, m_urls.authorize, m_urls.token, m_urls.introspect, m_urls.jwks});
    // The audit proxy of a remote source publishes this authorization server too.
    m_auth->setEndpoints(
        {m_urls.fhir, m_urls.authorize, m_urls.token, m_urls.introspect, m_urls.jwks});
    m_cds = new CdsServicesApi(
        demo::demoServices(), [this](const FeedbackEntry &entry) { addFeedback(entry); }, this);
    m_cds->setClientJwtVerifier(trust.verifier);
    for (const auto &service : m_cds->services()) {
        // Each demo service is pre-registered with the scopes its data needs (C4).
        QMap<QString, QString> templates = service.prefetch;
        templates.insert(service.queries);
        m_auth->registerClient(
            {service.id, scopesForPrefetch(templates), GrantPolicy::PreAuthorized});
    }
    m_corsOrigins = options.corsOrigins;
    // The embedded context viewer is a SMART app like any other: registered, with its own
    // page as the only redirect URI (both spellings of loopback the GUI may open).
    const QString appPath = u"/apps/context-viewer/launch.html"_s;
    m_auth->registerApp({u"hookbench-context-viewer"_s,
                         {u"launch"_s, u"openid"_s, u"fhirUser"_s, u"patient/*.read"_s},
                         {base + appPath, u"http://localhost:%1"_s.arg(m_main->port()) + appPath},
                         GrantPolicy::PreAuthorized});
    m_main->setHandler([this](const HttpRequest &request, const Responder &respond) {
        handleMain(request, respond);
    });
    qCInfo(lcServers) << "embedded servers on" << base;
    return {};
}

void ServerHost::stop()
{
    if (m_main)
        m_main->close();
    if (m_labServer)
        m_labServer->close();
}

BaseUrls ServerHost::urls() const
{
    return m_urls;
}

QList<FeedbackEntry> ServerHost::feedback() const
{
    QMutexLocker lock(&m_mutex);
    return m_feedback;
}

void ServerHost::addFeedback(const FeedbackEntry &entry)
{
    {
        QMutexLocker lock(&m_mutex);
        m_feedback.append(entry);
    }
    Q_EMIT feedbackReceived(entry.serviceId, entry.feedback);
}

bool ServerHost::originAllowed(const HttpRequest &request) const
{
    // Patient data and tokens: only pages Hookbench itself serves or uses (the embedded SMART
    // app, the CDS client's configured page origin, registered apps), never any page that
    // found the port.
    const QString origin = QString::fromUtf8(request.header("Origin"));
    if (origin.isEmpty())
        return true;
    const QString port = QString::number(m_main->port());
    return origin == u"http://127.0.0.1:"_s + port || origin == u"http://localhost:"_s + port
        || m_corsOrigins.contains(origin) || m_auth->isAppOrigin(origin);
}

void ServerHost::handleMain(const HttpRequest &request, const Responder &respond)
{
    const QString &path = request.path;
    const bool guarded = path == u"/fhir"
        || (path.startsWith(u"/fhir/") && !path.startsWith(u"/fhir/.well-known/"))
        || path.startsWith(u"/auth/");
    const bool allowed = !guarded || originAllowed(request);
    const Responder withCors = [request, respond, allowed](HttpResponse response) {
        addCorsHeaders(request, response, allowed);
        respond(std::move(response));
    };
    if (request.method == "OPTIONS")
        return respond(corsPreflight(request, allowed));
    if (path == u"/fhir/.well-known/smart-configuration"
        || path == u"/.well-known/smart-configuration")
        return withCors(m_authApi->smartConfiguration());
    if (path == u"/fhir" || path.startsWith(u"/fhir/"))
        return m_fhir->handle(request, path.mid(5), m_urls.fhir, withCors);
    if (path == u"/cds-services" || path.startsWith(u"/cds-services/"))
        return m_cds->handle(request, path.mid(13), m_main->baseUrl().toString(), withCors);
    if (path == u"/auth/authorize")
        return withCors(m_authApi->authorize(request));
    if (path == u"/auth/token")
        return withCors(m_authApi->token(request));
    if (path == u"/auth/introspect")
        return withCors(m_authApi->introspect(request));
    if (path == u"/.well-known/jwks.json") {
        QJsonObject jwks = m_jwks ? m_jwks() : QJsonObject();
        if (!jwks.contains(u"keys"_s))
            jwks.insert(u"keys"_s, QJsonArray());
        return withCors(HttpResponse::json(200, jwks, "application/jwk-set+json"));
    }
    if (path.startsWith(u"/apps/"))
        return respond(staticApp(path));
    if (path == u"/")
        return withCors(HttpResponse::json(200, m_urls.toJson()));
    withCors(HttpResponse::fhir(
        404, fhir::errorOutcome(u"not-found"_s, u"Nothing at '%1'"_s.arg(path))));
}

HttpResponse ServerHost::staticApp(const QString &path) const
{
    static const QMap<QString, QByteArray> types {{u"html"_s, "text/html; charset=utf-8"},
                                                  {u"js"_s, "text/javascript; charset=utf-8"},
                                                  {u"css"_s, "text/css; charset=utf-8"}};
    if (path.contains(u"..")) // QFile on qrc would not escape anyway; be explicit
        return HttpResponse::text(404, "not found");
    QFile file(u":/hookbench"_s + path);
    if (!file.open(QIODevice::ReadOnly))
        return HttpResponse::text(404, "not found");
    HttpResponse response = HttpResponse::text(
        200, file.readAll(), types.value(path.section(u'.', -1), "application/octet-stream"));
    // The demo app only runs its own script and never evaluates service-supplied content. It
    // connects to this origin and, launched for a remote FHIR source, to that source's audit
    // proxy (its iss), while the proxy listens: nowhere else.
    QByteArray connect = "'self'";
    for (const QString &audience : m_auth->audiences())
        connect += ' '
            + QUrl(audience).adjusted(QUrl::RemovePath | QUrl::RemoveQuery).toString().toUtf8();
    response.addHeader("Content-Security-Policy",
                       "default-src 'none'; script-src 'self'; style-src 'self'; connect-src "
                           + connect
                           + "; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
    response.addHeader("X-Content-Type-Options", "nosniff");
    response.addHeader("Cache-Control", "no-store");
    return response;
}

} // namespace hb::servers
