#include "servers/cdsservicesapi.h"

#include "fhir/catalogue.h"
#include "fhir/operationoutcome.h"
#include "servers/embeddedservers.h"
#include "servers/logging.h"
#include "servers/scopes.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {

HttpResponse outcome(int status, const QString &code, const QString &message)
{
    return HttpResponse::json(status, fhir::errorOutcome(code, message));
}

struct PendingCall
{
    demo::DemoService service;
    demo::ServiceCall call;
    QStringList failures;
    int outstanding = 0;
    Responder respond;

    void finishOne()
    {
        if (--outstanding > 0)
            return;
        if (!failures.isEmpty())
            return respond(outcome(
                412, u"processing"_s,
                u"Could not obtain the data this service needs: %1"_s.arg(failures.join(u"; "_s))));
        respond(HttpResponse::json(200, service.run(call)));
    }
};

} // namespace

std::optional<QString> expandPrefetchTemplate(const QString &tmpl, const QJsonObject &context)
{
    static const QRegularExpression token(uR"(\{\{\s*([^}]*?)\s*\}\})"_s);
    const QString userId = context.value(u"userId"_s).toString();
    QString out;
    qsizetype last = 0;
    auto it = token.globalMatch(tmpl);
    while (it.hasNext()) {
        const auto m = it.next();
        const QString name = m.captured(1);
        QString value;
        if (name.startsWith(u"context.")) {
            const QJsonValue v = context.value(name.mid(8));
            if (v.isString())
                value = v.toString();
            else if (v.isDouble())
                value = QString::number(v.toDouble());
            else if (v.isBool())
                value = v.toBool() ? u"true"_s : u"false"_s;
        } else {
            static const QMap<QString, QString> userTokens {
                {u"userPractitionerId"_s, u"Practitioner/"_s},
                {u"userPractitionerRoleId"_s, u"PractitionerRole/"_s},
                {u"userPatientId"_s, u"Patient/"_s},
                {u"userRelatedPersonId"_s, u"RelatedPerson/"_s}};
            const QString prefix = userTokens.value(name);
            if (!prefix.isEmpty() && userId.startsWith(prefix))
                value = userId.mid(prefix.size());
        }
        if (value.isEmpty())
            return std::nullopt;
        out += tmpl.mid(last, m.capturedStart() - last)
            + QString::fromUtf8(QUrl::toPercentEncoding(value));
        last = m.capturedEnd();
    }
    return out + tmpl.mid(last);
}

CdsServicesApi::CdsServicesApi(QList<demo::DemoService> services, FeedbackSink feedback,
                               QObject *parent)
    : QObject(parent)
    , m_services(std::move(services))
    , m_feedback(std::move(feedback))
    , m_nam(new QNetworkAccessManager(this))
{ }

QJsonObject CdsServicesApi::discovery() const
{
    QJsonArray entries;
    for (const auto &service : m_services) {
        QMap<QString, QString> all = service.prefetch;
        all.insert(service.queries);
        const QStringList scopes = scopesForPrefetch(all);
        for (const QString &hook : service.hooks) {
            QJsonObject entry {{u"hook"_s, hook},
                               {u"id"_s, service.id},
                               {u"title"_s, service.title},
                               {u"description"_s, service.description}};
            if (!service.usageRequirements.isEmpty())
                entry.insert(u"usageRequirements"_s, service.usageRequirements);
            if (!service.prefetch.isEmpty()) {
                QJsonObject prefetch;
                for (auto it = service.prefetch.begin(); it != service.prefetch.end(); ++it)
                    prefetch.insert(it.key(), it.value());
                entry.insert(u"prefetch"_s, prefetch);
            }
            QJsonObject extension {{u"org.hookbench.client-id"_s, service.id}};
            if (!scopes.isEmpty())
                extension.insert(u"org.hookbench.scopes"_s, scopes.join(u' '));
            entry.insert(u"extension"_s, extension);
            entries.append(entry);
        }
    }
    return QJsonObject {{u"services"_s, entries}};
}

void CdsServicesApi::handle(const HttpRequest &request, const QString &subPath,
                            const QString &appBaseUrl, const Responder &respond)
{
    const QStringList parts = subPath.split(u'/', Qt::SkipEmptyParts);
    // The JWT's aud must be the exact URL of the endpoint invoked (C10).
    auto refused = [&] {
        if (!m_verifier)
            return false;
        const QString audience = request.baseUrl.toString() + u"/cds-services"_s + subPath;
        const QString reason = m_verifier(request.header("Authorization"), audience);
        if (reason.isEmpty())
            return false;
        // No detail for the caller (best practice); the reason goes to the server's log only.
        qCInfo(lcServers) << "refused client JWT for" << audience << ":" << reason;
        respond(outcome(401, u"login"_s, u"The client JWT was not accepted."_s));
        return true;
    };
    if (parts.isEmpty()) {
        if (request.method != "GET")
            return respond(outcome(405, u"not-supported"_s, u"discovery is GET only"_s));
        if (refused())
            return;
        return respond(HttpResponse::json(200, discovery()));
    }
    const auto found = std::find_if(m_services.begin(), m_services.end(),
                                    [&](const auto &s) { return s.id == parts.first(); });
    if (found == m_services.end() || parts.size() > 2
        || (parts.size() == 2 && parts.at(1) != u"feedback"))
        return respond(outcome(404, u"not-found"_s, u"No CDS service at '%1'"_s.arg(subPath)));
    if (request.method != "POST")
        return respond(outcome(405, u"not-supported"_s, u"use POST"_s));
    if (refused())
        return;
    if (parts.size() == 2)
        return feedback(*found, request, respond);
    call(*found, request, appBaseUrl, respond);
}

void CdsServicesApi::call(const demo::DemoService &service, const HttpRequest &request,
                          const QString &appBaseUrl, const Responder &respond)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &error);
    if (!doc.isObject())
        return respond(
            outcome(400, u"invalid"_s,
                    u"The request body is not a JSON object: %1"_s.arg(error.errorString())));
    const QJsonObject body = doc.object();
    const QString hook = body.value(u"hook"_s).toString();
    if (!service.hooks.contains(hook))
        return respond(outcome(400, u"invalid"_s,
                               u"Service '%1' answers %2, not hook '%3'"_s.arg(
                                   service.id, service.hooks.join(u", "_s), hook)));
    if (!body.value(u"context"_s).isObject())
        return respond(outcome(400, u"invalid"_s, u"The request has no context object"_s));

    auto pending = std::make_shared<PendingCall>();
    pending->service = service;
    pending->respond = respond;
    pending->call = demo::ServiceCall {hook, body,       body.value(u"context"_s).toObject(),
                                       {},   appBaseUrl, &fhir::Catalogue::builtin()};
    const QJsonObject prefetch = body.value(u"prefetch"_s).toObject();
    QMap<QString, QString> missing;
    for (auto it = service.prefetch.begin(); it != service.prefetch.end(); ++it) {
        if (prefetch.contains(it.key()))
            pending->call.data.insert(it.key(), prefetch.value(it.key()));
        else
            missing.insert(it.key(), it.value());
    }
    missing.insert(service.queries);
    if (missing.isEmpty())
        return respond(HttpResponse::json(200, service.run(pending->call)));

    const QString fhirServer = body.value(u"fhirServer"_s).toString();
    const QString token = body.value(u"fhirAuthorization"_s)[u"access_token"_s].toString();
    const QUrl serverUrl(fhirServer);
    if (token.isEmpty() || !serverUrl.isValid()
        || (serverUrl.scheme() != u"http" && serverUrl.scheme() != u"https"))
        return respond(outcome(412, u"processing"_s,
                               u"Missing data for %1 and no fhirServer with fhirAuthorization to "
                               u"fetch it"_s.arg(missing.keys().join(u", "_s))));
    pending->outstanding = 1; // released after the loop, so no reply can finish the call early
    for (auto it = missing.begin(); it != missing.end(); ++it) {
        const auto relative = expandPrefetchTemplate(it.value(), pending->call.context);
        if (!relative) { // a context field it needs is absent: nothing to fetch
            pending->call.data.insert(it.key(), QJsonValue::Null);
            continue;
        }
        QNetworkRequest fetch(QUrl(fhirServer + u'/' + *relative, QUrl::TolerantMode));
        fetch.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        fetch.setRawHeader("Accept", "application/fhir+json");
        fetch.setTransferTimeout(10000);
        QNetworkReply *reply = m_nam->get(fetch);
        ++pending->outstanding;
        const QString key = it.key();
        const bool isRead = !relative->contains(u'?');
        connect(reply, &QNetworkReply::finished, this, [reply, pending, key, isRead] {
            reply->deleteLater();
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray data = reply->read(32 * 1024 * 1024);
            if (status == 200) {
                pending->call.data.insert(key, QJsonDocument::fromJson(data).object());
            } else if (status == 404 && isRead) {
                pending->call.data.insert(key, QJsonValue::Null);
            } else {
                const QString why = status == 0
                    ? reply->errorString()
                    : u"HTTP %1 %2"_s.arg(status).arg(
                        QJsonDocument::fromJson(data)[u"issue"_s][0][u"diagnostics"_s].toString());
                pending->failures.append(u"%1 (%2)"_s.arg(key, why.trimmed()));
            }
            pending->finishOne();
        });
    }
    pending->finishOne();
}

void CdsServicesApi::feedback(const demo::DemoService &service, const HttpRequest &request,
                              const Responder &respond)
{
    const QJsonDocument doc = QJsonDocument::fromJson(request.body);
    const QJsonArray items = doc.object().value(u"feedback"_s).toArray();
    if (!doc.isObject() || items.isEmpty())
        return respond(outcome(400, u"invalid"_s, u"Expected {\"feedback\": [ ... ]}"_s));
    for (const auto &item : items) {
        const QJsonObject feedback = item.toObject();
        const QString outcomeValue = feedback.value(u"outcome"_s).toString();
        if (feedback.value(u"card"_s).toString().isEmpty()
            || (outcomeValue != u"accepted" && outcomeValue != u"overridden"))
            return respond(
                outcome(400, u"invalid"_s,
                        u"Each feedback item needs a card uuid and outcome accepted|overridden"_s));
    }
    for (const auto &item : items)
        m_feedback(FeedbackEntry {service.id, item.toObject()});
    respond(HttpResponse::json(200, QJsonObject {}));
}

} // namespace hb::servers
