#pragma once

#include "appcontext.h"
#include "ehrpickers.h"
#include "patientsearchmodel.h"
#include "patientsmodel.h"

#include "session/sourceuser.h"

#include <QObject>

#include <QtQml/qqml.h>
#include <functional>

class InvocationController;
class QQmlEngine;
class QJSEngine;

/// The patient context: who is open in the chart, what the chart shows, who the user is and in
/// which encounter (the pickers), the list of patients to switch to and the patient search over
/// the FHIR source. Opening a patient fires patient-view.
class PatientController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString patientId READ patientId NOTIFY patientChanged)
    Q_PROPERTY(QString patientName READ patientName NOTIFY patientChanged)
    Q_PROPERTY(QString patientDetails READ patientDetails NOTIFY patientChanged)
    Q_PROPERTY(QStringList allergies READ allergies NOTIFY patientChanged)
    Q_PROPERTY(QStringList conditions READ conditions NOTIFY patientChanged)
    Q_PROPERTY(QStringList medications READ medications NOTIFY patientChanged)
    Q_PROPERTY(QStringList observations READ observations NOTIFY patientChanged)
    Q_PROPERTY(QStringList encounters READ encounters NOTIFY patientChanged)
    Q_PROPERTY(QString encounterId READ encounterId NOTIFY patientChanged)
    Q_PROPERTY(QString userName READ userName NOTIFY patientChanged)
    Q_PROPERTY(QString fhirServer READ fhirServer NOTIFY patientChanged)
    Q_PROPERTY(PatientsModel *patients READ patients CONSTANT)
    Q_PROPERTY(PatientSearchModel *search READ search CONSTANT)
    Q_PROPERTY(EhrPickers *pickers READ pickers CONSTANT)

public:
    PatientController(AppContext &context, InvocationController &invocation,
                      QObject *parent = nullptr);
    static PatientController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] QString patientId() const { return m_context.state().patientId; }
    [[nodiscard]] QString patientName() const { return m_context.chart().summary.name; }
    [[nodiscard]] QString patientDetails() const { return m_context.chart().summary.details(); }
    [[nodiscard]] QStringList allergies() const { return m_context.chart().allergies; }
    [[nodiscard]] QStringList conditions() const { return m_context.chart().conditions; }
    [[nodiscard]] QStringList medications() const { return m_context.chart().medications; }
    [[nodiscard]] QStringList observations() const { return m_context.chart().observations; }
    [[nodiscard]] QStringList encounters() const { return m_context.chart().encounters; }
    [[nodiscard]] QString encounterId() const { return m_context.state().encounterId; }
    [[nodiscard]] QString userName() const;
    [[nodiscard]] QString fhirServer() const;
    [[nodiscard]] PatientsModel *patients() { return &m_patients; }
    [[nodiscard]] PatientSearchModel *search() { return &m_search; }
    [[nodiscard]] EhrPickers *pickers() { return &m_pickers; }

    /// Opens a patient's chart (clears cards and draft orders); an unknown id is an error card.
    /// Does not fire.
    void openChart(const QString &patientId);
    /// Opens a patient's chart and fires patient-view.
    Q_INVOKABLE void selectPatient(const QString &patientId);
    /// The first patient of the list (the launch default).
    [[nodiscard]] QString firstPatientId() const;
    /// Fills the banner's patient list from the FHIR source in use (the embedded store at once,
    /// a remote source's first page over FHIR), then runs `then`.
    void loadPatients(std::function<void()> then = {});
    /// The user picker: act as this user (Practitioner/x, PractitionerRole/y, ...; checked):
    /// context.userId and {{context.userId}} of later hooks. Returns the error, empty when taken.
    Q_INVOKABLE QString setUser(const QString &reference);
    /// The encounter picker: an encounter of the open patient, or "" for none.
    Q_INVOKABLE void setEncounter(const QString &encounterId);

Q_SIGNALS:
    void patientChanged();

private:
    /// Reads the user on the FHIR source in use (the embedded store at once, a remote source
    /// over FHIR) for the banner; `replaceMissing`: a user the source does not have is replaced
    /// by one it has (a source switch, the launch). Then runs `then`.
    void resolveUser(bool replaceMissing, std::function<void()> then = {});
    /// After a source switch: the open patient's chart from the new source (or its first
    /// patient when it does not list them).
    void reopenChart();

    AppContext &m_context;
    InvocationController &m_invocation;
    PatientsModel m_patients;
    QString m_patientsFrom; ///< the FHIR source the list was loaded from (sourceKey)
    hb::session::SourceUser m_user; ///< the user as the source m_userFrom names them
    QString m_userFrom; ///< the FHIR source m_user was read from (sourceKey)
    PatientSearchModel m_search {m_context, *this};
    EhrPickers m_pickers {m_context, *this};
};
