#pragma once

#include "ehr/patientchart.h"

#include <QAbstractListModel>
#include <QtQml/qqml.h>

namespace hb::fhir {
class FhirStore;
}

/// The patient picker: every patient of the FHIR store, with what each one demonstrates.
class PatientsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by PatientController")

public:
    enum Roles { IdRole = Qt::UserRole, NameRole, DetailsRole, DemonstratesRole };

    explicit PatientsModel(QObject *parent = nullptr);

    void load(const hb::fhir::FhirStore &store);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    /// The row of patient `id`, or -1.
    Q_INVOKABLE [[nodiscard]] int rowOf(const QString &id) const;

private:
    struct Row
    {
        hb::ehr::PatientSummary summary;
        QString demonstrates;
    };
    QList<Row> m_rows;
};
