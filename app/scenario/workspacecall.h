#pragma once

// What a workspace file (app/storage/workspace.h) says about one call: the service's prefetch,
// token and JWT-fault settings, CORS emulation and the timeout, as scenario step members. A
// scenario step or fire's explicit options win; the workspace fills what they leave out.
#include "storage/workspace.h"

#include <QJsonObject>

namespace hb::scenario {

/// The step members `workspace` gives a call to `service` (and `hook`, when given) found under
/// `discovery` ("embedded", "lab", a URL, or empty: the first source listing the service, which
/// then also gives "discovery"). Members: discovery, prefetch, accessToken, jwtFault, origin or
/// cors, timeoutMs. Empty when the workspace does not list the service and has nothing general.
[[nodiscard]] QJsonObject workspaceFields(const storage::Workspace &workspace,
                                          const QString &discovery, const QString &service,
                                          const QString &hook);

/// "embedded:demo" -> "embedded", "embedded:lab[:ids]" -> "lab", other URLs as written.
[[nodiscard]] QString discoveryNameOf(const QString &sourceUrl);

} // namespace hb::scenario
