#include "core/buildinfo.h"

#include <QtGlobal>

#include <openssl/crypto.h>

using namespace Qt::StringLiterals;

// Written by CMake at configure time (buildinfo_commit.cpp.in), so only this library's one object
// changes when the commit does.
extern const char hookbenchBuildCommit[];

namespace hb::buildinfo {

QString version()
{
    return QStringLiteral(HOOKBENCH_VERSION);
}

QString commit()
{
    return QString::fromLatin1(hookbenchBuildCommit);
}

QString qtVersion()
{
    const QString runtime = QString::fromLatin1(qVersion());
    const QString built = QStringLiteral(QT_VERSION_STR);
    return runtime == built ? runtime : u"%1 (built with %2)"_s.arg(runtime, built);
}

QString openSslVersion()
{
    return QString::fromLatin1(OpenSSL_version(OPENSSL_VERSION));
}

QString versionText(const QString &program)
{
    return u"%1 %2\ncommit %3\nQt %4\n%5\n"_s.arg(program, version(), commit(), qtVersion(),
                                                  openSslVersion());
}

} // namespace hb::buildinfo
