#pragma once

// The client key a loopback test signs its calls with: a key folder of the test's own (removed
// with it) holding one ES384 key, made once in initTestCase. For tests that link hb_security;
// the servers' side of the fixture is loopbackfixture.h.
#include "security/keystore.h"

#include <QTemporaryDir>

#include <optional>

class ClientKeys
{
public:
    /// Makes the folder and its key; false with `error` when either fails.
    bool generate(QString *error)
    {
        m_store.emplace(m_folder.path());
        return !m_store->generate(hb::security::KeyAlgorithm::ES384, error).isEmpty();
    }

    /// The store after generate(), for a ClientJwtSigner.
    hb::security::KeyStore &store() { return *m_store; }

private:
    QTemporaryDir m_folder;
    std::optional<hb::security::KeyStore> m_store;
};
