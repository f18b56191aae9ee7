#pragma once

// Behaves as a browser page at the configured origin would: sends Chromium's preflight (when one
// is needed), then the actual request, follows redirects with the browser's rules (each hop gets
// its own preflight), records every exchange and evaluates the whole chain (corsevaluator.h).
#include "net/corsevaluator.h"
#include "net/exchangelog.h"
#include "net/transport.h"

namespace hb::net {

struct CorsProbeRequest
{
    CorsRequest cors; ///< origin, method, author headers, credentials, URL
    QByteArray body;
    CorsOptions options;
    QString kind = QStringLiteral("probe"); ///< exchange kind of the actual request
    int connectTimeoutMs = 5000;
    int totalTimeoutMs = 30000;
    qint64 maxResponseBytes = 4 * 1024 * 1024;
    std::shared_ptr<Cancellation> cancellation; ///< aborts the preflight and the actual request
};

struct CorsProbeResult
{
    CorsEvaluation evaluation;
    QList<Exchange> exchanges; ///< in order: preflight, actual, (next hop's preflight, actual)...
    std::optional<TransportResponse> actual; ///< the last actual response, if one was sent
    bool connected = false; ///< some HTTP response arrived

    const Exchange *firstOfKind(const QString &kind) const;
};

class CorsProbe
{
public:
    /// `log` may be null; when set every exchange is appended to it too.
    CorsProbe(Transport *transport, ExchangeLog *log = nullptr);

    void run(const CorsProbeRequest &request, std::function<void(const CorsProbeResult &)> done);
    CorsProbeResult runAndWait(const CorsProbeRequest &request);

private:
    struct State;
    void step(std::shared_ptr<State> state);
    void sendActual(std::shared_ptr<State> state);
    void finish(std::shared_ptr<State> state);

    Transport *m_transport;
    ExchangeLog *m_log;
};

} // namespace hb::net
