#pragma once

// Who the EHR acts as on its FHIR source. The default user (session::EhrState) is a practitioner
// of the embedded EHR; a remote FHIR server need not have them, and the banner, the pickers and
// context.userId must then name one it does have.
#include "fhir/fhirclient.h"
#include "fhir/fhirstore.h"

#include <QString>

#include <functional>

namespace hb::session {

/// The user as one FHIR source knows them.
struct SourceUser
{
    QString reference; ///< Practitioner/x, PractitionerRole/y, Patient/z or RelatedPerson/w
    QString name; ///< "Olivia Chen" (a role: "Olivia Chen — Doctor"); "" when not found
    bool found = false; ///< the source has `reference`
    /// Why `reference` is not the user asked for (another one was taken), or why it could not
    /// be read; "" when it was found as asked.
    QString note;
};

/// `userId` on the embedded store. Not there and `replaceMissing`: the default user
/// (EhrState's) when the store has them, else its first Practitioner.
[[nodiscard]] SourceUser userInStore(const fhir::FhirStore &store, const QString &userId,
                                     bool replaceMissing);

/// `userId` read on a (remote) source through `client` (a PractitionerRole is named by its
/// practitioner). Not there (404) and `replaceMissing`: the default user when the source has
/// them, else its first Practitioner. A read that fails otherwise keeps `userId`, unnamed, with
/// the error as the note.
void resolveUser(fhir::FhirClient *client, const QString &userId, bool replaceMissing,
                 std::function<void(const SourceUser &)> done);

} // namespace hb::session
