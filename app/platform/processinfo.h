#pragma once

// Facts about the running process that Qt has no API for. Each returns -1 when unknown.
#include <QtGlobal>

namespace hb::platform {

/// Milliseconds since the process was started, including exec and library loading: what a user
/// waiting for the window experiences (Linux: clock-tick resolution).
qint64 processAgeMs();

/// Peak resident memory in KiB (Linux VmHWM, macOS/Windows peak working set).
qint64 peakRssKiB();

} // namespace hb::platform
