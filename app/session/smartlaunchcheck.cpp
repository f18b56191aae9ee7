#include "session/smartlaunchcheck.h"

#include "session/workbench.h"

using namespace Qt::StringLiterals;

namespace hb::session {

QString smartLaunchProblem(const Workbench &bench, const EhrState &state)
{
    const auto *servers = bench.servers();
    if (!servers || !servers->isRunning())
        return u"SMART apps are launched by the embedded EHR, which is not running."_s;
    if (bench.fhirSource().isEmbedded() || state.patientId.isEmpty())
        return {};
    // A remote source that mirrors the embedded data (a copy of the synthetic EHR) still works.
    if (servers->store().read(u"Patient"_s, state.patientId))
        return {};
    return u"Not launched: SMART apps are launched against the embedded FHIR server (iss %1) and "
           u"its authorization server, which do not have Patient/%2 of the remote FHIR source "
           u"%3, so the app could not read the patient. Switch Settings > FHIR source to the "
           u"embedded server to launch SMART apps."_s.arg(bench.embeddedFhir().toString(),
                                                          state.patientId,
                                                          bench.fhirSource().base.toString());
}

} // namespace hb::session
