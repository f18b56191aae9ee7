#pragma once

#include "session/pickers.h"

class AppContext;
class PatientController;

#include <QAbstractListModel>
#include <QtQml/qqml.h>

#include <memory>

/// The patient search screen: name, identifier and birth date against the current FHIR source,
/// one server page at a time (its `next` links). Rows: name, sex, birth date, id.
class PatientSearchModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by PatientController")
    Q_PROPERTY(int total READ total NOTIFY changed)
    Q_PROPERTY(int page READ page NOTIFY changed)
    Q_PROPERTY(bool hasNext READ hasNext NOTIFY changed)
    Q_PROPERTY(bool hasPrevious READ hasPrevious NOTIFY changed)
    Q_PROPERTY(bool busy READ busy NOTIFY changed)
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(QString source READ source NOTIFY changed)

public:
    enum Roles { IdRole = Qt::UserRole, NameRole, GenderRole, BirthDateRole };

    PatientSearchModel(AppContext &context, PatientController &patient, QObject *parent = nullptr);
    ~PatientSearchModel() override;

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    [[nodiscard]] int total() const;
    [[nodiscard]] int page() const;
    [[nodiscard]] bool hasNext() const;
    [[nodiscard]] bool hasPrevious() const;
    [[nodiscard]] bool busy() const { return m_busy; }
    [[nodiscard]] QString error() const;
    [[nodiscard]] QString source() const;

    Q_INVOKABLE void search(const QString &name, const QString &identifier,
                            const QString &birthDate);
    Q_INVOKABLE void next();
    Q_INVOKABLE void previous();
    /// Opens the chart of the patient in `row` and fires patient-view (PatientController).
    Q_INVOKABLE void open(int row);

Q_SIGNALS:
    void changed();

private:
    bool ensureSearch();
    void begin();
    void finish();

    AppContext &m_context;
    PatientController &m_patient;
    std::unique_ptr<hb::session::PatientSearch> m_search;
    hb::fhir::FhirClient *m_client = nullptr;
    QList<hb::session::PatientRow> m_rows;
    bool m_busy = false;
    QString m_error;
};
