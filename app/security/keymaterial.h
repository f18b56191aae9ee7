#pragma once

// Key operations on OpenSSL 3 EVP keys: generation, PEM, JWK conversion, JOSE signatures.
// Internal to hb_security; other libraries use KeyStore, ClientJwtSigner and JwtInspector.
#include "security/keyalgorithm.h"
#include "security/opensslptr.h"

#include <QByteArray>
#include <QJsonObject>

namespace hb::security::keys {

/// Largest PEM accepted on import (a 16384-bit RSA key is ~13 KB).
inline constexpr qsizetype MaxPemBytes = 64 * 1024;

/// A fresh P-384 (ES384) or 3072-bit RSA (RS384) key pair.
[[nodiscard]] ossl::PKeyPtr generate(KeyAlgorithm algorithm, QString *error);
/// Reads an unencrypted private key PEM (PKCS#8, SEC1 or PKCS#1); never prompts for a password.
[[nodiscard]] ossl::PKeyPtr fromPrivatePem(const QByteArray &pem, QString *error);
/// PKCS#8 PEM of the private key. The result is secret: never log it.
[[nodiscard]] QByteArray toPrivatePem(EVP_PKEY *key, QString *error);
/// SubjectPublicKeyInfo PEM of the public half.
[[nodiscard]] QByteArray toPublicPem(EVP_PKEY *key);
/// ES384 for an EC P-384 key, RS384 for RSA of at least 2048 bits; nullopt (with error) otherwise.
[[nodiscard]] std::optional<KeyAlgorithm> algorithmOf(EVP_PKEY *key, QString *error);

/// Public JWK members (RFC 7518 §6): kty, crv, x, y or kty, n, e. No kid/alg/use, never "d".
[[nodiscard]] QJsonObject publicJwk(EVP_PKEY *key);
/// RFC 7638 JWK thumbprint (SHA-256, base64url) of the required public members.
[[nodiscard]] QString thumbprint(const QJsonObject &jwk);
/// A public key from a JWK (EC P-384 or RSA); rejects other curves, missing or malformed members.
[[nodiscard]] ossl::PKeyPtr fromPublicJwk(const QJsonObject &jwk, QString *error);

/// JWS signature over `data`: raw r||s (96 bytes) for ES384, PKCS#1 v1.5 for RS384.
[[nodiscard]] QByteArray sign(EVP_PKEY *key, KeyAlgorithm algorithm, QByteArrayView data,
                              QString *error);
/// Verifies a JWS signature in the form sign() produces.
[[nodiscard]] bool verify(EVP_PKEY *key, KeyAlgorithm algorithm, QByteArrayView data,
                          QByteArrayView signature, QString *error);

/// HMAC-SHA256 (used only to build the deliberate "HS256 with the public key" fault).
[[nodiscard]] QByteArray hmacSha256(QByteArrayView secret, QByteArrayView data);
/// SHA-256 digest.
[[nodiscard]] QByteArray sha256(QByteArrayView data);

} // namespace hb::security::keys
