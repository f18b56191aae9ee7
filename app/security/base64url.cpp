#include "security/base64url.h"

namespace hb::security {

QByteArray base64UrlEncode(QByteArrayView data)
{
    return data.toByteArray().toBase64(QByteArray::Base64UrlEncoding
                                       | QByteArray::OmitTrailingEquals);
}

std::optional<QByteArray> base64UrlDecode(QByteArrayView text)
{
    if (text.size() % 4 == 1)
        return std::nullopt;
    for (const char c : text) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '_';
        if (!ok)
            return std::nullopt;
    }
    auto result = QByteArray::fromBase64Encoding(text.toByteArray(),
                                                 QByteArray::Base64UrlEncoding
                                                     | QByteArray::AbortOnBase64DecodingErrors);
    if (!result)
        return std::nullopt;
    return std::move(result.decoded);
}

QByteArray leftPad(const QByteArray &bytes, qsizetype width)
{
    if (width <= 0 || bytes.size() >= width)
        return bytes;
    return QByteArray(width - bytes.size(), '\0') + bytes;
}

} // namespace hb::security
