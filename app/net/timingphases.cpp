#include "net/timingphases.h"

#include <cmath>

namespace hb::net {

namespace {
double roundUs(double ms)
{
    return std::round(ms * 1000.0) / 1000.0;
}
} // namespace

TimingPhases timingPhases(const Timings &t)
{
    TimingPhases out;
    if (t.totalMs <= 0)
        return out;
    const double total = roundUs(t.totalMs);
    // Cut points, each clamped between the previous one and the total, so no phase is negative
    // and they telescope to the total.
    const auto clamp
        = [total](double value, double floor) { return std::min(total, std::max(floor, value)); };
    out.connected = t.connectStartMs >= 0;
    const double sent
        = t.requestSentMs >= 0 ? t.requestSentMs : (t.tlsDoneMs >= 0 ? t.tlsDoneMs : 0);
    const double connectStart = clamp(roundUs(out.connected ? t.connectStartMs : sent), 0);
    const double connectEnd = clamp(roundUs(sent), connectStart);
    const double firstByte = clamp(roundUs(t.firstByteMs >= 0 ? t.firstByteMs : total), connectEnd);
    out.queue = connectStart;
    out.connect = roundUs(connectEnd - connectStart);
    out.wait = roundUs(firstByte - connectEnd);
    out.receive = roundUs(total - firstByte);
    if (out.connected && t.tlsDoneMs >= 0)
        out.ssl = roundUs(std::min(out.connect, std::max(0.0, t.tlsDoneMs - t.connectStartMs)));
    return out;
}

} // namespace hb::net
