#pragma once

// What was built and what it runs on, for `--version` of both binaries and the About dialog.
// One place, so the CLI, the GUI and bug reports name the same build the same way.
#include <QString>

namespace hb::buildinfo {

QString version(); ///< The project version (CMake project(VERSION)), e.g. "0.1.0".
/// `git describe --always --dirty` at configure time, "unknown" outside a git checkout (a
/// tarball build can pass -DHOOKBENCH_COMMIT=...).
QString commit();
QString qtVersion(); ///< The Qt the process runs on (qVersion()), with the one it was built with.
QString openSslVersion(); ///< The libcrypto the process runs on, e.g. "OpenSSL 3.0.11 19 Sep 2023".

/// The text `PROGRAM --version` prints: "PROGRAM VERSION" first (what help2man and scripts read),
/// then the commit and the Qt and OpenSSL versions, one per line, newline-terminated.
QString versionText(const QString &program);

} // namespace hb::buildinfo
