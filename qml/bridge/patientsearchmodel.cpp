#include "patientsearchmodel.h"

#include "appcontext.h"
#include "patientcontroller.h"
#include "session/workbench.h"

#include <QPointer>

using namespace Qt::StringLiterals;

PatientSearchModel::PatientSearchModel(AppContext &context, PatientController &patient,
                                       QObject *parent)
    : QAbstractListModel(parent)
    , m_context(context)
    , m_patient(patient)
{ }

PatientSearchModel::~PatientSearchModel() = default;

int PatientSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PatientSearchModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const auto &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.id;
    case NameRole:
        return row.name;
    case GenderRole:
        return row.gender;
    case BirthDateRole:
        return row.birthDate;
    default:
        return {};
    }
}

QHash<int, QByteArray> PatientSearchModel::roleNames() const
{
    return {{IdRole, "patientId"},
            {NameRole, "name"},
            {GenderRole, "gender"},
            {BirthDateRole, "birthDate"}};
}

int PatientSearchModel::total() const
{
    return m_search ? m_search->total() : -1;
}

int PatientSearchModel::page() const
{
    return m_search ? m_search->page() : 0;
}

bool PatientSearchModel::hasNext() const
{
    return m_search && !m_busy && m_search->hasNext();
}

bool PatientSearchModel::hasPrevious() const
{
    return m_search && !m_busy && m_search->hasPrevious();
}

QString PatientSearchModel::error() const
{
    return m_error;
}

QString PatientSearchModel::source() const
{
    return m_client ? m_client->base().toString() : QString();
}

bool PatientSearchModel::ensureSearch()
{
    auto *bench = m_context.workbench();
    hb::fhir::FhirClient *client = bench ? bench->fhirClient() : nullptr;
    if (!client) {
        m_error = u"no FHIR source yet (the EHR is still starting)"_s;
        Q_EMIT changed();
        return false;
    }
    if (client != m_client) { // the source changed: a new search over it
        m_client = client;
        m_search = std::make_unique<hb::session::PatientSearch>(client, 20);
    }
    return true;
}

void PatientSearchModel::begin()
{
    m_busy = true;
    Q_EMIT changed();
}

void PatientSearchModel::finish()
{
    beginResetModel();
    m_rows = m_search->rows();
    endResetModel();
    m_error = m_search->error();
    m_busy = false;
    Q_EMIT changed();
}

void PatientSearchModel::search(const QString &name, const QString &identifier,
                                const QString &birthDate)
{
    if (!ensureSearch())
        return;
    begin();
    m_search->search({name, identifier, birthDate}, [self = QPointer(this)] {
        if (self)
            self->finish();
    });
}

void PatientSearchModel::next()
{
    if (!m_search || m_busy)
        return;
    begin();
    m_search->next([self = QPointer(this)] {
        if (self)
            self->finish();
    });
}

void PatientSearchModel::previous()
{
    if (!m_search || m_busy)
        return;
    begin();
    m_search->previous([self = QPointer(this)] {
        if (self)
            self->finish();
    });
}

void PatientSearchModel::open(int row)
{
    if (row >= 0 && row < m_rows.size())
        m_patient.selectPatient(m_rows.at(row).id);
}
