#pragma once

// Facts about the running process that Qt has no API for. Each returns -1 when unknown.
#include <QtGlobal>

namespace hb::platform {

/// Milliseconds since the process was started, including exec and library loading: what a user
/// waiting for the window experiences (Linux: clock-tick resolution).
qint64 processAgeMs();

/// Peak resident memory in KiB (Linux VmHWM, macOS/Windows peak working set).
qint64 peakRssKiB();

/// Resident memory now in KiB (Linux VmRSS, macOS resident size, Windows working set): what a
/// test or benchmark compares before and after a load.
qint64 residentKiB();

} // namespace hb::platform
