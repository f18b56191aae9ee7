#include "ehrpickers.h"

#include "appcontroller.h"
#include "session/pickers.h"
#include "session/workbench.h"

#include <QPointer>

using namespace Qt::StringLiterals;

EhrPickers::EhrPickers(QObject *parent)
    : QObject(parent)
{
    connect(&AppController::instance(), &AppController::patientChanged, this, [this] {
        static QString lastPatient;
        if (AppController::instance().patientId() != lastPatient) {
            lastPatient = AppController::instance().patientId();
            loadEncounters();
        }
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
    auto *bench = AppController::instance().workbench();
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

void EhrPickers::loadEncounters()
{
    auto *bench = AppController::instance().workbench();
    const QString patient = AppController::instance().patientId();
    if (!bench || !bench->fhirClient() || patient.isEmpty())
        return;
    hb::session::patientEncounters(
        bench->fhirClient(), patient,
        [self = QPointer(this)](const QList<hb::session::EncounterRow> &rows,
                                const QString &error) {
            if (!self)
                return;
            self->m_encounters = {QVariantMap {{u"id"_s, QString()}, {u"label"_s, u"(none)"_s}}};
            for (const auto &row : rows)
                self->m_encounters.append(QVariantMap {{u"id"_s, row.id}, {u"label"_s, row.label}});
            Q_EMIT self->encountersChanged();
            self->setError(error);
        });
}

bool EhrPickers::useUser(const QString &reference)
{
    const QString error = AppController::instance().setUser(reference);
    setError(error);
    return error.isEmpty();
}

void EhrPickers::useEncounter(const QString &encounterId)
{
    AppController::instance().setEncounter(encounterId);
}
