#include "servers/logging.h"

Q_LOGGING_CATEGORY(lcServers, "hookbench.servers", QtInfoMsg)
