#include "session/sourceuser.h"

#include "ehr/patientchart.h"
#include "session/ehrstate.h"

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::session {

namespace {

QString typeOf(const QString &reference)
{
    return reference.section(u'/', 0, 0);
}

QString idOf(const QString &reference)
{
    return reference.section(u'/', 1);
}

QString roleText(const QJsonObject &role)
{
    QStringList what;
    for (const char *field : {"code", "specialty"}) {
        const QString text = role[QLatin1String(field)][0][u"text"_s].toString();
        if (!text.isEmpty())
            what.append(text);
    }
    return what.join(u", "_s);
}

/// A PractitionerRole is named by its practitioner (`practitionerName`) and what the role is.
QString nameOf(const QJsonObject &resource, const QString &practitionerName)
{
    if (resource.value(u"resourceType"_s).toString() != u"PractitionerRole")
        return ehr::displayOf(resource);
    const QString role = roleText(resource);
    if (practitionerName.isEmpty())
        return role;
    return role.isEmpty() ? practitionerName : practitionerName + u" \u2014 "_s + role;
}

QString practitionerOf(const QJsonObject &role)
{
    return role[u"practitioner"_s][u"reference"_s].toString();
}

QString replacedNote(const QString &asked, const SourceUser &taken)
{
    return u"The FHIR source has no %1: acting as %2 (%3)."_s.arg(asked, taken.reference,
                                                                  taken.name);
}

} // namespace

SourceUser userInStore(const fhir::FhirStore &store, const QString &userId, bool replaceMissing)
{
    const auto named = [&store](const QJsonObject &resource) {
        QString practitioner;
        if (resource.value(u"resourceType"_s).toString() == u"PractitionerRole") {
            const QString ref = practitionerOf(resource);
            if (const auto p = store.read(typeOf(ref), idOf(ref)))
                practitioner = ehr::displayOf(*p);
        }
        return nameOf(resource, practitioner);
    };
    if (const auto user = store.read(typeOf(userId), idOf(userId)))
        return {userId, named(*user), true, {}};
    if (!replaceMissing)
        return {userId, {}, false, {}};
    const QString fallback = EhrState {}.userId;
    SourceUser taken;
    if (const auto user = store.read(typeOf(fallback), idOf(fallback))) {
        taken = {fallback, named(*user), true, {}};
    } else {
        const auto practitioners = store.all(u"Practitioner"_s);
        if (practitioners.isEmpty())
            return {
                userId, {}, false, u"The FHIR source has no %1 and no Practitioner."_s.arg(userId)};
        const QJsonObject &first = practitioners.constFirst();
        taken = {u"Practitioner/"_s + first[u"id"_s].toString(), ehr::displayOf(first), true, {}};
    }
    taken.note = replacedNote(userId, taken);
    return taken;
}

void resolveUser(fhir::FhirClient *client, const QString &userId, bool replaceMissing,
                 std::function<void(const SourceUser &)> done)
{
    client->read(typeOf(userId), idOf(userId), [=](const fhir::FhirResponse &response) {
        if (response.ok()) {
            const QJsonObject user = response.resource;
            const QString practitioner = practitionerOf(user);
            if (user.value(u"resourceType"_s).toString() != u"PractitionerRole"
                || practitioner.isEmpty())
                return done({userId, nameOf(user, {}), true, {}});
            // A role: its practitioner's name first.
            client->read(
                typeOf(practitioner), idOf(practitioner), [=](const fhir::FhirResponse &person) {
                    done({userId,
                          nameOf(user, person.ok() ? ehr::displayOf(person.resource) : QString()),
                          true,
                          {}});
                });
            return;
        }
        if (response.failure != fhir::FhirFailure::NotFound || !replaceMissing)
            return done({userId, {}, false, response.error});
        // As on the embedded store: the default user when the source has them.
        const QString fallback = EhrState {}.userId;
        if (userId != fallback) {
            resolveUser(client, fallback, true, [=](SourceUser taken) {
                if (taken.found)
                    taken.note = replacedNote(userId, taken);
                else
                    taken.reference = userId; // nothing found: keep the user asked for
                done(taken);
            });
            return;
        }
        client->search(u"Practitioner"_s, {}, {1, 1, 1}, [=](const fhir::SearchResultSet &set) {
            if (!set.ok() || set.resources.isEmpty())
                return done({userId,
                             {},
                             false,
                             set.ok() ? u"The FHIR source has no %1 and no "
                                        u"Practitioner."_s.arg(userId)
                                      : set.last.error});
            const QJsonObject &first = set.resources.constFirst();
            SourceUser taken {
                u"Practitioner/"_s + first[u"id"_s].toString(), ehr::displayOf(first), true, {}};
            taken.note = replacedNote(userId, taken);
            done(taken);
        });
    });
}

} // namespace hb::session
