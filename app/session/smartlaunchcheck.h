#pragma once

// Whether a card's SMART link can be launched for the EHR state now. The launch is the embedded
// EHR's: the app gets the embedded FHIR server as `iss` and a launch id of the embedded
// authorization server (a remote FHIR server's authorization server would not know that id).
// So with a remote FHIR source, the app could read only the patients the embedded server has.
#include "session/ehrstate.h"

#include <QString>

namespace hb::session {

class Workbench;

/// Empty when the app can be launched; else why not, in a sentence for an error card.
[[nodiscard]] QString smartLaunchProblem(const Workbench &bench, const EhrState &state);

} // namespace hb::session
