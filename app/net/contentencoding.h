#pragma once

// Compressed response bodies for the requests that ask for them (TransportRequest::
// acceptCompressed: the FHIR client's reads, where a remote server's Bundles shrink severalfold).
// zlib decodes gzip and deflate (Debian's zlib1g, the library made for it); the decoded size is
// capped like any body, so a small compressed bomb cannot fill memory.
#include <QByteArray>
#include <QString>

namespace hb::net {

/// What the transport offers when a request accepts compressed bodies.
inline constexpr QByteArrayView kAcceptEncoding = "gzip, deflate";

struct DecodedBody
{
    QByteArray body;
    bool tooLarge = false; ///< decoding stopped at the cap; `body` holds the first maxBytes
    QString error; ///< not gzip/deflate data, or cut off
};

/// True for the Content-Encoding values decode() handles ("gzip", "x-gzip", "deflate").
bool isDecodable(QByteArrayView contentEncoding);
/// Decodes `encoded` (gzip, or deflate with or without its zlib wrapper) up to `maxBytes`.
DecodedBody decode(QByteArrayView contentEncoding, const QByteArray &encoded, qint64 maxBytes);

} // namespace hb::net
