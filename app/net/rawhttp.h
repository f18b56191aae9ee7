#pragma once

// Exact wire backend of the transport: a minimal HTTP/1.1 client over QTcpSocket/QSslSocket that
// keeps every response header line as received (repeated names stay separate lines), which
// QNetworkReply cannot (it merges them). One request per connection (Connection: close).
#include "net/transport.h"

namespace hb::net {

using TrustCheck = std::function<bool(const QString &host, int port, const QString &sha256)>;

/// Sends one hop (no redirect following); `done` runs once on `context`'s thread.
void sendExact(const TransportRequest &request, TrustCheck trust, QObject *context,
               Transport::Callback done);

/// The request bytes sendExact writes (request line, Host, headers, Content-Length, Connection).
QByteArray serializeRequest(const TransportRequest &request);

} // namespace hb::net
