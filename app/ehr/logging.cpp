#include "ehr/logging.h"

Q_LOGGING_CATEGORY(lcEhr, "hookbench.ehr", QtInfoMsg)
