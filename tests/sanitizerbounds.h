#pragma once

// Speed and memory bounds under a sanitizer. ASan, UBSan and TSan make code several times
// slower and bigger (-O0, shadow memory, quarantine), so a bound that is about speed or memory
// only, never about correctness, is skipped there, visibly: the test reports SKIP with the
// bound's name, after every check before it ran. Put the bounds last in a test function.
// HOOKBENCH_SANITIZED comes from tests/CMakeLists.txt (asan and tsan presets).
#include <QTest>

#ifdef HOOKBENCH_SANITIZED
#define HB_SKIP_BOUND_UNDER_SANITIZER(bound)                                                       \
    QSKIP("the bound \"" bound "\" is about speed or memory only: skipped under a sanitizer")
#else
#define HB_SKIP_BOUND_UNDER_SANITIZER(bound)                                                       \
    do {                                                                                           \
    } while (false)
#endif
