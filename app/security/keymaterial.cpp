#include "security/keymaterial.h"

#include "security/base64url.h"

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/pem.h>

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::security {

QString algorithmName(KeyAlgorithm algorithm)
{
    return algorithm == KeyAlgorithm::RS384 ? u"RS384"_s : u"ES384"_s;
}

std::optional<KeyAlgorithm> algorithmFromName(QStringView name)
{
    if (name == u"ES384")
        return KeyAlgorithm::ES384;
    if (name == u"RS384")
        return KeyAlgorithm::RS384;
    return std::nullopt;
}

QString ossl::lastError()
{
    const unsigned long code = ERR_get_error();
    ERR_clear_error();
    if (code == 0)
        return u"unknown OpenSSL error"_s;
    char buffer[256] = {};
    ERR_error_string_n(code, buffer, sizeof buffer);
    return QString::fromLatin1(buffer);
}

namespace keys {

namespace {

constexpr int P384Bytes = 48;
constexpr int RsaBits = 3072;
constexpr int MinRsaBits = 2048;

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

QByteArray bioContents(BIO *bio)
{
    char *data = nullptr;
    const long size = BIO_get_mem_data(bio, &data);
    return size > 0 ? QByteArray(data, static_cast<qsizetype>(size)) : QByteArray();
}

QByteArray bnParam(EVP_PKEY *key, const char *name, int width = 0)
{
    BIGNUM *raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, name, &raw) != 1)
        return {};
    ossl::BigNumPtr bn(raw);
    QByteArray out(BN_num_bytes(bn.get()), '\0');
    BN_bn2bin(bn.get(), reinterpret_cast<unsigned char *>(out.data()));
    return leftPad(out, width);
}

QString groupName(EVP_PKEY *key)
{
    char name[64] = {};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, name, sizeof name, &length)
        != 1)
        return {};
    return QString::fromLatin1(name, static_cast<qsizetype>(length));
}

std::optional<QByteArray> jwkBytes(const QJsonObject &jwk, const QString &member)
{
    const QJsonValue value = jwk.value(member);
    if (!value.isString())
        return std::nullopt;
    return base64UrlDecode(value.toString().toLatin1());
}

const unsigned char *bytes(QByteArrayView view)
{
    return reinterpret_cast<const unsigned char *>(view.data());
}

} // namespace

ossl::PKeyPtr generate(KeyAlgorithm algorithm, QString *error)
{
    EVP_PKEY *key = algorithm == KeyAlgorithm::ES384
        ? EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-384")
        : EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(RsaBits));
    if (!key)
        setError(error, u"key generation failed: "_s + ossl::lastError());
    return ossl::PKeyPtr(key);
}

ossl::PKeyPtr fromPrivatePem(const QByteArray &pem, QString *error)
{
    if (pem.size() > MaxPemBytes) {
        setError(error, u"PEM is larger than 64 KiB"_s);
        return {};
    }
    ossl::BioPtr bio(BIO_new_mem_buf(pem.constData(), static_cast<int>(pem.size())));
    // A password callback that refuses: OpenSSL must never prompt on the terminal.
    pem_password_cb *noPassword = [](char *, int, int, void *) { return -1; };
    ossl::PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassword, nullptr));
    if (!key) {
        ERR_clear_error();
        setError(error,
                 u"not an unencrypted private key PEM (expected BEGIN PRIVATE KEY, "
                 u"BEGIN EC PRIVATE KEY or BEGIN RSA PRIVATE KEY)"_s);
    }
    return key;
}

QByteArray toPrivatePem(EVP_PKEY *key, QString *error)
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1) {
        setError(error, u"could not encode the private key: "_s + ossl::lastError());
        return {};
    }
    return bioContents(bio.get());
}

QByteArray toPublicPem(EVP_PKEY *key)
{
    ossl::BioPtr bio(BIO_new(BIO_s_mem()));
    if (PEM_write_bio_PUBKEY(bio.get(), key) != 1)
        return {};
    return bioContents(bio.get());
}

std::optional<KeyAlgorithm> algorithmOf(EVP_PKEY *key, QString *error)
{
    if (EVP_PKEY_is_a(key, "EC")) {
        const QString group = groupName(key);
        if (group == u"secp384r1" || group == u"P-384")
            return KeyAlgorithm::ES384;
        setError(error, u"EC key on curve %1: only P-384 (ES384) is supported"_s.arg(group));
        return std::nullopt;
    }
    if (EVP_PKEY_is_a(key, "RSA")) {
        const int bits = EVP_PKEY_get_bits(key);
        if (bits >= MinRsaBits)
            return KeyAlgorithm::RS384;
        setError(error, u"RSA key of %1 bits: at least 2048 are required"_s.arg(bits));
        return std::nullopt;
    }
    setError(error, u"unsupported key type: only EC P-384 and RSA keys can sign client JWTs"_s);
    return std::nullopt;
}

QJsonObject publicJwk(EVP_PKEY *key)
{
    auto text = [](const QByteArray &b) { return QString::fromLatin1(base64UrlEncode(b)); };
    if (EVP_PKEY_is_a(key, "EC")) {
        return {{u"kty"_s, u"EC"_s},
                {u"crv"_s, u"P-384"_s},
                {u"x"_s, text(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_X, P384Bytes))},
                {u"y"_s, text(bnParam(key, OSSL_PKEY_PARAM_EC_PUB_Y, P384Bytes))}};
    }
    return {{u"kty"_s, u"RSA"_s},
            {u"n"_s, text(bnParam(key, OSSL_PKEY_PARAM_RSA_N))},
            {u"e"_s, text(bnParam(key, OSSL_PKEY_PARAM_RSA_E))}};
}

QString thumbprint(const QJsonObject &jwk)
{
    // RFC 7638 §3: required members only, lexicographic order, no whitespace.
    const QStringList members = jwk.value(u"kty"_s).toString() == u"EC"
        ? QStringList {u"crv"_s, u"kty"_s, u"x"_s, u"y"_s}
        : QStringList {u"e"_s, u"kty"_s, u"n"_s};
    QByteArray canonical = "{";
    for (const QString &member : members) {
        if (canonical.size() > 1)
            canonical += ',';
        canonical
            += '"' + member.toLatin1() + "\":\"" + jwk.value(member).toString().toLatin1() + '"';
    }
    canonical += '}';
    return QString::fromLatin1(base64UrlEncode(sha256(canonical)));
}

ossl::PKeyPtr fromPublicJwk(const QJsonObject &jwk, QString *error)
{
    const QString kty = jwk.value(u"kty"_s).toString();
    ossl::ParamBldPtr builder(OSSL_PARAM_BLD_new());
    ossl::BigNumPtr n, e;
    QByteArray point;
    const char *type = nullptr;
    if (kty == u"EC") {
        if (jwk.value(u"crv"_s).toString() != u"P-384") {
            setError(error, u"EC JWK curve is not P-384"_s);
            return {};
        }
        const auto x = jwkBytes(jwk, u"x"_s);
        const auto y = jwkBytes(jwk, u"y"_s);
        if (!x || !y || x->size() != P384Bytes || y->size() != P384Bytes) {
            setError(error, u"EC JWK x/y are not 48-byte base64url values"_s);
            return {};
        }
        point = QByteArray(1, '\x04') + *x + *y;
        type = "EC";
        OSSL_PARAM_BLD_push_utf8_string(builder.get(), OSSL_PKEY_PARAM_GROUP_NAME, "P-384", 0);
        OSSL_PARAM_BLD_push_octet_string(builder.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(),
                                         static_cast<size_t>(point.size()));
    } else if (kty == u"RSA") {
        const auto nBytes = jwkBytes(jwk, u"n"_s);
        const auto eBytes = jwkBytes(jwk, u"e"_s);
        if (!nBytes || !eBytes || nBytes->isEmpty() || eBytes->isEmpty()) {
            setError(error, u"RSA JWK n/e are missing or not base64url"_s);
            return {};
        }
        n.reset(BN_bin2bn(bytes(*nBytes), static_cast<int>(nBytes->size()), nullptr));
        e.reset(BN_bin2bn(bytes(*eBytes), static_cast<int>(eBytes->size()), nullptr));
        type = "RSA";
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get());
        OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get());
    } else {
        setError(error, u"JWK kty '%1' is not EC or RSA"_s.arg(kty));
        return {};
    }
    ossl::ParamPtr params(OSSL_PARAM_BLD_to_param(builder.get()));
    ossl::PKeyCtxPtr ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr));
    EVP_PKEY *raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1
        || EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) != 1) {
        setError(error, u"JWK is not a valid public key: "_s + ossl::lastError());
        return {};
    }
    return ossl::PKeyPtr(raw);
}

QByteArray sign(EVP_PKEY *key, KeyAlgorithm algorithm, QByteArrayView data, QString *error)
{
    ossl::MdCtxPtr md(EVP_MD_CTX_new());
    size_t length = 0;
    if (!md || EVP_DigestSignInit(md.get(), nullptr, EVP_sha384(), nullptr, key) != 1
        || EVP_DigestSign(md.get(), nullptr, &length, bytes(data), static_cast<size_t>(data.size()))
            != 1) {
        setError(error, u"signing failed: "_s + ossl::lastError());
        return {};
    }
    QByteArray der(static_cast<qsizetype>(length), '\0');
    if (EVP_DigestSign(md.get(), reinterpret_cast<unsigned char *>(der.data()), &length,
                       bytes(data), static_cast<size_t>(data.size()))
        != 1) {
        setError(error, u"signing failed: "_s + ossl::lastError());
        return {};
    }
    der.resize(static_cast<qsizetype>(length));
    if (algorithm == KeyAlgorithm::RS384)
        return der;
    // JOSE (RFC 7518 §3.4) wants the raw 48-byte r and s, not OpenSSL's DER SEQUENCE.
    const unsigned char *cursor = bytes(der);
    ossl::EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &cursor, static_cast<long>(der.size())));
    if (!sig) {
        setError(error, u"could not decode the ECDSA signature"_s);
        return {};
    }
    QByteArray raw(2 * P384Bytes, '\0');
    auto *out = reinterpret_cast<unsigned char *>(raw.data());
    BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), out, P384Bytes);
    BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), out + P384Bytes, P384Bytes);
    return raw;
}

bool verify(EVP_PKEY *key, KeyAlgorithm algorithm, QByteArrayView data, QByteArrayView signature,
            QString *error)
{
    QByteArray der;
    if (algorithm == KeyAlgorithm::ES384) {
        if (signature.size() != 2 * P384Bytes) {
            setError(
                error,
                u"ES384 signature is %1 bytes, expected 96 (raw r||s)"_s.arg(signature.size()));
            return false;
        }
        ossl::EcdsaSigPtr sig(ECDSA_SIG_new());
        BIGNUM *r = BN_bin2bn(bytes(signature), P384Bytes, nullptr);
        BIGNUM *s = BN_bin2bn(bytes(signature) + P384Bytes, P384Bytes, nullptr);
        ECDSA_SIG_set0(sig.get(), r, s); // takes ownership of r and s
        unsigned char *encoded = nullptr;
        const int length = i2d_ECDSA_SIG(sig.get(), &encoded);
        if (length <= 0) {
            setError(error, u"could not encode the ECDSA signature"_s);
            return false;
        }
        der = QByteArray(reinterpret_cast<const char *>(encoded), length);
        OPENSSL_free(encoded);
    } else {
        der = signature.toByteArray();
    }
    ossl::MdCtxPtr md(EVP_MD_CTX_new());
    const bool ok = md && EVP_DigestVerifyInit(md.get(), nullptr, EVP_sha384(), nullptr, key) == 1
        && EVP_DigestVerify(md.get(), bytes(der), static_cast<size_t>(der.size()), bytes(data),
                            static_cast<size_t>(data.size()))
            == 1;
    ERR_clear_error();
    if (!ok)
        setError(error, u"signature does not match the key"_s);
    return ok;
}

QByteArray hmacSha256(QByteArrayView secret, QByteArrayView data)
{
    QByteArray out(EVP_MAX_MD_SIZE, '\0');
    size_t length = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, secret.data(),
                   static_cast<size_t>(secret.size()), bytes(data),
                   static_cast<size_t>(data.size()), reinterpret_cast<unsigned char *>(out.data()),
                   static_cast<size_t>(out.size()), &length))
        return {};
    out.resize(static_cast<qsizetype>(length));
    return out;
}

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(EVP_MAX_MD_SIZE, '\0');
    unsigned int length = 0;
    EVP_Digest(data.data(), static_cast<size_t>(data.size()),
               reinterpret_cast<unsigned char *>(out.data()), &length, EVP_sha256(), nullptr);
    out.resize(static_cast<qsizetype>(length));
    return out;
}

} // namespace keys
} // namespace hb::security
