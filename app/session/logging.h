#pragma once

#include <QLoggingCategory>

// Turn on with QT_LOGGING_RULES="hookbench.session.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcSession)
