#pragma once

#include <QLoggingCategory>

// Turn on with QT_LOGGING_RULES="hookbench.fhir.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcFhir)
