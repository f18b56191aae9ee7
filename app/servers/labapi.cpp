#include "servers/labapi.h"

#include "fhir/operationoutcome.h"

#include <QJsonArray>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {

QByteArray fill(QByteArray value, const HttpRequest &request, const QString &otherOrigin)
{
    QByteArray origin = request.header("Origin");
    if (origin.isEmpty())
        origin = "https://sandbox.cds-hooks.org";
    QByteArray otherScheme
        = origin.startsWith("https://") ? "http://" + origin.mid(8) : "https://" + origin.mid(7);
    value.replace("{other-scheme}", otherScheme);
    value.replace("{origin}", origin);
    value.replace("{other}", otherOrigin.toUtf8());
    value.replace("{self}", request.url().toUtf8());
    return value;
}

void addAcao(HttpResponse &response, const CorsBehaviour &cors, const HttpRequest &request,
             const QString &other)
{
    if (!cors.acao)
        return;
    const QByteArray value = fill(*cors.acao, request, other);
    response.addHeader("Access-Control-Allow-Origin", value);
    if (cors.duplicateAcao)
        response.addHeader("Access-Control-Allow-Origin", value);
    if (cors.acac)
        response.addHeader("Access-Control-Allow-Credentials", *cors.acac);
}

HttpResponse preflight(const LabService &service, const HttpRequest &request, const QString &other)
{
    const CorsBehaviour &cors = service.cors;
    HttpResponse response;
    response.status = cors.preflightStatus;
    if (!cors.preflightLocation.isEmpty())
        response.addHeader("Location", fill(cors.preflightLocation, request, other));
    if (cors.preflightCors) {
        addAcao(response, cors, request, other);
        if (cors.acam)
            response.addHeader("Access-Control-Allow-Methods", *cors.acam);
        if (cors.acah)
            response.addHeader("Access-Control-Allow-Headers", *cors.acah);
        if (cors.maxAge)
            response.addHeader("Access-Control-Max-Age", *cors.maxAge);
    }
    if (cors.preflightStatus >= 400)
        response.body = cors.preflightStatus == 404 ? "Cannot OPTIONS" : "Unauthorized";
    return response;
}

HttpResponse actual(const LabService &service, const HttpRequest &request, const QString &other)
{
    const CorsBehaviour &cors = service.cors;
    HttpResponse response = service.respond
        ? service.respond(request)
        : HttpResponse::json(200, QJsonObject {{u"cards"_s, QJsonArray {}}});
    if (cors.actualStatus == 500) {
        response = HttpResponse::json(500, fhir::errorOutcome(u"exception"_s, u"Internal error"_s));
    } else if (cors.actualStatus != 200) {
        response = HttpResponse::text(cors.actualStatus, "");
        response.addHeader("Location", fill(cors.actualLocation, request, other));
    }
    if (cors.actualAcao)
        addAcao(response, cors, request, other);
    return response;
}

} // namespace

LabApi::LabApi(QObject *parent)
    : QObject(parent)
    , m_services(labServices())
{ }

QJsonObject LabApi::discovery(const QStringList &only) const
{
    QJsonArray services;
    for (const auto &service : m_services) {
        if (!only.isEmpty() && !only.contains(service.id))
            continue;
        services.append(QJsonObject {{u"hook"_s, u"patient-view"_s},
                                     {u"id"_s, service.id},
                                     {u"title"_s, service.title},
                                     {u"description"_s, service.description}});
    }
    return QJsonObject {{u"services"_s, services}};
}

void LabApi::handle(const HttpRequest &request, const Responder &respond)
{
    QString path = request.path;
    // "/<id>[,<id>...]/cds-services" is a discovery base with only those services, so a client
    // can register exactly the misbehaviour it wants to see.
    QStringList only;
    if (!path.startsWith(u"/cds-services")) {
        const qsizetype slash = path.indexOf(u'/', 1);
        only = path.mid(1, slash < 0 ? -1 : slash - 1).split(u',', Qt::SkipEmptyParts);
        for (const QString &id : only) {
            const bool known = std::any_of(m_services.begin(), m_services.end(),
                                           [&](const LabService &s) { return s.id == id; });
            if (!known)
                return respond(HttpResponse::json(
                    404, fhir::errorOutcome(u"not-found"_s, u"No lab service '%1'"_s.arg(id))));
        }
        path = slash < 0 ? QString() : path.mid(slash);
    }
    if (path == u"/cds-services") { // the lab's own discovery has correct CORS
        if (request.method == "OPTIONS") {
            HttpResponse ok;
            ok.status = 204;
            ok.addHeader("Access-Control-Allow-Origin", fill("{origin}", request, m_otherOrigin));
            ok.addHeader("Access-Control-Allow-Methods", "GET, OPTIONS");
            ok.addHeader("Access-Control-Allow-Headers", "Authorization, Content-Type");
            return respond(ok);
        }
        HttpResponse response = HttpResponse::json(200, discovery(only));
        response.addHeader("Access-Control-Allow-Origin", fill("{origin}", request, m_otherOrigin));
        return respond(response);
    }
    const QString id = path.startsWith(u"/cds-services/") ? path.mid(14) : QString();
    const auto found = std::find_if(m_services.begin(), m_services.end(),
                                    [&](const LabService &s) { return s.id == id; });
    if (found == m_services.end() || (!only.isEmpty() && !only.contains(id)))
        return respond(HttpResponse::json(
            404, fhir::errorOutcome(u"not-found"_s, u"No lab service '%1'"_s.arg(id))));
    if (request.method == "OPTIONS")
        return respond(preflight(*found, request, m_otherOrigin));
    if (request.method != "POST")
        return respond(
            HttpResponse::json(405, fhir::errorOutcome(u"not-supported"_s, u"use POST"_s)));
    if (found->hang)
        return; // never answered; the connection stays open until the client gives up
    HttpResponse response = actual(*found, request, m_otherOrigin);
    if (found->delayMs > 0) {
        QTimer::singleShot(found->delayMs, this, [respond, response] { respond(response); });
        return;
    }
    respond(response);
}

} // namespace hb::servers
