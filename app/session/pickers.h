#pragma once

// The EHR's pickers over the current FHIR source (embedded or remote, through the FHIR client):
// patient search by name, identifier and birth date with server-side paging, the user
// (Practitioner / PractitionerRole from the source, or typed as Type/id) and the patient's
// encounters.
#include "fhir/fhirclient.h"

#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

namespace hb::session {

struct PatientQuery
{
    QString name; ///< FHIR `name` (starts-with on any part)
    QString identifier; ///< FHIR `identifier` ([system|]value)
    QString birthDate; ///< FHIR `birthdate` (1980, 1980-05-05, ge1980-01-01)

    [[nodiscard]] fhir::QueryItems params() const;
};

/// One patient row: name, sex, birth date, id.
struct PatientRow
{
    QString id, name, gender, birthDate;
};

/// Page-by-page patient search: the server pages (`_count`, then its `next`/`previous`
/// links, same origin only). Keeps the current page. The client must outlive it.
class PatientSearch
{
public:
    explicit PatientSearch(fhir::FhirClient *client, int pageSize = 20);

    using Done = std::function<void()>;
    void search(const PatientQuery &query, Done done);
    void next(Done done);
    void previous(Done done);

    [[nodiscard]] const QList<PatientRow> &rows() const { return m_rows; }
    [[nodiscard]] int total() const { return m_total; } ///< -1 when the server does not say
    [[nodiscard]] int page() const { return m_page; } ///< 0-based
    [[nodiscard]] int pageSize() const { return m_pageSize; }
    [[nodiscard]] bool hasNext() const { return !m_next.isEmpty(); }
    [[nodiscard]] bool hasPrevious() const { return m_page > 0; }
    [[nodiscard]] QString error() const { return m_error; }

private:
    void take(const fhir::SearchPage &page, int pageIndex);

    fhir::FhirClient *m_client;
    int m_pageSize;
    QList<PatientRow> m_rows;
    QList<QUrl> m_pageLinks; ///< the link of each page seen, to go back without `previous`
    QUrl m_next;
    int m_total = -1;
    int m_page = 0;
    QString m_error;
};

/// A user the EHR may act as.
struct UserRow
{
    QString reference; ///< Practitioner/x or PractitionerRole/y
    QString name; ///< the practitioner's name
    QString role; ///< for a PractitionerRole: "Doctor, Family practice"
};

/// Practitioners matching `name` and every PractitionerRole of those practitioners.
void searchUsers(fhir::FhirClient *client, const QString &name,
                 std::function<void(const QList<UserRow> &, const QString &error)> done);

/// A user reference typed by hand (Practitioner/x, PractitionerRole/x, Patient/x or
/// RelatedPerson/x, the types CDS Hooks allows for userId); nullopt with `error` otherwise.
[[nodiscard]] std::optional<QString> typedUserReference(const QString &text,
                                                        QString *error = nullptr);

struct EncounterRow
{
    QString id;
    QString label; ///< "2026-05-02 ambulatory, finished"
};

/// The patient's encounters, newest first.
void patientEncounters(fhir::FhirClient *client, const QString &patientId,
                       std::function<void(const QList<EncounterRow> &, const QString &error)> done);

} // namespace hb::session
