#include "security/jticache.h"

#include <algorithm>

namespace hb::security {

JtiCache::JtiCache(qsizetype capacity)
    : m_capacity(qMax<qsizetype>(1, capacity))
{ }

bool JtiCache::contains(const QString &jti, qint64 now) const
{
    const auto it = m_seen.constFind(jti);
    return it != m_seen.constEnd() && *it >= now;
}

void JtiCache::remember(const QString &jti, qint64 expiresAt, qint64 now)
{
    m_seen.removeIf([now](const auto &entry) { return entry.value() < now; });
    while (m_seen.size() >= m_capacity && !m_seen.contains(jti)) {
        const auto oldest = std::min_element(m_seen.cbegin(), m_seen.cend());
        m_seen.erase(oldest);
    }
    m_seen.insert(jti, qMax(expiresAt, m_seen.value(jti, expiresAt)));
}

} // namespace hb::security
