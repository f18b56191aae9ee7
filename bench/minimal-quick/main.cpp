// The floor for a QML app on this machine: a Qt Quick window of Hookbench's size with one line of
// text, built in the same tree with the same Qt. Prints, as one JSON line, the process age at its
// first frame (counted from exec, like `hookbench --screenshot`'s readyFrameMs) and its peak
// resident memory, then exits.
#include <QFile>
#include <QGuiApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

// Milliseconds since exec (from /proc, clock-tick resolution), as hookbench measures itself.
qint64 processAgeMs()
{
    QFile stat(u"/proc/self/stat"_s);
    QFile uptime(u"/proc/uptime"_s);
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble();
    const long ticks = sysconf(_SC_CLK_TCK);
    return ticks > 0 ? qint64((upSeconds - startTicks / double(ticks)) * 1000.0) : -1;
}

qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

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
            const QJsonObject out {{u"firstFrameMs"_s, processAgeMs()},
                                   {u"peakRssKiB"_s, peakRssKiB()}};
            std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
            std::fflush(stdout);
            QTimer::singleShot(0, [] { QCoreApplication::exit(0); });
        },
        Qt::SingleShotConnection);
    return QGuiApplication::exec();
}
