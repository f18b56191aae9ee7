#include "session/pickers.h"

#include "ehr/patientchart.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace hb::session {

fhir::QueryItems PatientQuery::params() const
{
    fhir::QueryItems items;
    if (!name.trimmed().isEmpty())
        items.append({u"name"_s, name.trimmed()});
    if (!identifier.trimmed().isEmpty())
        items.append({u"identifier"_s, identifier.trimmed()});
    if (!birthDate.trimmed().isEmpty())
        items.append({u"birthdate"_s, birthDate.trimmed()});
    return items;
}

PatientSearch::PatientSearch(fhir::FhirClient *client, int pageSize)
    : m_client(client)
    , m_pageSize(qBound(1, pageSize, 500))
{ }

void PatientSearch::take(const fhir::SearchPage &page, int pageIndex)
{
    m_error = page.response.error;
    if (!page.response.ok())
        return;
    m_rows.clear();
    for (const auto &resource : page.resources) {
        if (resource.value(u"resourceType"_s).toString() != u"Patient")
            continue;
        const auto summary = ehr::summarizePatient(resource);
        m_rows.append({summary.id, summary.name, summary.gender, summary.birthDate});
    }
    if (page.total >= 0)
        m_total = page.total;
    m_page = pageIndex;
    m_next = page.next;
    if (m_pageLinks.size() <= pageIndex)
        m_pageLinks.resize(pageIndex + 1);
    m_pageLinks[pageIndex] = page.response.url;
    if (!page.warning.isEmpty())
        m_error = page.warning;
}

void PatientSearch::search(const PatientQuery &query, Done done)
{
    m_pageLinks.clear();
    m_total = -1;
    m_next.clear();
    m_client->searchPage(u"Patient"_s, query.params(), m_pageSize,
                         [this, done](const fhir::SearchPage &page) {
                             if (!page.response.ok())
                                 m_rows.clear();
                             take(page, 0);
                             done();
                         });
}

void PatientSearch::next(Done done)
{
    if (m_next.isEmpty())
        return done();
    const int index = m_page + 1;
    m_client->page(m_next, [this, index, done](const fhir::SearchPage &page) {
        take(page, index);
        done();
    });
}

void PatientSearch::previous(Done done)
{
    if (m_page == 0 || m_pageLinks.size() < m_page)
        return done();
    const int index = m_page - 1;
    m_client->page(m_pageLinks.at(index), [this, index, done](const fhir::SearchPage &page) {
        take(page, index);
        done();
    });
}

void searchUsers(fhir::FhirClient *client, const QString &name,
                 std::function<void(const QList<UserRow> &, const QString &error)> done)
{
    fhir::QueryItems params;
    if (!name.trimmed().isEmpty())
        params.append({u"name"_s, name.trimmed()});
    client->search(u"Practitioner"_s, params, {50, 4, 200},
                   [client, done](const fhir::SearchResultSet &practitioners) {
                       if (!practitioners.ok())
                           return done({}, practitioners.last.error);
                       auto rows = std::make_shared<QList<UserRow>>();
                       QHash<QString, QString> names;
                       QStringList ids;
                       for (const auto &p : practitioners.resources) {
                           const QString reference = u"Practitioner/"_s + p[u"id"_s].toString();
                           names.insert(reference, ehr::displayOf(p));
                           ids.append(p[u"id"_s].toString());
                           rows->append({reference, ehr::displayOf(p), {}});
                       }
                       if (ids.isEmpty())
                           return done(*rows, {});
                       client->search(
                           u"PractitionerRole"_s, {{u"practitioner"_s, ids.join(u',')}},
                           {50, 4, 200}, [rows, names, done](const fhir::SearchResultSet &roles) {
                               // Roles are a nicety: a server without them still gives the
                               // practitioners.
                               for (const auto &role : roles.resources) {
                                   QStringList what;
                                   for (const char *field : {"code", "specialty"}) {
                                       const QString text
                                           = role[QLatin1String(field)][0][u"text"_s].toString();
                                       if (!text.isEmpty())
                                           what.append(text);
                                   }
                                   const QString practitioner
                                       = role[u"practitioner"_s][u"reference"_s].toString();
                                   rows->append({u"PractitionerRole/"_s + role[u"id"_s].toString(),
                                                 names.value(practitioner, practitioner),
                                                 what.join(u", "_s)});
                               }
                               done(*rows, roles.ok() ? QString() : roles.last.error);
                           });
                   });
}

std::optional<QString> typedUserReference(const QString &text, QString *error)
{
    static const QRegularExpression pattern(
        u"^(Practitioner|PractitionerRole|Patient|RelatedPerson)/([A-Za-z0-9\\-.]{1,64})$"_s);
    const QString trimmed = text.trimmed();
    if (pattern.match(trimmed).hasMatch())
        return trimmed;
    if (error)
        *error = u"a user is Practitioner/id, PractitionerRole/id, Patient/id or "
                 u"RelatedPerson/id, got '%1'"_s.arg(trimmed);
    return std::nullopt;
}

void patientEncounters(fhir::FhirClient *client, const QString &patientId,
                       std::function<void(const QList<EncounterRow> &, const QString &error)> done)
{
    client->search(
        u"Encounter"_s, {{u"patient"_s, patientId}, {u"_sort"_s, u"-date"_s}}, {50, 4, 200},
        [done](const fhir::SearchResultSet &set) {
            if (!set.ok())
                return done({}, set.last.error);
            QList<QPair<QString, EncounterRow>> sorted;
            for (const auto &e : set.resources) {
                const QString start = e[u"period"_s][u"start"_s].toString();
                const QString kind
                    = e[u"class"_s][u"display"_s].toString(e[u"class"_s][u"code"_s].toString());
                const QString type = e[u"type"_s][0][u"text"_s].toString();
                QString label = start.left(10);
                for (const QString &part : {kind, type})
                    if (!part.isEmpty())
                        label += u' ' + part;
                label += u", "_s + e[u"status"_s].toString();
                sorted.append({start, {e[u"id"_s].toString(), label}});
            }
            // Newest first even when the server ignored _sort.
            std::stable_sort(sorted.begin(), sorted.end(),
                             [](const auto &a, const auto &b) { return a.first > b.first; });
            QList<EncounterRow> rows;
            for (const auto &[start, row] : sorted)
                rows.append(row);
            done(rows, {});
        });
}

} // namespace hb::session
