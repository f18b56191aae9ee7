#pragma once

#include "security/jwtfault.h"

#include <QString>

namespace hb::security {

/// How a service answered a request that carried a (possibly deliberately wrong) client JWT.
struct FaultVerdict
{
    enum Severity { Ok, Warning, Failure };
    Severity severity = Ok;
    QString summary; ///< one line for the request log, names the fault label
};

/// Judges the HTTP status a service returned for a request sent with `fault`: a faulty token must
/// be refused with 401 (C10 best practice; 403 is a warning), a valid token must not be.
/// httpStatus <= 0 means no response (connection failed): nothing can be judged, severity Warning.
[[nodiscard]] FaultVerdict judgeFaultResponse(JwtFault fault, int httpStatus);

} // namespace hb::security
