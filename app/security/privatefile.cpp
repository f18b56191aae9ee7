#include "security/privatefile.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>

#if defined(Q_OS_WIN)
#include <QSaveFile>
#else
// POSIX (Linux, macOS): mkstemp gives 0600 from the start, so the key is never readable by
// others, not even for a moment.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace hb::security {

#if defined(Q_OS_WIN) // untested: see app/platform/README.md

// Windows has no mode bits: the file inherits the ACL of the user's profile folder, which only
// that user (and administrators) can read. QSaveFile keeps the replace atomic.
bool writePrivateFile(const QString &path, const QByteArray &data, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(data) == data.size() && file.commit())
        return true;
    if (error)
        *error = u"cannot write %1: %2"_s.arg(path, file.errorString());
    return false;
}

bool ensurePrivateDir(const QString &dir, QString *error)
{
    if (QDir().mkpath(dir))
        return true;
    if (error)
        *error = u"cannot create folder "_s + dir;
    return false;
}

#else

namespace {
QString systemError(const QString &what, const QString &path)
{
    return u"%1 %2: %3"_s.arg(what, path, QString::fromLocal8Bit(std::strerror(errno)));
}
} // namespace

bool writePrivateFile(const QString &path, const QByteArray &data, QString *error)
{
    QByteArray tmpl = QFile::encodeName(path) + ".tmp-XXXXXX";
    const int fd = ::mkstemp(tmpl.data()); // always 0600
    if (fd < 0) {
        if (error)
            *error = systemError(u"cannot create"_s, path);
        return false;
    }
    bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
    qsizetype written = 0;
    while (ok && written < data.size()) {
        const ssize_t n
            = ::write(fd, data.constData() + written, static_cast<size_t>(data.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        ok = n > 0;
        written += ok ? n : 0;
    }
    ok = ok && ::fsync(fd) == 0;
    const int savedErrno = errno;
    ::close(fd);
    if (ok && ::rename(tmpl.constData(), QFile::encodeName(path).constData()) == 0)
        return true;
    errno = ok ? errno : savedErrno;
    if (error)
        *error = systemError(u"cannot write"_s, path);
    ::unlink(tmpl.constData());
    return false;
}

bool ensurePrivateDir(const QString &dir, QString *error)
{
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = u"cannot create folder "_s + dir;
        return false;
    }
    if (::chmod(QFile::encodeName(dir).constData(), S_IRWXU) != 0) {
        if (error)
            *error = systemError(u"cannot restrict"_s, dir);
        return false;
    }
    return true;
}

#endif

} // namespace hb::security
