#pragma once

#include <QHash>
#include <QString>

namespace hb::security {

/// Remembers jti values until their token expires, to detect replays (C10: keep seen
/// jtis for the maximum token lifetime). Bounded: the oldest-expiring entries go first.
class JtiCache
{
public:
    explicit JtiCache(qsizetype capacity = 100000);

    /// True if `jti` was remembered and has not expired by `now` (seconds since the epoch).
    [[nodiscard]] bool contains(const QString &jti, qint64 now) const;
    /// Remembers `jti` until `expiresAt`; drops expired entries first.
    void remember(const QString &jti, qint64 expiresAt, qint64 now);
    [[nodiscard]] qsizetype size() const { return m_seen.size(); }
    void clear() { m_seen.clear(); }

private:
    QHash<QString, qint64> m_seen; // jti -> expiry
    qsizetype m_capacity;
};

} // namespace hb::security
