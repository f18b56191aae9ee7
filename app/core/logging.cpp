#include "core/logging.h"

Q_LOGGING_CATEGORY(lcCore, "hookbench.core", QtInfoMsg)
