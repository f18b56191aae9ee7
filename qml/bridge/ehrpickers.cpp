#include "ehrpickers.h"

#include "appcontext.h"
#include "patientcontroller.h"

#include "session/pickers.h"
#include "session/workbench.h"

#include <QPointer>

using namespace Qt::StringLiterals;

EhrPickers::EhrPickers(AppContext &context, PatientController &patient, QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_patient(patient)
{
    // Only once a screen asked for them (loadEncounters): a chart opened elsewhere costs no read.
    connect(&context, &AppContext::patientChanged, this, [this] {
        if (m_encountersWanted && m_context.state().patientId != m_lastPatient) {
            m_lastPatient = m_context.state().patientId;
            loadEncounters();
        }
    });
    // A remote source's chart arrives after the patient, with the encounter the EHR is in:
    // list again so the picker shows that one first (it showed "(none)" beside a banner
    // naming the encounter).
    connect(&context, &AppContext::chartChanged, this, [this] {
        if (m_encountersWanted && m_context.state().patientId == m_lastPatient)
            loadEncounters();
    });
}

void EhrPickers::setError(const QString &error)
{
    if (error == m_error)
        return;
    m_error = error;
    Q_EMIT errorChanged();
}

void EhrPickers::searchUsers(const QString &name)
{
    auto *bench = m_context.workbench();
    if (!bench || !bench->fhirClient())
        return setError(u"no FHIR source yet"_s);
    hb::session::searchUsers(
        bench->fhirClient(), name,
        [self = QPointer(this)](const QList<hb::session::UserRow> &rows, const QString &error) {
            if (!self)
                return;
            self->m_users.clear();
            for (const auto &row : rows)
                self->m_users.append(QVariantMap {
                    {u"reference"_s, row.reference},
                    {u"label"_s, row.role.isEmpty() ? row.name : row.name + u" — "_s + row.role}});
            Q_EMIT self->usersChanged();
            self->setError(error);
        });
}

void EhrPickers::searchPerformers(const QString &name)
{
    auto *bench = m_context.workbench();
    if (!bench || !bench->fhirClient())
        return setError(u"no FHIR source yet"_s);
    auto *client = bench->fhirClient();
    // The people first (the user picker's search), then the organizations that may fulfil an
    // order (a radiology department, a lab): both are order-dispatch performers.
    hb::session::searchUsers(
        client, name,
        [self = QPointer(this), client, name](const QList<hb::session::UserRow> &people,
                                              const QString &peopleError) {
            if (!self)
                return;
            hb::fhir::QueryItems params;
            if (!name.trimmed().isEmpty())
                params.append({u"name"_s, name.trimmed()});
            client->search(
                u"Organization"_s, params, {50, 4, 200},
                [self, people, peopleError](const hb::fhir::SearchResultSet &organizations) {
                    if (!self)
                        return;
                    self->m_performers.clear();
                    // Organizations first: a department or a lab usually fulfils an order.
                    for (const auto &org : organizations.resources)
                        self->m_performers.append(QVariantMap {
                            {u"reference"_s, u"Organization/"_s + org[u"id"_s].toString()},
                            {u"label"_s, org[u"name"_s].toString()}});
                    for (const auto &row : people)
                        self->m_performers.append(QVariantMap {
                            {u"reference"_s, row.reference},
                            {u"label"_s,
                             row.role.isEmpty() ? row.name : row.name + u" — "_s + row.role}});
                    Q_EMIT self->performersChanged();
                    self->setError(!peopleError.isEmpty()   ? peopleError
                                       : organizations.ok() ? QString()
                                                            : organizations.last.error);
                });
        });
}

void EhrPickers::loadEncounters()
{
    m_encountersWanted = true; // also when no chart is open yet (the screen shown at launch)
    auto *bench = m_context.workbench();
    const QString patient = m_context.state().patientId;
    m_lastPatient = patient;
    if (!bench || !bench->fhirClient() || patient.isEmpty())
        return;
    hb::session::patientEncounters(
        bench->fhirClient(), patient,
        [self = QPointer(this)](const QList<hb::session::EncounterRow> &rows,
                                const QString &error) {
            if (!self)
                return;
            // The encounter the EHR is in (the banner's) comes first, so the picker shows it;
            // "(none)" follows it, then the patient's other encounters, newest first.
            const QString current = self->m_context.state().encounterId;
            self->m_encounters.clear();
            for (const auto &row : rows) {
                if (row.id == current)
                    self->m_encounters.append(
                        QVariantMap {{u"id"_s, row.id}, {u"label"_s, row.label}});
            }
            self->m_encounters.append(
                QVariantMap {{u"id"_s, QString()}, {u"label"_s, u"(none)"_s}});
            for (const auto &row : rows) {
                if (row.id != current)
                    self->m_encounters.append(
                        QVariantMap {{u"id"_s, row.id}, {u"label"_s, row.label}});
            }
            Q_EMIT self->encountersChanged();
            self->setError(error);
        });
}

bool EhrPickers::useUser(const QString &reference)
{
    const QString error = m_patient.setUser(reference);
    setError(error);
    return error.isEmpty();
}

void EhrPickers::useEncounter(const QString &encounterId)
{
    m_patient.setEncounter(encounterId);
}
