#include "servers/auditlog.h"

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {
constexpr qsizetype maxEntries = 10000; // oldest entries go first; an audit must not grow forever
}

QJsonObject AuditEntry::toJson() const
{
    QJsonObject json {{u"time"_s, time.toString(Qt::ISODateWithMs)},
                      {u"subject"_s, subject},
                      {u"method"_s, method},
                      {u"url"_s, url},
                      {u"status"_s, status},
                      {u"outcome"_s, outcome}};
    if (!scope.isEmpty())
        json.insert(u"scope"_s, scope);
    if (!patient.isEmpty())
        json.insert(u"patient"_s, patient);
    return json;
}

AuditLog::AuditLog(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<hb::servers::AuditEntry>();
}

void AuditLog::append(AuditEntry entry)
{
    if (!entry.time.isValid())
        entry.time = QDateTime::currentDateTimeUtc();
    {
        QMutexLocker lock(&m_mutex);
        m_entries.append(entry);
        if (m_entries.size() > maxEntries)
            m_entries.removeFirst();
    }
    Q_EMIT entryAdded(entry);
}

QList<AuditEntry> AuditLog::entries() const
{
    QMutexLocker lock(&m_mutex);
    return m_entries;
}

void AuditLog::clear()
{
    QMutexLocker lock(&m_mutex);
    m_entries.clear();
}

} // namespace hb::servers
