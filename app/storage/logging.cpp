#include "storage/logging.h"

Q_LOGGING_CATEGORY(lcStorage, "hookbench.storage", QtInfoMsg)
