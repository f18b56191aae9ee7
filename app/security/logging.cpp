#include "security/logging.h"

Q_LOGGING_CATEGORY(lcSecurity, "hookbench.security", QtInfoMsg)
