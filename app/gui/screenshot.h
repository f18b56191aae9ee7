#pragma once

#include <QString>

class QQmlApplicationEngine;

namespace hb::gui {

/// Waits until the app is ready and the window has drawn a frame, writes the window as a PNG to
/// `path`, then quits the application with 0 (or 1 when the image cannot be written).
void screenshotWhenReady(QQmlApplicationEngine &engine, const QString &path);

} // namespace hb::gui
