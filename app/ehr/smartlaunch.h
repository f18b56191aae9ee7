#pragma once

#include <QString>
#include <QUrl>

namespace hb::ehr {

/// The URL an EHR opens for a `smart` card link (C16): the link's URL with `iss` (the
/// FHIR server) and `launch` (the launch context id) appended, keeping its own query and fragment.
/// appContext never goes into the URL: the authorization server returns it with the token.
[[nodiscard]] QUrl smartLaunchUrl(const QUrl &appUrl, const QUrl &iss, const QString &launchId);

} // namespace hb::ehr
