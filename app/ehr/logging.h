#pragma once

#include <QLoggingCategory>

// Turn on with QT_LOGGING_RULES="hookbench.ehr.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcEhr)
