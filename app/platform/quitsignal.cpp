#include "platform/quitsignal.h"

#include <QCoreApplication>

#if defined(Q_OS_WIN)
#include <QMetaObject>
#include <windows.h>
#else
#include <QSocketNotifier>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>
#endif

namespace hb::platform {

#if defined(Q_OS_WIN) // untested: see README.md

namespace {
BOOL WINAPI onConsoleEvent(DWORD)
{
    // Runs on a thread of its own: a queued call is the thread-safe way into the event loop.
    QMetaObject::invokeMethod(QCoreApplication::instance(), &QCoreApplication::quit,
                              Qt::QueuedConnection);
    return TRUE;
}
} // namespace

bool quitOnTerminationRequest()
{
    return QCoreApplication::instance() && SetConsoleCtrlHandler(onConsoleEvent, TRUE);
}

#else

namespace {

int signalPipe[2] = {-1, -1};

// Async-signal-safe: only write(2). The event loop reads the pipe and quits (self-pipe trick).
void onSignal(int signal)
{
    const char byte = static_cast<char>(signal);
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

} // namespace

bool quitOnTerminationRequest()
{
    auto *app = QCoreApplication::instance();
    if (!app)
        return false;
    if (signalPipe[0] >= 0)
        return true; // already installed
    if (::pipe(signalPipe) != 0)
        return false;
    for (int fd : signalPipe)
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::signal(SIGPIPE, SIG_IGN);
    if (::sigaction(SIGINT, &action, nullptr) != 0 || ::sigaction(SIGTERM, &action, nullptr) != 0)
        return false;
    auto *notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, app);
    QObject::connect(notifier, &QSocketNotifier::activated, app, [] {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(signalPipe[0], &byte, 1);
        QCoreApplication::quit();
    });
    return true;
}

#endif

} // namespace hb::platform
