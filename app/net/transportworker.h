#pragma once

// The network thread's side of Transport (internal to hb_net): owns the kept-alive connections
// and runs every hop, its timers and its timings in the "hookbench-net" thread, so that what the
// caller's thread does (the GUI laying out a huge card) cannot stretch a measured exchange or
// fire a connect timeout that never happened.
#include "net/rawhttp.h"
#include "net/transport.h"

namespace hb::net {

class TransportWorker : public QObject
{
public:
    explicit TransportWorker(TrustCheck trust);
    ~TransportWorker() override;

    /// A request with its redirects (browser rules); `done` runs once, in the network thread.
    void send(const TransportRequest &request, Transport::Callback done);

private:
    void sendHop(const TransportRequest &request, Transport::Callback done);
    void follow(TransportRequest request, QList<RedirectHop> hops, QSet<QString> seen,
                TransportResponse response, Transport::Callback done);

    TrustCheck m_trust;
    ConnectionPool *m_pool = nullptr; ///< created in the network thread on first use
};

} // namespace hb::net
