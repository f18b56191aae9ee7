#include "security/clientjwt.h"

#include "security/base64url.h"
#include "security/keymaterial.h"
#include "security/logging.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace hb::security {

namespace {

// Far enough from "now" that no verifier's clock-skew leeway (usually <= 5 minutes) hides it.
constexpr qint64 FaultOffsetSeconds = 3600;

QByteArray encodeSegment(const QJsonObject &object)
{
    return base64UrlEncode(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

QString freshJti()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces); // random, version 4
}

} // namespace

ClientJwtSigner::ClientJwtSigner(const KeyStore &store, ClientJwtOptions options)
    : m_store(&store)
    , m_options(std::move(options))
{ }

ClientJwtSigner::Signed ClientJwtSigner::sign(const QString &audienceUrl, JwtFault fault)
{
    Signed result;
    result.faultLabel = faultName(fault);
    if (fault == JwtFault::NoAuthorizationHeader) {
        result.detail = faultDescription(fault);
        return result;
    }
    const QString kid
        = m_options.algorithm ? m_store->kidFor(*m_options.algorithm) : m_store->activeKid();
    const ossl::SharedPKey key = m_store->privateKey(kid);
    const auto algorithm = algorithmFromName(m_store->publicJwk(kid).value(u"alg"_s).toString());
    if (!key || !algorithm) {
        result.error = m_options.algorithm ? u"no %1 key in %2: generate one first"_s.arg(
                           algorithmName(*m_options.algorithm), m_store->dir())
                                           : u"no signing key in "_s + m_store->dir();
        return result;
    }

    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const int lifetime = qMax(1, m_options.lifetimeSeconds);
    QString jti = freshJti();
    QJsonObject header {
        {u"alg"_s, algorithmName(*algorithm)}, {u"typ"_s, u"JWT"_s}, {u"kid"_s, kid}};
    if (m_options.jku.isValid() && !m_options.jku.isEmpty())
        header.insert(u"jku"_s, m_options.jku.toString(QUrl::FullyEncoded));
    QJsonObject claims {
        {u"iss"_s,
         m_options.issuer.isEmpty() ? QString::fromUtf16(DefaultIssuer) : m_options.issuer},
        {u"aud"_s, audienceUrl},
        {u"iat"_s, now},
        {u"exp"_s, now + lifetime},
    };
    if (!m_options.tenant.isEmpty())
        claims.insert(u"tenant"_s, m_options.tenant);
    if (!m_options.subject.isEmpty())
        claims.insert(u"sub"_s, m_options.subject);
    result.detail = faultDescription(fault);

    switch (fault) {
    case JwtFault::Expired:
        claims[u"exp"_s] = now - FaultOffsetSeconds;
        claims[u"iat"_s] = now - FaultOffsetSeconds - lifetime;
        break;
    case JwtFault::NotYetValid:
        claims[u"iat"_s] = now + FaultOffsetSeconds;
        claims[u"nbf"_s] = now + FaultOffsetSeconds;
        claims[u"exp"_s] = now + FaultOffsetSeconds + lifetime;
        break;
    case JwtFault::WrongAudience:
        claims[u"aud"_s] = u"https://wrong-audience.hookbench.invalid/cds-services"_s;
        break;
    case JwtFault::WrongIssuer:
        claims[u"iss"_s] = u"https://wrong-issuer.hookbench.invalid"_s;
        break;
    case JwtFault::UnknownKid:
        header[u"kid"_s]
            = QString::fromLatin1(base64UrlEncode(keys::sha256(freshJti().toLatin1())));
        break;
    case JwtFault::AlgNone:
        header[u"alg"_s] = u"none"_s;
        break;
    case JwtFault::Hs256WithPublicKey:
        header[u"alg"_s] = u"HS256"_s;
        break;
    case JwtFault::ReusedJti:
        if (m_lastJti.isEmpty())
            result.detail = u"no earlier token from this signer: jti %1 is new, the next "
                            u"reused-jti token repeats it"_s.arg(jti);
        else
            jti = m_lastJti;
        break;
    default:
        break;
    }
    claims.insert(u"jti"_s, jti);
    m_lastJti = jti;

    const QByteArray signingInput = encodeSegment(header) + '.' + encodeSegment(claims);
    QByteArray signature;
    if (fault == JwtFault::AlgNone) {
        // RFC 7519 §6.1: an unsecured JWT has an empty signature.
    } else if (fault == JwtFault::Hs256WithPublicKey) {
        signature = keys::hmacSha256(keys::toPublicPem(key.get()), signingInput);
    } else {
        signature = keys::sign(key.get(), *algorithm, signingInput, &result.error);
        if (signature.isEmpty())
            return result;
        if (fault == JwtFault::BadSignature)
            signature[signature.size() / 2]
                = static_cast<char>(signature.at(signature.size() / 2) ^ 0x01);
    }
    result.header = header;
    result.claims = claims;
    result.token = signingInput + '.' + base64UrlEncode(signature);
    // Never log the token itself (C10); iss/jti/aud are fine.
    qCDebug(lcSecurity).noquote() << "signed client JWT kid" << header.value(u"kid"_s).toString()
                                  << "jti" << jti << "aud" << claims.value(u"aud"_s).toString()
                                  << "fault" << result.faultLabel;
    return result;
}

} // namespace hb::security
