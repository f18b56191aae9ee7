#include "fhir/logging.h"

Q_LOGGING_CATEGORY(lcFhir, "hookbench.fhir", QtInfoMsg)
