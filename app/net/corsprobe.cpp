#include "net/corsprobe.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QHostInfo>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace hb::net {

struct CorsProbe::State
{
    CorsProbeRequest request;
    CorsRequest hopRequest; ///< the current hop as the browser makes it
    QByteArray hopBody;
    QList<CorsHop> hops;
    CorsProbeResult result;
    std::function<void(const CorsProbeResult &)> done;
};

namespace {

TransportRequest wire(const WireRequest &w, const CorsProbeRequest &probe)
{
    TransportRequest request;
    request.method = w.method;
    request.url = w.url;
    request.headers = w.headers;
    request.connectTimeoutMs = probe.connectTimeoutMs;
    request.totalTimeoutMs = probe.totalTimeoutMs;
    request.maxResponseBytes = probe.maxResponseBytes;
    request.maxRedirects = 0; // the probe follows redirects itself, hop by hop
    request.cancellation = probe.cancellation;
    return request;
}

CorsResponse corsResponse(const TransportResponse &response)
{
    // The body's start goes along: a preflight answered 404 often says why, and the hint
    // quotes it.
    return CorsResponse {response.status, response.headers,
                         response.ok() ? QByteArray() : response.netError, true,
                         response.body.left(4096)};
}

bool isRedirect(const TransportResponse &response)
{
    static const QList<int> codes {301, 302, 303, 307, 308};
    return response.ok() && codes.contains(response.status)
        && headerGet(response.headers, "location");
}

} // namespace

const Exchange *CorsProbeResult::firstOfKind(const QString &kind) const
{
    for (const auto &exchange : exchanges) {
        if (exchange.kind == kind)
            return &exchange;
    }
    return nullptr;
}

CorsProbe::CorsProbe(Transport *transport, ExchangeLog *log)
    : m_transport(transport)
    , m_log(log)
{ }

CorsProbeResult CorsProbe::runAndWait(const CorsProbeRequest &request)
{
    CorsProbeResult result;
    bool finished = false;
    QEventLoop loop;
    run(request, [&](const CorsProbeResult &r) {
        result = r;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return result;
}

void CorsProbe::run(const CorsProbeRequest &request,
                    std::function<void(const CorsProbeResult &)> done)
{
    auto state = std::make_shared<State>();
    state->request = request;
    state->hopRequest = request.cors;
    state->hopBody = request.body;
    state->done = std::move(done);
    // Blocked before any byte leaves the browser (mixed content, insecure page -> local network).
    const CorsEvaluation pre = evaluateCors(request.cors, {}, request.options);
    if (pre.verdict == CorsVerdict::Fail) {
        state->result.evaluation = pre;
        finish(state);
        return;
    }
    // Chromium takes the address space from the address it connects to (CORS10): a name
    // that resolves to a loopback or private address needs the local-network permission too.
    const QString host = request.cors.url.host();
    QHostAddress literal;
    if (request.cors.targetSpace || literal.setAddress(host)
        || classifyHost(host) != AddressSpace::Public) {
        step(state);
        return;
    }
    auto *context = new QObject(m_transport);
    auto answered = std::make_shared<bool>(false);
    auto proceed = [this, state, context, answered](std::optional<AddressSpace> space) {
        if (*answered)
            return;
        *answered = true;
        if (space) {
            state->request.cors.targetSpace = space;
            state->hopRequest.targetSpace = space;
        }
        context->deleteLater();
        const CorsEvaluation resolved
            = evaluateCors(state->request.cors, {}, state->request.options);
        if (resolved.verdict == CorsVerdict::Fail) {
            state->result.evaluation = resolved;
            finish(state);
            return;
        }
        step(state);
    };
    QTimer::singleShot(request.connectTimeoutMs, context, [proceed] { proceed(std::nullopt); });
    QHostInfo::lookupHost(host, context, [proceed](const QHostInfo &info) {
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty())
            proceed(std::nullopt);
        else
            proceed(classifyHost(info.addresses().constFirst().toString()));
    });
}

void CorsProbe::step(std::shared_ptr<State> state)
{
    const CorsRequest &hop = state->hopRequest;
    state->hops.append(CorsHop {hop.url, std::nullopt, CorsResponse {0, {}, {}, false}});
    if (!needsPreflight(hop)) {
        sendActual(state);
        return;
    }
    const TransportRequest preflight = wire(preflightRequestFor(hop), state->request);
    Exchange exchange = exchangeFor(preflight, u"preflight"_s);
    exchange.note = u"preflight of %1 %2"_s.arg(QString::fromLatin1(normalizeMethod(hop.method)),
                                                hop.url.toString());
    m_transport->send(
        preflight, [this, state, exchange](const TransportResponse &response) mutable {
            exchange.setResponse(response);
            state->result.connected |= response.status > 0;
            state->hops.last().preflight = corsResponse(response);
            // Would the browser send the actual request? Evaluate with the actual marked as not
            // sent.
            const CorsEvaluation soFar
                = evaluateCors(state->request.cors, state->hops, state->request.options);
            exchange.cors = soFar;
            state->result.exchanges.append(exchange);
            if (soFar.verdict == CorsVerdict::Fail) {
                finish(state);
                return;
            }
            sendActual(state);
        });
}

void CorsProbe::sendActual(std::shared_ptr<State> state)
{
    const CorsRequest &hop = state->hopRequest;
    TransportRequest actual = wire(actualRequestFor(hop), state->request);
    actual.body = state->hopBody;
    Exchange exchange = exchangeFor(actual, state->request.kind);
    m_transport->send(actual, [this, state, exchange](const TransportResponse &response) mutable {
        exchange.setResponse(response);
        state->result.connected |= response.status > 0;
        state->result.actual = response;
        state->hops.last().response = corsResponse(response);
        state->result.exchanges.append(exchange);
        const CorsEvaluation soFar
            = evaluateCors(state->request.cors, state->hops, state->request.options);
        // Chromium gives up after 20 redirects; the evaluator reports it.
        if (soFar.verdict != CorsVerdict::Fail && isRedirect(response)
            && state->hops.size() <= 20) {
            const QUrl location = state->hopRequest.url.resolved(
                QUrl(QString::fromUtf8(*headerGet(response.headers, "location"))));
            const CorsRequest next = redirectedRequest(state->hopRequest, response.status, location,
                                                       state->request.cors.origin);
            if (normalizeMethod(next.method) == "GET")
                state->hopBody.clear();
            state->hopRequest = next;
            step(state);
            return;
        }
        finish(state);
    });
}

void CorsProbe::finish(std::shared_ptr<State> state)
{
    if (!state->hops.isEmpty())
        state->result.evaluation
            = evaluateCors(state->request.cors, state->hops, state->request.options);
    // The verdict belongs to the whole chain: store it on the last exchange (the one JS waited on).
    // A chain the user cancelled has none: a browser reports an aborted fetch as an AbortError,
    // not as a CORS failure, and the log must not show one.
    if (!state->result.exchanges.isEmpty()
        && state->result.exchanges.last().errorKind != toString(TransportError::Cancelled))
        state->result.exchanges.last().cors = state->result.evaluation;
    if (m_log) {
        quint64 previous = 0;
        for (auto &exchange : state->result.exchanges) {
            exchange.relatedId = previous;
            exchange.id = m_log->append(exchange);
            previous = exchange.id;
        }
    }
    const auto done = std::move(state->done);
    done(state->result);
}

} // namespace hb::net
