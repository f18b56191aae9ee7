#include "security/keystore.h"

#include "security/keymaterial.h"
#include "security/logging.h"
#include "security/privatefile.h"
#include "storage/paths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLockFile>
#include <QRegularExpression>
#include <QSaveFile>

#include <algorithm>
#include <cerrno>
#include <cstring>

using namespace Qt::StringLiterals;

namespace hb::security {

namespace {

constexpr qsizetype MaxIndexBytes = 1024 * 1024;

QString indexPath(const QString &dir)
{
    return QDir(dir).filePath(u"index.json"_s);
}

// Kids are thumbprints (base64url), so they double as safe file names; a tampered index cannot
// point outside the folder.
bool isSafeKid(const QString &kid)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_-]{1,128}$"_s);
    return pattern.match(kid).hasMatch();
}

void setError(QString *error, const QString &message)
{
    if (error)
        *error = message;
}

} // namespace

KeyStore::KeyStore(const QString &dir)
    : m_dir(QDir::cleanPath(QDir(dir).absolutePath()))
{ }

KeyStore::Lock::Lock(const QString &dir, QString *error)
    : m_file(QDir(dir).filePath(u".lock"_s))
{
    // Every change re-reads the index under this lock, so processes that change the store at
    // the same time (parallel `keys generate`, several `jwks` creating the first key) add to
    // each other's work instead of overwriting it.
    if (!ensurePrivateDir(dir, error))
        return;
    m_file.setStaleLockTime(30000);
    errno = 0;
    if (m_file.tryLock(15000)) {
        m_locked = true;
        return;
    }
    const int osError = errno; // QLockFile names no reason for a failed write (a full disk)
    const QString reason = m_file.error() == QLockFile::LockFailedError
        ? u"another Hookbench process holds it"_s
        : m_file.error() == QLockFile::PermissionError
        ? u"permission denied"_s
        : QString::fromLocal8Bit(std::strerror(osError ? osError : EIO));
    setError(error, u"cannot lock the key store %1 (%2)"_s.arg(dir, reason));
}

KeyStore KeyStore::openDefault(QString *error)
{
    KeyStore store(hb::storage::homePath(u"keys"_s));
    QString problem;
    const Lock lock(store.m_dir, &problem);
    if (!lock.locked()) {
        // Read what is there; do not create a key without the lock.
        store.load(nullptr);
        qCWarning(lcSecurity).noquote() << "key store:" << problem;
        setError(error, problem);
        return store;
    }
    if (!store.load(&problem))
        qCWarning(lcSecurity).noquote() << "key store:" << problem;
    if (store.m_entries.isEmpty()) {
        // An unreadable index is kept aside rather than overwritten: the key files it listed stay
        // on disk and can be imported again.
        const QString index = indexPath(store.m_dir);
        if (!problem.isEmpty() && QFile::exists(index)) {
            const QString aside = index + u".unreadable-"_s
                + QDateTime::currentDateTimeUtc().toString(u"yyyyMMddHHmmss"_s);
            QFile::rename(index, aside);
            qCWarning(lcSecurity).noquote() << "kept the unreadable key index as" << aside;
        }
        QString generateError;
        ossl::PKeyPtr key = keys::generate(KeyAlgorithm::ES384, &generateError);
        if (!key
            || store.addLocked(std::move(key), KeyAlgorithm::ES384, &generateError).isEmpty()) {
            qCWarning(lcSecurity).noquote() << "could not create the first key:" << generateError;
            problem = generateError;
        }
    }
    setError(error, problem);
    return store;
}

bool KeyStore::load(QString *error)
{
    m_entries.clear();
    m_active.clear();
    QFile file(indexPath(m_dir));
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly) || file.size() > MaxIndexBytes) {
        setError(error, u"cannot read key index "_s + file.fileName());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        setError(error,
                 u"key index %1 is not a JSON object: %2"_s.arg(file.fileName(),
                                                                parseError.errorString()));
        return false;
    }
    QStringList problems;
    const QJsonArray list = doc.object().value(u"keys"_s).toArray();
    for (const QJsonValue &value : list) {
        const QJsonObject item = value.toObject();
        const QString kid = item.value(u"kid"_s).toString();
        const auto algorithm = algorithmFromName(item.value(u"alg"_s).toString());
        if (!isSafeKid(kid) || !algorithm || find(kid)) {
            problems << u"skipped an index entry with a bad or duplicate kid/alg"_s;
            continue;
        }
        const QString path = QDir(m_dir).filePath(kid + u".pem"_s);
        QFile pemFile(path);
        if (!pemFile.open(QIODevice::ReadOnly) || pemFile.size() > keys::MaxPemBytes) {
            problems << u"key %1: cannot read %2"_s.arg(kid, path);
            continue;
        }
        if (pemFile.permissions()
            & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther)) {
            qCWarning(lcSecurity).noquote()
                << "key file was readable by others; restricting to 0600:" << path;
            pemFile.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        }
        QString keyError;
        ossl::PKeyPtr key = keys::fromPrivatePem(pemFile.readAll(), &keyError);
        const auto actual = key ? keys::algorithmOf(key.get(), &keyError) : std::nullopt;
        if (!actual || *actual != *algorithm) {
            problems << u"key %1: %2"_s.arg(kid,
                                            keyError.isEmpty() ? u"wrong algorithm"_s : keyError);
            continue;
        }
        Entry entry;
        entry.info = {kid, *algorithm,
                      QDateTime::fromString(item.value(u"created"_s).toString(), Qt::ISODate),
                      false, path};
        entry.jwk = keys::publicJwk(key.get());
        entry.key = ossl::share(std::move(key));
        m_entries.append(entry);
    }
    const QString active = doc.object().value(u"active"_s).toString();
    m_active
        = find(active) ? active : (m_entries.isEmpty() ? QString() : m_entries.last().info.kid);
    if (!problems.isEmpty()) {
        setError(error, problems.join(u"; "_s));
        return false;
    }
    return true;
}

QString KeyStore::generate(KeyAlgorithm algorithm, QString *error)
{
    ossl::PKeyPtr key = keys::generate(algorithm, error);
    if (!key)
        return {};
    const QString kid = add(std::move(key), algorithm, error);
    if (!kid.isEmpty())
        qCInfo(lcSecurity).noquote() << "generated" << algorithmName(algorithm) << "key" << kid;
    return kid;
}

QString KeyStore::rotate(KeyAlgorithm algorithm, QString *error)
{
    const QString previous = m_active;
    const QString kid = generate(algorithm, error);
    if (!kid.isEmpty())
        qCInfo(lcSecurity).noquote() << "rotated signing key from" << previous << "to" << kid
                                     << "(the old key stays published until removed)";
    return kid;
}

bool KeyStore::remove(const QString &kid, QString *error)
{
    const Lock lock(m_dir, error);
    if (!lock.locked() || !reloadForChange(error))
        return false;
    const auto it = std::find_if(m_entries.begin(), m_entries.end(),
                                 [&](const Entry &e) { return e.info.kid == kid; });
    if (it == m_entries.end()) {
        setError(error, u"no key with kid '%1'"_s.arg(kid));
        return false;
    }
    if (kid == m_active) {
        setError(error, u"key %1 is the active signing key: rotate to a new key first"_s.arg(kid));
        return false;
    }
    const QString path = it->info.fileName;
    m_entries.erase(it);
    if (!saveIndex(error))
        return false;
    if (QFile::exists(path) && !QFile::remove(path)) {
        setError(error, u"removed from the index but could not delete "_s + path);
        return false;
    }
    qCInfo(lcSecurity).noquote() << "removed key" << kid;
    return true;
}

bool KeyStore::importPem(const QByteArray &pem, QString *error, QString *kid)
{
    ossl::PKeyPtr key = keys::fromPrivatePem(pem, error);
    if (!key)
        return false;
    const auto algorithm = keys::algorithmOf(key.get(), error);
    if (!algorithm)
        return false;
    const QString newKid = add(std::move(key), *algorithm, error);
    if (kid)
        *kid = newKid;
    if (!newKid.isEmpty())
        qCInfo(lcSecurity).noquote() << "imported" << algorithmName(*algorithm) << "key" << newKid;
    return !newKid.isEmpty();
}

bool KeyStore::setActive(const QString &kid, QString *error)
{
    const Lock lock(m_dir, error);
    if (!lock.locked() || !reloadForChange(error))
        return false;
    if (!find(kid)) {
        setError(error, u"no key with kid '%1'"_s.arg(kid));
        return false;
    }
    const QString previous = m_active;
    m_active = kid;
    if (saveIndex(error))
        return true;
    m_active = previous;
    return false;
}

QList<KeyInfo> KeyStore::keys() const
{
    QList<KeyInfo> result;
    for (const Entry &entry : m_entries) {
        KeyInfo info = entry.info;
        info.active = info.kid == m_active;
        result.append(info);
    }
    return result;
}

QString KeyStore::kidFor(KeyAlgorithm algorithm) const
{
    if (const Entry *active = find(m_active); active && active->info.algorithm == algorithm)
        return m_active;
    for (auto it = m_entries.crbegin(); it != m_entries.crend(); ++it) {
        if (it->info.algorithm == algorithm)
            return it->info.kid;
    }
    return {};
}

QJsonObject KeyStore::publicJwks() const
{
    QJsonArray list;
    for (const Entry &entry : m_entries)
        list.append(publicJwk(entry.info.kid));
    return {{u"keys"_s, list}};
}

QJsonObject KeyStore::publicJwk(const QString &kid) const
{
    const Entry *entry = find(kid);
    if (!entry)
        return {};
    QJsonObject jwk = entry->jwk;
    jwk.insert(u"kid"_s, kid);
    jwk.insert(u"alg"_s, algorithmName(entry->info.algorithm));
    jwk.insert(u"use"_s, u"sig"_s);
    return jwk;
}

ossl::SharedPKey KeyStore::privateKey(const QString &kid) const
{
    const Entry *entry = find(kid);
    return entry ? entry->key : nullptr;
}

QString KeyStore::add(ossl::PKeyPtr key, KeyAlgorithm algorithm, QString *error)
{
    const Lock lock(m_dir, error);
    if (!lock.locked() || !reloadForChange(error))
        return {};
    return addLocked(std::move(key), algorithm, error);
}

bool KeyStore::reloadForChange(QString *error)
{
    // Another process may have changed the store since this one loaded it. Entries that cannot
    // be read are a reason to stop: saving without them would drop them from the index.
    QString problem;
    if (!load(&problem) && QFile::exists(indexPath(m_dir))) {
        setError(error, u"the key store must be readable before it is changed: "_s + problem);
        return false;
    }
    return true;
}

QString KeyStore::addLocked(ossl::PKeyPtr key, KeyAlgorithm algorithm, QString *error)
{
    Entry entry;
    entry.jwk = keys::publicJwk(key.get());
    const QString kid = keys::thumbprint(entry.jwk);
    if (find(kid)) {
        setError(error, u"key %1 is already in the store"_s.arg(kid));
        return {};
    }
    const QByteArray pem = keys::toPrivatePem(key.get(), error);
    if (pem.isEmpty() || !ensurePrivateDir(m_dir, error))
        return {};
    const QString path = QDir(m_dir).filePath(kid + u".pem"_s);
    if (!writePrivateFile(path, pem, error))
        return {};
    entry.info = {kid, algorithm, QDateTime::currentDateTimeUtc(), false, path};
    entry.key = ossl::share(std::move(key));
    m_entries.append(entry);
    const QString previous = m_active;
    m_active = kid;
    if (!saveIndex(error)) {
        m_entries.removeLast();
        m_active = previous;
        QFile::remove(path);
        return {};
    }
    return kid;
}

bool KeyStore::saveIndex(QString *error) const
{
    QJsonArray list;
    for (const Entry &entry : m_entries) {
        list.append(QJsonObject {
            {u"kid"_s, entry.info.kid},
            {u"alg"_s, algorithmName(entry.info.algorithm)},
            {u"created"_s, entry.info.created.toUTC().toString(Qt::ISODate)},
        });
    }
    const QJsonObject root {{u"active"_s, m_active}, {u"keys"_s, list}};
    const QByteArray bytes = QJsonDocument(root).toJson();
    if (!ensurePrivateDir(m_dir, error))
        return false;
    // Unbuffered: Qt 6.4's QSaveFile notices a failed write() but not a failed flush of its
    // buffer at commit(), and then renamed an empty file over the index on a full disk.
    QSaveFile file(indexPath(m_dir));
    if (!file.open(QIODevice::WriteOnly | QIODevice::Unbuffered)
        || file.write(bytes) != bytes.size() || !file.commit()) {
        setError(error,
                 u"cannot write key index %1: %2"_s.arg(file.fileName(), file.errorString()));
        file.cancelWriting();
        return false;
    }
    return true;
}

const KeyStore::Entry *KeyStore::find(const QString &kid) const
{
    for (const Entry &entry : m_entries) {
        if (entry.info.kid == kid)
            return &entry;
    }
    return nullptr;
}

} // namespace hb::security
