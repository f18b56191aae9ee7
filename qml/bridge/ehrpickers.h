#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQml/qqml.h>

/// The user and encounter pickers over the current FHIR source: practitioners and their roles
/// (or a user typed as Type/id), and the open patient's encounters (or none).
class EhrPickers : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList users READ users NOTIFY usersChanged)
    Q_PROPERTY(QVariantList encounters READ encounters NOTIFY encountersChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    explicit EhrPickers(QObject *parent = nullptr);

    [[nodiscard]] QVariantList users() const { return m_users; }
    [[nodiscard]] QVariantList encounters() const { return m_encounters; }
    [[nodiscard]] QString error() const { return m_error; }

    Q_INVOKABLE void searchUsers(const QString &name);
    Q_INVOKABLE void loadEncounters();
    /// Acts as `reference` (from the list or typed); false with `error` when it is not Type/id.
    Q_INVOKABLE bool useUser(const QString &reference);
    Q_INVOKABLE void useEncounter(const QString &encounterId);

Q_SIGNALS:
    void usersChanged();
    void encountersChanged();
    void errorChanged();

private:
    void setError(const QString &error);

    QVariantList m_users;
    QVariantList m_encounters;
    QString m_error;
};
