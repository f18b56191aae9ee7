#include "patientsmodel.h"

#include "fhir/fhirstore.h"

using namespace Qt::StringLiterals;

PatientsModel::PatientsModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void PatientsModel::load(const hb::fhir::FhirStore &store)
{
    beginResetModel();
    m_rows.clear();
    for (const auto &patient : store.all(u"Patient"_s)) {
        const auto summary = hb::ehr::summarizePatient(patient);
        m_rows.append({summary, store.demonstrates(summary.id)});
    }
    endResetModel();
}

int PatientsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PatientsModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Row &row = m_rows.at(index.row());
    switch (role) {
    case IdRole:
        return row.summary.id;
    case NameRole:
        return row.summary.name;
    case DetailsRole:
        return row.summary.details();
    case DemonstratesRole:
        return row.demonstrates;
    default:
        return {};
    }
}

QHash<int, QByteArray> PatientsModel::roleNames() const
{
    return {{IdRole, "patientId"},
            {NameRole, "name"},
            {DetailsRole, "details"},
            {DemonstratesRole, "demonstrates"}};
}

int PatientsModel::rowOf(const QString &id) const
{
    for (int row = 0; row < m_rows.size(); ++row) {
        if (m_rows.at(row).summary.id == id)
            return row;
    }
    return -1;
}
