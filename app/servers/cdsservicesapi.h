#pragma once

#include "servers/demo/demoservice.h"
#include "servers/httpmessage.h"

#include <QObject>

#include <functional>

class QNetworkAccessManager;

namespace hb::servers {

struct FeedbackEntry;

/// The demo CDS services over HTTP: discovery (`GET /cds-services`), calls (`POST
/// /cds-services/{id}`) and feedback (`POST /cds-services/{id}/feedback`). Missing prefetch is
/// fetched asynchronously from the request's fhirServer with its fhirAuthorization token; when
/// neither works the answer is 412 with an OperationOutcome (V23).
/// Lives in the server thread (it owns a QNetworkAccessManager).
class CdsServicesApi : public QObject
{
    Q_OBJECT

public:
    using FeedbackSink = std::function<void(const FeedbackEntry &)>;
    /// Checks a request's client JWT ("Authorization" header value) for the exact URL called;
    /// returns why it is refused, or an empty string when it is accepted.
    using ClientJwtVerifier
        = std::function<QString(const QByteArray &authorization, const QString &audience)>;

    CdsServicesApi(QList<demo::DemoService> services, FeedbackSink feedback,
                   QObject *parent = nullptr);

    /// `subPath` is the path below /cds-services ("" for discovery, "/id", "/id/feedback").
    void handle(const HttpRequest &request, const QString &subPath, const QString &appBaseUrl,
                const Responder &respond);

    [[nodiscard]] const QList<demo::DemoService> &services() const { return m_services; }
    /// With a verifier, discovery, calls and feedback without a valid client JWT get 401, as a
    /// careful service answers (C10); without one every request is accepted.
    void setClientJwtVerifier(ClientJwtVerifier verifier) { m_verifier = std::move(verifier); }
    /// The discovery document (V24): one entry per (id, hook).
    [[nodiscard]] QJsonObject discovery() const;

private:
    void call(const demo::DemoService &service, const HttpRequest &request,
              const QString &appBaseUrl, const Responder &respond);
    void feedback(const demo::DemoService &service, const HttpRequest &request,
                  const Responder &respond);

    QList<demo::DemoService> m_services;
    FeedbackSink m_feedback;
    ClientJwtVerifier m_verifier;
    QNetworkAccessManager *m_nam;
};

/// Replaces prefetch tokens ({{context.x}} for top-level primitive context fields and the user
/// tokens derived from userId) in a template; nullopt when a token cannot be resolved.
[[nodiscard]] std::optional<QString> expandPrefetchTemplate(const QString &tmpl,
                                                            const QJsonObject &context);

} // namespace hb::servers
