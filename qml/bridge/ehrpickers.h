#pragma once

#include <QObject>
#include <QVariantList>
#include <QtQml/qqml.h>

class AppContext;
class PatientController;

/// The user and encounter pickers over the current FHIR source: practitioners and their roles
/// (or a user typed as Type/id), and the open patient's encounters (or none); and the performer
/// picker of order-dispatch (practitioners, their roles and organizations, or typed as Type/id).
class EhrPickers : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by PatientController")
    Q_PROPERTY(QVariantList users READ users NOTIFY usersChanged)
    Q_PROPERTY(QVariantList performers READ performers NOTIFY performersChanged)
    Q_PROPERTY(QVariantList encounters READ encounters NOTIFY encountersChanged)
    Q_PROPERTY(QString error READ error NOTIFY errorChanged)

public:
    EhrPickers(AppContext &context, PatientController &patient, QObject *parent = nullptr);

    [[nodiscard]] QVariantList users() const { return m_users; }
    [[nodiscard]] QVariantList encounters() const { return m_encounters; }
    /// {reference, label}: Practitioner/x, PractitionerRole/y and Organization/z rows.
    [[nodiscard]] QVariantList performers() const { return m_performers; }
    [[nodiscard]] QString error() const { return m_error; }

    Q_INVOKABLE void searchUsers(const QString &name);
    Q_INVOKABLE void loadEncounters();
    /// Acts as `reference` (from the list or typed); false with `error` when it is not Type/id.
    Q_INVOKABLE bool useUser(const QString &reference);
    Q_INVOKABLE void useEncounter(const QString &encounterId);
    /// Practitioners (with their roles) and organizations whose name matches `name`.
    Q_INVOKABLE void searchPerformers(const QString &name);

Q_SIGNALS:
    void usersChanged();
    void encountersChanged();
    void performersChanged();
    void errorChanged();

private:
    void setError(const QString &error);

    AppContext &m_context;
    PatientController &m_patient;
    QString m_lastPatient; ///< whose encounters the list holds
    bool m_encountersWanted = false; ///< a screen showed the encounter picker
    QVariantList m_users;
    QVariantList m_performers;
    QVariantList m_encounters;
    QString m_error;
};
