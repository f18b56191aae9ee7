#include "net/logging.h"

Q_LOGGING_CATEGORY(lcNet, "hookbench.net", QtInfoMsg)
