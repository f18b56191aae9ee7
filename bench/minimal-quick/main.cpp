// The floor for a QML app on this machine: a Qt Quick window of Hookbench's size with one line of
// text, built in the same tree with the same Qt. Prints, as one JSON line, the process age at its
// first frame (counted from exec, like `hookbench --screenshot`'s readyFrameMs) and its peak
// resident memory, then exits. Both are read by hb_platform, the same code the app measures itself
// with, so the floor and the app count alike.
#include "platform/processinfo.h"

#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

const char *const qml = R"(
import QtQuick
Window {
    width: 1440
    height: 900
    visible: true
    color: "white"
    Text { anchors.centerIn: parent; text: "Hello"; font.pixelSize: 24 }
}
)";

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQmlApplicationEngine engine;
    engine.loadData(QByteArray(qml));
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().value(0));
    if (!window)
        return 1;
    QObject::connect(
        window, &QQuickWindow::frameSwapped, window,
        [] {
            const QJsonObject out {{u"firstFrameMs"_s, hb::platform::processAgeMs()},
                                   {u"peakRssKiB"_s, hb::platform::peakRssKiB()}};
            std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
            QTimer::singleShot(0, [] { QCoreApplication::exit(0); });
        },
        Qt::SingleShotConnection);
    return QGuiApplication::exec();
}
