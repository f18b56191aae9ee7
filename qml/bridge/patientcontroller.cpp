#include "patientcontroller.h"

#include "gui.h"
#include "invocationcontroller.h"

#include "fhir/fhirclient.h"
#include "fhir/fhirstore.h"
#include "session/pickers.h"
#include "session/sourceuser.h"

#include <QJSEngine>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace {

/// Which FHIR source a list came from: the embedded server, or a remote one with its settings.
QString sourceKey(hb::session::Workbench &bench)
{
    const auto &source = bench.fhirSource();
    return source.isEmbedded()
        ? u"embedded"_s
        : QString::fromUtf8(QJsonDocument(source.toJson()).toJson(QJsonDocument::Compact));
}

} // namespace

PatientController::PatientController(AppContext &context, InvocationController &invocation,
                                     QObject *parent)
    : QObject(parent)
    , m_context(context)
    , m_invocation(invocation)
{
    connect(&context, &AppContext::patientChanged, this, &PatientController::patientChanged);
    // A remote source's chart arrives after the context: the chart screen and banner update,
    // the cards stay; a patient the source cannot give is said on an error card.
    connect(&context, &AppContext::chartChanged, this, [this] {
        if (!m_context.chartError().isEmpty())
            m_invocation.cards()->setServiceError(u"hookbench"_s, u"Patient"_s,
                                                  m_context.chartError());
        Q_EMIT patientChanged();
    });
    connect(&context, &AppContext::started, this, [this] {
        loadPatients();
        Q_EMIT patientChanged(); // the FHIR server and the user are known now
    });
    // Another FHIR source chosen in the settings: its patients in the list, its user, and the
    // open chart read again from it (the one on screen came from the previous source).
    connect(&context, &AppContext::workspaceChanged, this, [this] {
        if (m_context.isRunning() && sourceKey(*m_context.workbench()) != m_patientsFrom)
            loadPatients([this] { reopenChart(); });
    });
}

PatientController *PatientController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = &Gui::instance().patient;
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

QString PatientController::fhirServer() const
{
    // The FHIR source in use: the embedded server or the remote one the settings chose.
    return m_context.isRunning() ? m_context.workbench()->fhirBase().toString() : QString();
}

QString PatientController::userName() const
{
    // The user as the FHIR source in use knows them (the practitioner behind userId), never
    // the embedded store's name for a remote source's user.
    const QString &userId = m_context.state().userId;
    const bool current = m_context.isRunning() && m_user.reference == userId
        && m_userFrom == sourceKey(*m_context.workbench());
    const QString name = current ? m_user.name : QString();
    return name.isEmpty() ? userId : name + u" · "_s + userId;
}

void PatientController::resolveUser(bool replaceMissing, std::function<void()> then)
{
    auto *bench = m_context.isRunning() ? m_context.workbench() : nullptr;
    if (!bench || !bench->servers()) {
        if (then)
            then();
        return;
    }
    const QString asked = m_context.state().userId;
    const QString from = sourceKey(*bench);
    auto take = [this, asked, from, then](const hb::session::SourceUser &user) {
        // A user picked meanwhile, or another source chosen, wins over this late answer.
        if (m_context.isRunning() && m_context.state().userId == asked
            && sourceKey(*m_context.workbench()) == from) {
            m_user = user;
            m_userFrom = from;
            if (user.reference != asked) {
                // The source does not have the user: act as one it has (the banner, the
                // pickers and context.userId of later hooks), and say so.
                m_context.state().userId = user.reference;
                m_context.addNotice(user.note);
                Q_EMIT m_context.patientChanged();
            } else {
                Q_EMIT patientChanged(); // the banner names the user
            }
        }
        if (then)
            then();
    };
    if (bench->fhirSource().isEmbedded() || !bench->fhirClient())
        return take(hb::session::userInStore(bench->servers()->store(), asked, replaceMissing));
    hb::session::resolveUser(bench->fhirClient(), asked, replaceMissing,
                             [self = QPointer(this), take](const hb::session::SourceUser &user) {
                                 if (self)
                                     take(user);
                             });
}

void PatientController::loadPatients(std::function<void()> then)
{
    auto *bench = m_context.isRunning() ? m_context.workbench() : nullptr;
    if (!bench || !bench->servers()) {
        if (then)
            then();
        return;
    }
    // The source's user is read beside its patients: the launch fires its first hook only
    // once both are known, so context.userId is one the source has.
    auto pending = std::make_shared<int>(2);
    const std::function<void()> both = [pending, then] {
        if (--*pending == 0 && then)
            then();
    };
    resolveUser(true, both);
    m_patientsFrom = sourceKey(*bench);
    if (bench->fhirSource().isEmbedded() || !bench->fhirClient()) {
        m_patients.load(bench->servers()->store());
        both();
        return;
    }
    // A remote source: its first page of patients (the patient search screen pages further).
    bench->fhirClient()->search(
        u"Patient"_s, {}, {50, 1, 50},
        [self = QPointer(this), both, from = m_patientsFrom](const hb::fhir::SearchResultSet &set) {
            if (!self)
                return;
            if (from == self->m_patientsFrom) {
                hb::fhir::FhirStore store;
                for (const auto &resource : set.resources)
                    store.addResource(resource);
                self->m_patients.load(store);
                if (!set.ok())
                    self->m_invocation.cards()->setServiceError(
                        u"hookbench"_s, u"Patients"_s,
                        u"The FHIR source's patients could not be listed: %1"_s.arg(
                            set.last.error));
            }
            both();
        });
}

QString PatientController::firstPatientId() const
{
    return m_patients.rowCount() > 0
        ? m_patients.data(m_patients.index(0), PatientsModel::IdRole).toString()
        : QString();
}

void PatientController::reopenChart()
{
    const QString open = m_context.state().patientId;
    if (open.isEmpty() || !m_context.isRunning())
        return; // nothing open yet (the launch opens its own patient)
    // The same patient when the new source lists them, else its first one; fires nothing.
    const QString next = m_patients.rowOf(open) >= 0 ? open : firstPatientId();
    if (!next.isEmpty())
        openChart(next);
}

void PatientController::openChart(const QString &patientId)
{
    m_context.openChart(patientId);
    if (m_context.isRunning() && m_context.state().patientId.isEmpty()) {
        m_invocation.cards()->setServiceError(
            u"hookbench"_s, u"Patient"_s, u"No patient '%1' in the FHIR server."_s.arg(patientId));
    }
}

void PatientController::selectPatient(const QString &patientId)
{
    openChart(patientId);
    if (!m_context.state().patientId.isEmpty())
        m_invocation.fireHook(u"patient-view"_s);
}

QString PatientController::setUser(const QString &reference)
{
    QString error;
    const auto user = hb::session::typedUserReference(reference, &error);
    if (!user)
        return error;
    m_context.state().userId = *user;
    Q_EMIT m_context.patientChanged(); // the banner names the new user (once it is read)
    resolveUser(false);
    return {};
}

void PatientController::setEncounter(const QString &encounterId)
{
    m_context.state().encounterId = encounterId;
    Q_EMIT m_context.patientChanged();
}
