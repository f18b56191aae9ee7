#include "net/transportworker.h"

#include "net/connectionpool.h"
#include "net/logging.h"

using namespace Qt::StringLiterals;

namespace hb::net {

TransportWorker::TransportWorker(TrustCheck trust)
    : m_trust(std::move(trust))
{ }

TransportWorker::~TransportWorker() = default;

void TransportWorker::send(const TransportRequest &request, Transport::Callback done)
{
    QSet<QString> seen {QString::fromLatin1(request.method) + u' ' + request.url.toString()};
    sendHop(request, [this, request, seen, done](const TransportResponse &response) {
        follow(request, {}, seen, response, done);
    });
}

void TransportWorker::sendHop(const TransportRequest &request, Transport::Callback done)
{
    if (request.cancellation && request.cancellation->isCancelled()) {
        // Cancelled before this hop started (a redirect, or the call after its preflight):
        // nothing is sent.
        TransportResponse response;
        response.method = request.method;
        response.url = request.url;
        response.timings.started = QDateTime::currentDateTimeUtc();
        response.timings.totalMs = 0;
        response.error = TransportError::Cancelled;
        response.netError = chromiumNetError(response.error);
        response.errorMessage = describeFailure(response.error, request, response, {});
        done(response);
        return;
    }
    if (!m_pool)
        m_pool = new ConnectionPool(this);
    sendExact(request, m_trust, m_pool, this, std::move(done));
}

void TransportWorker::follow(TransportRequest request, QList<RedirectHop> hops, QSet<QString> seen,
                             TransportResponse response, Transport::Callback done)
{
    static const QList<int> redirectCodes {301, 302, 303, 307, 308};
    const auto location = headerGet(response.headers, "location");
    if (!response.ok() || request.maxRedirects <= 0 || !redirectCodes.contains(response.status)
        || !location) {
        response.redirects = hops;
        done(response);
        return;
    }
    hops.append({request.method, request.url, response.status, response.headers});
    const QUrl next = request.url.resolved(QUrl(QString::fromUtf8(*location)));
    // Browser rules (CORS7): 301/302 turn POST into GET, 303 everything but HEAD.
    if (((response.status == 301 || response.status == 302) && request.method == "POST")
        || (response.status == 303 && request.method != "HEAD")) {
        request.method = "GET";
        request.body.clear();
        request.headers.removeIf([](const HeaderLine &l) {
            return l.name.compare("content-type", Qt::CaseInsensitive) == 0;
        });
    }
    if (serializeOrigin(next) != serializeOrigin(request.url)) {
        request.headers.removeIf([](const HeaderLine &l) {
            return l.name.compare("authorization", Qt::CaseInsensitive) == 0;
        });
    }
    request.url = next;
    const QString key = QString::fromLatin1(request.method) + u' ' + next.toString();
    TransportError error = TransportError::None;
    if (seen.contains(key))
        error = TransportError::RedirectLoop;
    else if (hops.size() > request.maxRedirects)
        error = TransportError::TooManyRedirects;
    if (error != TransportError::None) {
        QStringList chain;
        for (const auto &hop : hops)
            chain.append(hop.url.toString());
        chain.append(next.toString());
        response.error = error;
        response.netError = chromiumNetError(error);
        response.errorMessage = error == TransportError::RedirectLoop
            ? u"Redirect loop: %1 was already visited (%2)."_s.arg(next.toString(),
                                                                   chain.join(u" -> "))
            : u"More than %1 redirects (%2)."_s.arg(request.maxRedirects).arg(chain.join(u" -> "));
        response.redirects = hops;
        done(response);
        return;
    }
    seen.insert(key);
    sendHop(request, [this, request, hops, seen, done](const TransportResponse &nextResponse) {
        follow(request, hops, seen, nextResponse, done);
    });
}

} // namespace hb::net
