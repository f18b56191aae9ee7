#pragma once

#include "servers/httpmessage.h"

#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace hb::servers {

/// How one lab service answers CORS (a CORS-M row of docs/rules.md on its own URL). Values use
/// "{origin}" for the request's Origin (default https://sandbox.cds-hooks.org).
struct CorsBehaviour
{
    int preflightStatus = 204;
    std::optional<QByteArray> acao = QByteArray("{origin}"); ///< preflight and actual
    bool duplicateAcao = false; ///< send the ACAO line twice (app + proxy)
    std::optional<QByteArray> acac; ///< Access-Control-Allow-Credentials
    std::optional<QByteArray> acah = QByteArray("Authorization, Content-Type");
    std::optional<QByteArray> acam = QByteArray("POST, OPTIONS");
    std::optional<QByteArray> maxAge;
    bool preflightCors = true; ///< false: the preflight gets no CORS headers at all
    QByteArray preflightLocation; ///< for 3xx preflights
    int actualStatus = 200;
    bool actualAcao = true; ///< false: the actual response lacks ACAO
    QByteArray actualLocation; ///< for a 3xx actual response; "{other}" = another origin
};

/// One service of the misbehaviour lab.
struct LabService
{
    QString id;
    QString title;
    QString description; ///< what is wrong, and the CORS-M row(s) it reproduces
    CorsBehaviour cors;
    /// The actual response (before CORS headers); empty function = valid empty cards.
    std::function<HttpResponse(const HttpRequest &)> respond;
    int delayMs = 0; ///< answer late
    bool hang = false; ///< never answer
};

/// The lab's services: each CORS mistake of the CORS-M rows, HTTP failures (not JSON, HTML
/// error page, 500, 401, 412, slow, hanging, huge), spec violations and hostile content.
[[nodiscard]] QList<LabService> labServices();
/// The lab's hostile rows (`hostile-*`, labhostile.cpp): bodies a client must bound or refuse.
[[nodiscard]] QList<LabService> hostileLabServices();

/// Serves the lab on its own origin: discovery at /cds-services, each service at
/// /cds-services/{id}, with exactly the headers (even broken ones) its row describes.
/// Selectable by name: /{id}[,{id}...]/cds-services is a discovery base with only those.
class LabApi : public QObject
{
    Q_OBJECT

public:
    explicit LabApi(QObject *parent = nullptr);
    /// `otherOrigin` is a different origin that serves the same lab (for the redirect rows).
    void setOtherOrigin(const QString &otherOrigin) { m_otherOrigin = otherOrigin; }
    void handle(const HttpRequest &request, const Responder &respond);
    /// The lab's discovery document; with `only`, just those services.
    [[nodiscard]] QJsonObject discovery(const QStringList &only = {}) const;

private:
    QList<LabService> m_services;
    QString m_otherOrigin;
};

} // namespace hb::servers
