#include "security/jwtfault.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace hb::security {

namespace {
struct FaultText
{
    JwtFault fault;
    const char16_t *name;
    const char16_t *description;
};

constexpr std::array<FaultText, 11> Table {{
    {JwtFault::None, u"none", u"a valid token"},
    {JwtFault::NoAuthorizationHeader, u"no-authorization", u"no Authorization header is sent"},
    {JwtFault::Expired, u"expired", u"exp lies an hour in the past"},
    {JwtFault::NotYetValid, u"not-yet-valid", u"nbf and iat lie an hour in the future"},
    {JwtFault::WrongAudience, u"wrong-aud", u"aud is not the URL being called"},
    {JwtFault::WrongIssuer, u"wrong-iss", u"iss is not the configured issuer"},
    {JwtFault::UnknownKid, u"unknown-kid", u"kid is not in the published JWK Set"},
    {JwtFault::BadSignature, u"bad-signature", u"one byte of the signature is flipped"},
    {JwtFault::AlgNone, u"alg-none", u"alg is \"none\" and the signature is empty"},
    {JwtFault::Hs256WithPublicKey, u"hs256-public-key",
     u"alg is HS256 with the public key PEM as HMAC secret (key confusion)"},
    {JwtFault::ReusedJti, u"reused-jti", u"jti repeats the previous token's jti (replay)"},
}};
} // namespace

QString faultName(JwtFault fault)
{
    for (const auto &entry : Table) {
        if (entry.fault == fault)
            return QString::fromUtf16(entry.name);
    }
    return {};
}

std::optional<JwtFault> faultFromName(QStringView name)
{
    for (const auto &entry : Table) {
        if (name == QStringView(entry.name))
            return entry.fault;
    }
    return std::nullopt;
}

QList<JwtFault> allFaults()
{
    QList<JwtFault> result;
    for (const auto &entry : Table) {
        if (entry.fault != JwtFault::None)
            result.append(entry.fault);
    }
    return result;
}

QString faultDescription(JwtFault fault)
{
    for (const auto &entry : Table) {
        if (entry.fault == fault)
            return QString::fromUtf16(entry.description);
    }
    return {};
}

} // namespace hb::security
