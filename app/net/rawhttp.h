#pragma once

// Exact wire backend of the transport: a minimal HTTP/1.1 client over QTcpSocket/QSslSocket that
// keeps every response header line as received (repeated names stay separate lines), which
// QNetworkReply cannot (it merges them). HTTP/1.1 persistent connections as a browser keeps
// them (connectionpool.h): "Connection: keep-alive", the next request to the same origin on an
// idle connection, one resend on a new connection when a reused one dies before any answer.
#include "net/transport.h"

namespace hb::net {

class ConnectionPool;

using TrustCheck = std::function<bool(const QString &host, int port, const QString &sha256)>;

/// Sends one hop (no redirect following); `done` runs once on `context`'s thread. `pool` (may
/// be null: a new connection, closed after the answer) lives in that thread too.
void sendExact(const TransportRequest &request, TrustCheck trust, ConnectionPool *pool,
               QObject *context, Transport::Callback done);

/// The request bytes sendExact writes (request line, Host, headers, Content-Length, Connection).
QByteArray serializeRequest(const TransportRequest &request);

} // namespace hb::net
