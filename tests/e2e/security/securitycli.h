#pragma once

// Shared by the security e2e tests: the real hookbench-cli in a private HOOKBENCH_HOME, with
// every byte it prints kept (the secrecy test scans all of it).
#include "../processrunner.h"

#include <QTemporaryDir>

#include <sys/stat.h>

class SecurityCli
{
public:
    SecurityCli()
    {
        m_env = QProcessEnvironment::systemEnvironment();
        m_env.insert(QStringLiteral("HOOKBENCH_HOME"), m_home.path());
        // Debug logging on, so "never logged" covers every log line the CLI can produce.
        m_env.insert(QStringLiteral("QT_LOGGING_RULES"), QStringLiteral("hookbench.*.debug=true"));
    }

    QString home() const { return m_home.path(); }
    QString keysDir() const { return m_home.filePath(QStringLiteral("keys")); }

    /// Runs hookbench-cli; stdout and stderr are appended to transcript().
    ProcessResult run(const QStringList &args)
    {
        ProcessResult result = runBinary(QStringLiteral("hookbench-cli"), args, m_env);
        m_transcript += QStringLiteral("$ hookbench-cli ") + args.join(QLatin1Char(' '))
            + QLatin1Char('\n') + result.out + result.err;
        return result;
    }

    /// Like run(), but the child starts with umask 0, so nothing but the code decides file modes.
    ProcessResult runWithOpenUmask(const QStringList &args)
    {
        QProcess process;
        process.setProcessEnvironment(m_env);
        process.setChildProcessModifier([] { ::umask(0); });
        process.start(hookbenchBinary(QStringLiteral("hookbench-cli")), args);
        ProcessResult result;
        if (!process.waitForFinished(60000))
            return result;
        result.exitCode = process.exitCode();
        result.out = QString::fromUtf8(process.readAllStandardOutput());
        result.err = QString::fromUtf8(process.readAllStandardError());
        m_transcript += result.out + result.err;
        return result;
    }

    const QString &transcript() const { return m_transcript; }

private:
    QTemporaryDir m_home;
    QProcessEnvironment m_env;
    QString m_transcript;
};
