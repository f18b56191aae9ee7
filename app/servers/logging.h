#pragma once

#include <QLoggingCategory>

// Turn on with QT_LOGGING_RULES="hookbench.servers.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcServers)
