#include "platform/processinfo.h"

#include <QByteArray>
#include <QList>

#if defined(Q_OS_LINUX)
#include <QFile>
#include <unistd.h>
#elif defined(Q_OS_MACOS)
#include <QDateTime>
#include <mach/mach.h>
#include <sys/resource.h>
#include <sys/sysctl.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <windows.h>
// windows.h first: psapi.h needs its types.
#include <psapi.h>
#endif

using namespace Qt::StringLiterals;

namespace hb::platform {

#if defined(Q_OS_LINUX)

qint64 processAgeMs()
{
    QFile stat(u"/proc/self/stat"_s);
    QFile uptime(u"/proc/uptime"_s);
    if (!stat.open(QIODevice::ReadOnly) || !uptime.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    // Field 22 (starttime) counts from the end of the parenthesised command name.
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    const double startTicks = fields.value(19).toDouble();
    const double upSeconds = uptime.readAll().split(' ').value(0).toDouble();
    const long ticks = sysconf(_SC_CLK_TCK);
    return ticks > 0 ? qint64((upSeconds - startTicks / double(ticks)) * 1000.0) : -1;
}

namespace {

// One "Field:   1234 kB" line of /proc/self/status, in KiB.
qint64 statusKiB(const QByteArray &field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

} // namespace

qint64 peakRssKiB()
{
    return statusKiB("VmHWM:");
}

qint64 residentKiB()
{
    return statusKiB("VmRSS:");
}

#elif defined(Q_OS_MACOS) // untested: see README.md

qint64 processAgeMs()
{
    int mib[4] = {CTL_KERN, KERN_PROC, KERN_PROC_PID, int(getpid())};
    struct kinfo_proc info = {};
    size_t size = sizeof(info);
    if (sysctl(mib, 4, &info, &size, nullptr, 0) != 0 || size == 0)
        return -1;
    const struct timeval start = info.kp_proc.p_starttime;
    const qint64 startMs = qint64(start.tv_sec) * 1000 + start.tv_usec / 1000;
    return QDateTime::currentMSecsSinceEpoch() - startMs;
}

qint64 peakRssKiB()
{
    struct rusage usage = {};
    return getrusage(RUSAGE_SELF, &usage) == 0 ? qint64(usage.ru_maxrss) / 1024 : -1; // bytes
}

qint64 residentKiB()
{
    mach_task_basic_info_data_t info = {};
    mach_msg_type_number_t count = MACH_TASK_BASIC_INFO_COUNT;
    if (task_info(mach_task_self(), MACH_TASK_BASIC_INFO, task_info_t(&info), &count)
        != KERN_SUCCESS)
        return -1;
    return qint64(info.resident_size / 1024);
}

#elif defined(Q_OS_WIN) // untested: see README.md

qint64 processAgeMs()
{
    FILETIME created, exited, kernel, user, now;
    if (!GetProcessTimes(GetCurrentProcess(), &created, &exited, &kernel, &user))
        return -1;
    GetSystemTimeAsFileTime(&now);
    auto ticks = [](const FILETIME &t) {
        return (qint64(t.dwHighDateTime) << 32) | qint64(t.dwLowDateTime);
    };
    return (ticks(now) - ticks(created)) / 10000; // 100 ns units
}

qint64 peakRssKiB()
{
    PROCESS_MEMORY_COUNTERS counters = {};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof(counters)))
        return -1;
    return qint64(counters.PeakWorkingSetSize / 1024);
}

qint64 residentKiB()
{
    PROCESS_MEMORY_COUNTERS counters = {};
    if (!GetProcessMemoryInfo(GetCurrentProcess(), &counters, sizeof(counters)))
        return -1;
    return qint64(counters.WorkingSetSize / 1024);
}

#else

qint64 processAgeMs()
{
    return -1;
}

qint64 peakRssKiB()
{
    return -1;
}

qint64 residentKiB()
{
    return -1;
}

#endif

} // namespace hb::platform
