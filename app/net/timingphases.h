#pragma once

// One exchange's time split into the phases a user reads as a bar and HAR stores: queue (before
// connecting, or before sending on a reused connection), connect (TCP + TLS), wait (until the
// first byte) and receive. The phases add up to the total exactly, so a HAR's `time` equals the
// sum of its timings.
#include "net/transport.h"

namespace hb::net {

struct TimingPhases
{
    double queue = 0;
    double connect = 0; ///< includes ssl
    double ssl = -1; ///< part of connect; -1 when there was no TLS handshake
    double wait = 0;
    double receive = 0;
    bool connected = false; ///< a new connection was opened (else connect is 0 and not known)

    /// queue + connect + wait + receive (what HAR calls `time`).
    [[nodiscard]] double total() const { return queue + connect + wait + receive; }
};

/// Phases rounded to microseconds; all zero for a request that was never sent.
TimingPhases timingPhases(const Timings &timings);

} // namespace hb::net
