#include "security/jwtinspector.h"

#include "security/base64url.h"
#include "security/keyalgorithm.h"
#include "security/keymaterial.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::security {

namespace {

constexpr qsizetype MaxTokenBytes = 64 * 1024;

std::optional<QJsonObject> decodeObject(QByteArrayView segment)
{
    const auto bytes = base64UrlDecode(segment);
    if (!bytes)
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(*bytes);
    if (!doc.isObject())
        return std::nullopt;
    return doc.object();
}

QJsonObject findKey(const QJsonObject &jwks, const QString &kid)
{
    const QJsonArray keyList = jwks.value(u"keys"_s).toArray();
    for (const QJsonValue &value : keyList) {
        if (value.toObject().value(u"kid"_s).toString() == kid)
            return value.toObject();
    }
    return {};
}

QString signatureCheck(const JwtInspection &token, const QJsonObject &jwk,
                       QByteArrayView signingInput, QByteArrayView signature, bool *passed)
{
    *passed = false;
    const QString alg = token.header.value(u"alg"_s).toString();
    if (alg == u"none")
        return signature.isEmpty() ? u"unsigned token (alg none)"_s
                                   : u"alg none with a signature attached"_s;
    if (jwk.isEmpty())
        return u"no key to verify with: kid not in the JWK Set"_s;
    QString error;
    const ossl::PKeyPtr key = keys::fromPublicJwk(jwk, &error);
    if (!key)
        return error;
    if (alg.startsWith(u"HS")) {
        const bool confusion = alg == u"HS256"
            && keys::hmacSha256(keys::toPublicPem(key.get()), signingInput) == signature;
        return confusion ? u"HMAC keyed with the public key PEM: a key-confusion attack"_s
                         : u"%1 is symmetric: no public key can verify it"_s.arg(alg);
    }
    const auto algorithm = algorithmFromName(alg);
    if (!algorithm)
        return u"alg %1 is not supported (ES384 or RS384)"_s.arg(alg);
    const QString kty = jwk.value(u"kty"_s).toString();
    const QString jwkAlg = jwk.value(u"alg"_s).toString();
    if ((*algorithm == KeyAlgorithm::ES384) != (kty == u"EC")
        || (!jwkAlg.isEmpty() && jwkAlg != alg))
        return u"key %1 is a %2 key (alg %3), the token says %4"_s.arg(
            jwk.value(u"kid"_s).toString(), kty, jwkAlg, alg);
    if (kty == u"RSA" && EVP_PKEY_get_bits(key.get()) < 2048)
        return u"RSA key %1 has only %2 bits (at least 2048 required)"_s.arg(
            jwk.value(u"kid"_s).toString(), QString::number(EVP_PKEY_get_bits(key.get())));
    *passed = keys::verify(key.get(), *algorithm, signingInput, signature, &error);
    return *passed ? u"%1 signature verified with key %2"_s.arg(alg, jwk.value(u"kid"_s).toString())
                   : error;
}

} // namespace

bool JwtInspection::valid() const
{
    return decoded && !checks.isEmpty()
        && std::all_of(checks.cbegin(), checks.cend(), [](const JwtCheck &c) { return c.passed; });
}

const JwtCheck *JwtInspection::check(const QString &name) const
{
    for (const JwtCheck &c : checks) {
        if (c.name == name)
            return &c;
    }
    return nullptr;
}

JwtInspector::JwtInspector(const QJsonObject &jwks)
    : m_jwks(jwks)
{ }

JwtInspection JwtInspector::decode(QByteArrayView token)
{
    JwtInspection result;
    token = token.trimmed();
    if (token.startsWith("Bearer ") || token.startsWith("bearer "))
        token = token.sliced(7).trimmed();
    if (token.size() > MaxTokenBytes) {
        result.error = u"token is larger than 64 KiB"_s;
        return result;
    }
    const QList<QByteArray> parts = token.toByteArray().split('.');
    if (parts.size() != 3) {
        result.error = u"a JWS has 3 dot-separated parts, this has %1"_s.arg(parts.size());
        return result;
    }
    const auto header = decodeObject(parts.at(0));
    const auto claims = decodeObject(parts.at(1));
    if (!header || !claims || !base64UrlDecode(parts.at(2))) {
        result.error = !header ? u"header is not a base64url JSON object"_s
                               : (!claims ? u"claims are not a base64url JSON object"_s
                                          : u"signature is not base64url"_s);
        return result;
    }
    result.decoded = true;
    result.header = *header;
    result.claims = *claims;
    return result;
}

JwtInspection JwtInspector::inspect(QByteArrayView token, const JwtExpectations &expect)
{
    JwtInspection result = decode(token);
    if (!result.decoded)
        return result;
    token = token.trimmed();
    if (token.startsWith("Bearer ") || token.startsWith("bearer "))
        token = token.sliced(7).trimmed();
    const qsizetype lastDot = token.lastIndexOf('.');
    const QByteArrayView signingInput = token.first(lastDot);
    const QByteArray signature = base64UrlDecode(token.sliced(lastDot + 1)).value_or(QByteArray());
    const qint64 now = expect.now > 0 ? expect.now : QDateTime::currentSecsSinceEpoch();
    const qint64 leeway = qMax(0, expect.leewaySeconds);
    auto add = [&](const QString &name, bool passed, const QString &detail) {
        result.checks.append({name, passed, detail});
    };
    const QJsonObject &h = result.header;
    const QJsonObject &c = result.claims;

    const QString typ = h.value(u"typ"_s).toString();
    add(u"typ"_s, typ == u"JWT", typ.isEmpty() ? u"typ missing"_s : u"typ \"%1\""_s.arg(typ));

    const QString alg = h.value(u"alg"_s).toString();
    const bool algOk = algorithmFromName(alg).has_value();
    add(u"alg"_s, algOk,
        algOk                       ? alg
            : alg == u"none"        ? u"alg none: unsigned tokens must be rejected"_s
            : alg.startsWith(u"HS") ? u"%1 is symmetric (HMAC): not allowed"_s.arg(alg)
            : alg.isEmpty()         ? u"alg missing"_s
                                    : u"alg %1 is not ES384 or RS384"_s.arg(alg));

    const QString kid = h.value(u"kid"_s).toString();
    const QJsonObject jwk = kid.isEmpty() ? QJsonObject() : findKey(m_jwks, kid);
    add(u"kid"_s, !jwk.isEmpty(),
        kid.isEmpty()       ? u"kid missing"_s
            : jwk.isEmpty() ? u"kid %1 not in the JWK Set"_s.arg(kid)
                            : u"kid %1 found (%2)"_s.arg(kid, jwk.value(u"kty"_s).toString()));

    bool signatureOk = false;
    const QString signatureDetail
        = signatureCheck(result, jwk, signingInput, signature, &signatureOk);
    add(u"signature"_s, signatureOk, signatureDetail);

    const QString iss = c.value(u"iss"_s).toString();
    add(u"iss"_s, !iss.isEmpty() && (expect.issuer.isEmpty() || iss == expect.issuer),
        iss.isEmpty() ? u"iss missing"_s
                      : (expect.issuer.isEmpty() || iss == expect.issuer
                             ? iss
                             : u"iss %1, expected %2"_s.arg(iss, expect.issuer)));

    const QJsonValue aud = c.value(u"aud"_s);
    QStringList audiences;
    if (aud.isString())
        audiences << aud.toString();
    for (const QJsonValue &v : aud.toArray())
        audiences << v.toString();
    const bool audOk = !audiences.isEmpty()
        && (expect.audience.isEmpty() || audiences.contains(expect.audience));
    add(u"aud"_s, audOk,
        audiences.isEmpty() ? u"aud missing"_s
            : audOk
            ? audiences.join(u", "_s)
            : u"aud %1, expected exactly %2"_s.arg(audiences.join(u", "_s), expect.audience));

    const QJsonValue exp = c.value(u"exp"_s);
    const qint64 expValue = exp.toInteger();
    add(u"exp"_s, exp.isDouble() && expValue + leeway > now,
        !exp.isDouble()               ? u"exp missing or not a number"_s
            : expValue + leeway > now ? u"expires in %1 s"_s.arg(expValue - now)
                                      : u"expired %1 s ago"_s.arg(now - expValue));

    const QJsonValue iat = c.value(u"iat"_s);
    const qint64 iatValue = iat.toInteger();
    add(u"iat"_s, iat.isDouble() && iatValue <= now + leeway,
        !iat.isDouble()                ? u"iat missing or not a number"_s
            : iatValue <= now + leeway ? u"issued %1 s ago"_s.arg(now - iatValue)
                                       : u"issued %1 s in the future"_s.arg(iatValue - now));

    if (c.contains(u"nbf"_s)) {
        const qint64 nbf = c.value(u"nbf"_s).toInteger();
        add(u"nbf"_s, c.value(u"nbf"_s).isDouble() && nbf <= now + leeway,
            nbf <= now + leeway ? u"valid since %1 s"_s.arg(now - nbf)
                                : u"not valid for another %1 s"_s.arg(nbf - now));
    }

    const QString jti = c.value(u"jti"_s).toString();
    const bool replayed = !jti.isEmpty() && m_replay.contains(jti, now);
    add(u"jti"_s, !jti.isEmpty() && !replayed,
        jti.isEmpty()  ? u"jti missing"_s
            : replayed ? u"jti %1 was already used (replay)"_s.arg(jti)
                       : jti);
    // Only a verified token may occupy the cache, or forgeries could block real jtis.
    if (signatureOk && !jti.isEmpty())
        m_replay.remember(jti, qMax(expValue, now) + leeway, now);
    return result;
}

} // namespace hb::security
