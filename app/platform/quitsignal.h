#pragma once

// Lets a headless command stop cleanly when the user presses Ctrl+C or a service manager sends
// SIGTERM: the request quits QCoreApplication's event loop, so destructors run and servers close.

namespace hb::platform {

/// Installs the handlers once, for the QCoreApplication that exists: SIGINT and SIGTERM (Unix;
/// Windows: Ctrl+C, Ctrl+Break, console close) call QCoreApplication::quit() from the event
/// loop. On Unix SIGPIPE is ignored too, so a reader that goes away (`serve --json | head -1`)
/// cannot kill the process mid-write. Returns false when the handlers cannot be installed.
bool quitOnTerminationRequest();

} // namespace hb::platform
