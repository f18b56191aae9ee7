#include "security/faultverdict.h"

using namespace Qt::StringLiterals;

namespace hb::security {

FaultVerdict judgeFaultResponse(JwtFault fault, int httpStatus)
{
    const QString label = faultName(fault);
    if (httpStatus <= 0)
        return {FaultVerdict::Warning, u"%1: no HTTP response, nothing to judge"_s.arg(label)};
    const bool refused = httpStatus == 401 || httpStatus == 403;
    if (fault == JwtFault::None) {
        if (refused)
            return {FaultVerdict::Failure,
                    u"valid client JWT refused with %1: check the service's trusted iss, jku/JWKS "
                    u"and its aud (must be the exact URL called)"_s.arg(httpStatus)};
        return {FaultVerdict::Ok, u"valid client JWT accepted (%1)"_s.arg(httpStatus)};
    }
    if (httpStatus == 401)
        return {FaultVerdict::Ok, u"%1 rejected with 401 as expected"_s.arg(label)};
    if (httpStatus == 403)
        return {FaultVerdict::Warning,
                u"%1 rejected with 403; CDS Hooks best practice is 401"_s.arg(label)};
    if (httpStatus >= 200 && httpStatus < 300)
        return {FaultVerdict::Failure,
                u"%1 ACCEPTED (%2): the service took a token where %3"_s.arg(
                    label, QString::number(httpStatus), faultDescription(fault))};
    return {FaultVerdict::Warning,
            u"%1 answered with %2 instead of 401"_s.arg(label, QString::number(httpStatus))};
}

} // namespace hb::security
