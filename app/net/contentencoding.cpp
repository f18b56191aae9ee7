#include "net/contentencoding.h"

#include <zlib.h>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

/// Inflates with zlib's `windowBits` (47: gzip or zlib header, detected; -15: raw deflate).
DecodedBody inflateWith(int windowBits, const QByteArray &encoded, qint64 maxBytes)
{
    DecodedBody out;
    z_stream stream {};
    if (inflateInit2(&stream, windowBits) != Z_OK) {
        out.error = u"zlib could not start"_s;
        return out;
    }
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(encoded.constData()));
    stream.avail_in = uInt(encoded.size());
    char chunk[64 * 1024];
    int status = Z_OK;
    while (status == Z_OK) {
        stream.next_out = reinterpret_cast<Bytef *>(chunk);
        stream.avail_out = sizeof chunk;
        status = inflate(&stream, Z_NO_FLUSH);
        const qint64 produced = qint64(sizeof chunk - stream.avail_out);
        const qint64 room = maxBytes - out.body.size();
        out.body.append(chunk, qsizetype(std::min(produced, room)));
        if (produced > room) {
            out.tooLarge = true;
            break;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0)
            break; // input ended before the stream did
    }
    if (!out.tooLarge && status != Z_STREAM_END)
        out.error = stream.msg ? QString::fromLatin1(stream.msg)
                               : u"the compressed body ends before its end marker"_s;
    inflateEnd(&stream);
    return out;
}

} // namespace

bool isDecodable(QByteArrayView contentEncoding)
{
    const QByteArray value = contentEncoding.trimmed().toByteArray().toLower();
    return value == "gzip" || value == "x-gzip" || value == "deflate";
}

DecodedBody decode(QByteArrayView contentEncoding, const QByteArray &encoded, qint64 maxBytes)
{
    const QByteArray value = contentEncoding.trimmed().toByteArray().toLower();
    DecodedBody out = inflateWith(15 + 32, encoded, maxBytes);
    // "deflate" is meant to be zlib-wrapped (RFC 9110 8.4.1.2), but some servers send it raw.
    if (!out.error.isEmpty() && value == "deflate" && out.body.isEmpty())
        out = inflateWith(-15, encoded, maxBytes);
    return out;
}

} // namespace hb::net
