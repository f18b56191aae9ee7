#pragma once

// RAII ownership of OpenSSL objects: std::unique_ptr with the matching free function, so no
// path (early return, error) leaks a key or a context.
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>

#include <QString>

#include <memory>

namespace hb::security::ossl {

template<auto FreeFn> struct Deleter
{
    template<typename T> void operator()(T *p) const noexcept { FreeFn(p); }
};

using PKeyPtr = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY_free>>;
using PKeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, Deleter<EVP_PKEY_CTX_free>>;
using MdCtxPtr = std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using BigNumPtr = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using EcdsaSigPtr = std::unique_ptr<ECDSA_SIG, Deleter<ECDSA_SIG_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, Deleter<OSSL_PARAM_BLD_free>>;
using ParamPtr = std::unique_ptr<OSSL_PARAM, Deleter<OSSL_PARAM_free>>;
using MacPtr = std::unique_ptr<EVP_MAC, Deleter<EVP_MAC_free>>;
using MacCtxPtr = std::unique_ptr<EVP_MAC_CTX, Deleter<EVP_MAC_CTX_free>>;

/// Shared ownership for keys kept in copyable value types (KeyStore); EVP_PKEY is refcounted.
using SharedPKey = std::shared_ptr<EVP_PKEY>;
inline SharedPKey share(PKeyPtr key)
{
    return SharedPKey(key.release(), Deleter<EVP_PKEY_free>());
}

/// The most recent OpenSSL error as text (and clears the queue), for error messages.
QString lastError();

} // namespace hb::security::ossl
