#pragma once

// Runs one of the real Hookbench binaries and keeps what it printed (end-to-end tests).
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTest>

struct ProcessResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

inline QString hookbenchBinary(const QString &name)
{
    return QStringLiteral(HOOKBENCH_BIN_DIR) + QLatin1Char('/') + name;
}

inline ProcessResult runBinary(const QString &name, const QStringList &args,
                               const QProcessEnvironment &env
                               = QProcessEnvironment::systemEnvironment(),
                               int timeoutMs = 60000)
{
    QProcess process;
    process.setProcessEnvironment(env);
    process.start(hookbenchBinary(name), args);
    ProcessResult result;
    if (!process.waitForStarted(timeoutMs) || !process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        result.err = QStringLiteral("process did not finish in time: ") + process.errorString();
        return result;
    }
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = QString::fromUtf8(process.readAllStandardOutput());
    result.err = QString::fromUtf8(process.readAllStandardError());
    return result;
}
