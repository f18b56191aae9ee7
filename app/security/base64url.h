#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace hb::security {

/// RFC 7515 §2 base64url without padding.
[[nodiscard]] QByteArray base64UrlEncode(QByteArrayView data);

/// Strict decoding of unpadded base64url: any character outside the alphabet, padding or an
/// impossible length gives nullopt (a JWT segment is never silently "repaired").
[[nodiscard]] std::optional<QByteArray> base64UrlDecode(QByteArrayView text);

/// Unsigned big-endian integer bytes (JWK n, e, x, y), left-padded with zeros to `width` when
/// width > 0 (RFC 7518 §6.2.1.2 fixes x/y to the curve size).
[[nodiscard]] QByteArray leftPad(const QByteArray &bytes, qsizetype width);

} // namespace hb::security
