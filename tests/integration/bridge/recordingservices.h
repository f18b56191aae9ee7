#pragma once

// A loopback CDS service provider for the bridge tests that records what it receives: services
// for the order hooks (order-dispatch, medication-prescribe) that answer no cards, and three
// patient-view services whose card has a suggestion, whose feedback endpoints answer 200, 500
// and 404. Discovery at /cds-services.
#include "../corsjsonservice.h"
#include "servers/httpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>

namespace fixtures {

class RecordingServices
{
public:
    struct Received
    {
        QString path;
        QJsonObject body;
    };

    RecordingServices()
    {
        m_server.setHandler(corsJsonHandler([this](const hb::servers::HttpRequest &request,
                                                   const JsonReply &reply) {
            using namespace Qt::StringLiterals;
            if (request.path == u"/cds-services")
                return reply(200, discovery());
            m_received.append({request.path, QJsonDocument::fromJson(request.body).object()});
            if (request.path.endsWith(u"/feedback"_s)) {
                const QString id = request.path.section(u'/', 2, 2);
                const int status = id == u"feedback-ok" ? 200 : id == u"feedback-500" ? 500 : 404;
                return reply(status, {});
            }
            const QString id = request.path.section(u'/', 2, 2);
            if (id.startsWith(u"feedback-"_s))
                return reply(200, QJsonObject {{u"cards"_s, QJsonArray {cardOf(id)}}});
            reply(200, QJsonObject {{u"cards"_s, QJsonArray {}}});
        }));
    }

    bool listen() { return m_server.listen(); }
    void close() { m_server.close(); }
    [[nodiscard]] QUrl discoveryUrl() const
    {
        QUrl url = m_server.baseUrl();
        url.setPath(QStringLiteral("/cds-services"));
        return url;
    }

    /// The bodies POSTed to `/cds-services/{id}` (hook calls), oldest first.
    [[nodiscard]] QList<QJsonObject> callsTo(const QString &serviceId) const
    {
        QList<QJsonObject> calls;
        for (const auto &received : m_received) {
            if (received.path == QStringLiteral("/cds-services/") + serviceId)
                calls.append(received.body);
        }
        return calls;
    }

private:
    static QJsonObject discovery()
    {
        using namespace Qt::StringLiterals;
        QJsonArray services;
        const QList<std::pair<QString, QString>> list {
            {u"dispatch-watch"_s, u"order-dispatch"_s},
            {u"prescribe-watch"_s, u"medication-prescribe"_s},
            {u"feedback-ok"_s, u"patient-view"_s},
            {u"feedback-500"_s, u"patient-view"_s},
            {u"feedback-none"_s, u"patient-view"_s}};
        for (const auto &[id, hook] : list)
            services.append(QJsonObject {
                {u"id"_s, id}, {u"hook"_s, hook}, {u"title"_s, id}, {u"description"_s, hook}});
        return {{u"services"_s, services}};
    }

    static QJsonObject cardOf(const QString &id)
    {
        using namespace Qt::StringLiterals;
        return {{u"uuid"_s, u"card-"_s + id},
                {u"summary"_s, u"A card from "_s + id},
                {u"indicator"_s, u"info"_s},
                {u"source"_s, QJsonObject {{u"label"_s, id}}},
                {u"selectionBehavior"_s, u"at-most-one"_s},
                {u"suggestions"_s,
                 QJsonArray {
                     QJsonObject {{u"label"_s, u"Noted"_s}, {u"uuid"_s, u"suggestion-"_s + id}}}}};
    }

    hb::servers::HttpServer m_server;
    QList<Received> m_received;
};

} // namespace fixtures
