#pragma once

#include "security/keyalgorithm.h"
#include "security/opensslptr.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QLockFile>
#include <QString>

namespace hb::security {

/// What may be shown about a stored key (nothing secret).
struct KeyInfo
{
    QString kid; ///< RFC 7638 thumbprint, base64url; unique within the store
    KeyAlgorithm algorithm = KeyAlgorithm::ES384;
    QDateTime created; ///< UTC
    bool active = false; ///< the key new client JWTs are signed with
    QString fileName; ///< absolute path of the private key PEM (mode 0600)
};

/// The client's signing keys: private keys as PEM files (mode 0600) plus a JSON index, in one
/// folder. Several keys may exist; one is active. Rotation adds a key and makes it active while
/// the old ones stay published in the JWKS until removed, so tokens in flight keep verifying.
/// A value type: copies share the loaded keys. Safe across processes: every change takes the
/// folder's lock file and re-reads the index first; a failed write fails the change with the OS
/// reason and leaves the previous index in place.
class KeyStore
{
public:
    explicit KeyStore(const QString &dir);

    /// The store under $HOOKBENCH_HOME/keys, loaded; generates one ES384 key on first use.
    /// Problems are reported through `error` (and logged) but a usable store is always returned.
    static KeyStore openDefault(QString *error = nullptr);

    /// Reads the index and every key file. Keys that cannot be read are skipped (error says which);
    /// returns false then. A missing index is an empty store, not an error.
    bool load(QString *error);
    /// Creates a key (ES384: P-384, RS384: 3072-bit RSA); it becomes active. Returns its kid or
    /// an empty string on failure.
    QString generate(KeyAlgorithm algorithm, QString *error);
    /// Key rotation: a new active key; older keys stay published until remove().
    QString rotate(KeyAlgorithm algorithm, QString *error);
    /// Deletes a key and its file. The active key cannot be removed (rotate first).
    bool remove(const QString &kid, QString *error);
    /// Imports an unencrypted private key PEM (EC P-384 or RSA >= 2048 bits); the kid is its
    /// thumbprint. The imported key becomes active. `kid` receives the new key's id.
    bool importPem(const QByteArray &pem, QString *error, QString *kid = nullptr);
    /// Makes an existing key the active one.
    bool setActive(const QString &kid, QString *error);

    [[nodiscard]] QString dir() const { return m_dir; }
    [[nodiscard]] QString activeKid() const { return m_active; }
    [[nodiscard]] QList<KeyInfo> keys() const;
    /// The newest key of that algorithm, preferring the active one; empty if there is none.
    [[nodiscard]] QString kidFor(KeyAlgorithm algorithm) const;
    /// {"keys":[...]}: public JWKs (RFC 7517/7518) with kid, alg and use=sig. Never contains "d".
    [[nodiscard]] QJsonObject publicJwks() const;
    /// One public JWK with kid/alg/use, or an empty object.
    [[nodiscard]] QJsonObject publicJwk(const QString &kid) const;

    /// The loaded private key for signing (ClientJwtSigner); null if unknown. Never log it.
    [[nodiscard]] ossl::SharedPKey privateKey(const QString &kid) const;

private:
    struct Entry
    {
        KeyInfo info;
        ossl::SharedPKey key;
        QJsonObject jwk;
    };

    /// The store's lock file (`.lock` in the folder), held for one change.
    class Lock
    {
    public:
        Lock(const QString &dir, QString *error);
        [[nodiscard]] bool locked() const { return m_locked; }

    private:
        QLockFile m_file;
        bool m_locked = false;
    };

    QString add(ossl::PKeyPtr key, KeyAlgorithm algorithm, QString *error);
    QString addLocked(ossl::PKeyPtr key, KeyAlgorithm algorithm, QString *error);
    bool reloadForChange(QString *error);
    bool saveIndex(QString *error) const;
    const Entry *find(const QString &kid) const;

    QString m_dir;
    QList<Entry> m_entries;
    QString m_active;
};

} // namespace hb::security
