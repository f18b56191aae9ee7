#include "storage/savetemporaries.h"

#include "storage/logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::storage {

int removeStaleSaveTemporaries(const QString &file, const QDateTime &saveStartedAt)
{
    const QFileInfo target(file);
    const QDir folder = target.absoluteDir();
    // QTemporaryFileName replaces the template's "XXXXXX" with letters only (qtemporaryfile.cpp:
    // "our dictionary is 26+26 characters"); nothing else of the user's matches.
    const QRegularExpression temporary(u"\\A"_s + QRegularExpression::escape(target.fileName())
                                       + u"\\.[A-Za-z]{6}\\z"_s);
    int removed = 0;
    const QFileInfoList candidates = folder.entryInfoList(
        {target.fileName() + u".??????"_s}, QDir::Files | QDir::Hidden | QDir::NoSymLinks);
    for (const QFileInfo &candidate : candidates) {
        if (!temporary.match(candidate.fileName()).hasMatch()
            || candidate.lastModified() >= saveStartedAt)
            continue;
        if (QFile::remove(candidate.absoluteFilePath())) {
            ++removed;
            qCInfo(lcStorage).noquote()
                << "removed" << QDir::toNativeSeparators(candidate.absoluteFilePath())
                << "(left by a save that was interrupted)";
        }
    }
    return removed;
}

bool removeAbandonedEmptyLock(const QString &lock, const QDateTime &saveStartedAt)
{
    const QFileInfo info(lock);
    if (!info.isFile() || info.size() != 0 || info.lastModified() >= saveStartedAt)
        return false;
    if (!QFile::remove(lock))
        return false;
    qCInfo(lcStorage).noquote() << "removed the empty lock" << QDir::toNativeSeparators(lock)
                                << "(left by a save that was interrupted)";
    return true;
}

} // namespace hb::storage
