#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QString>

namespace hb::servers {

/// One request to the embedded FHIR server, as the access audit records it.
struct AuditEntry
{
    QDateTime time; ///< UTC
    QString subject; ///< the token's subject (a CDS service's client id, an app's client id),
                     ///< "anonymous" without a token
    QString method; ///< GET, POST, ...
    QString url; ///< the absolute URL that was requested
    QString scope; ///< the scope that allowed it; empty when refused
    QString patient; ///< the token's patient, if any
    int status = 0; ///< the HTTP status sent
    QString outcome; ///< "allowed" or why it was refused ("missing token", "out of scope: ...")

    [[nodiscard]] QJsonObject toJson() const;
};

/// The access audit: append from any thread; each entry is also announced by `entryAdded`
/// (delivered queued to receivers in other threads, such as the GUI's log panel).
class AuditLog : public QObject
{
    Q_OBJECT

public:
    explicit AuditLog(QObject *parent = nullptr);

    void append(AuditEntry entry);
    [[nodiscard]] QList<AuditEntry> entries() const;
    void clear();

Q_SIGNALS:
    void entryAdded(const hb::servers::AuditEntry &entry);

private:
    mutable QMutex m_mutex;
    QList<AuditEntry> m_entries;
};

} // namespace hb::servers

Q_DECLARE_METATYPE(hb::servers::AuditEntry)
