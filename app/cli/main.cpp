// hookbench-cli: the headless shell over the core libraries. Links no GUI library.
#include "command.h"

#include "core/buildinfo.h"
#include "storage/paths.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>

using namespace Qt::StringLiterals;

namespace {

QString usage()
{
    QString text;
    QTextStream out(&text);
    out << "Usage: hookbench-cli [--version] [--help] <command> [options]\n\n"
        << "Hookbench plays the EHR for CDS Hooks services, headless.\n\nCommands:\n";
    for (const auto &command : hb::cli::commands())
        out << "  " << QString::fromLatin1(command.name).leftJustified(10) << " " << command.summary
            << '\n';
    out << "\nRun 'hookbench-cli <command> --help' for a command's options.\n"
        << "Exit codes: 0 ok, 1 a check failed, 2 usage error, 3 could not connect.\n"
        << "Files are written under $HOOKBENCH_HOME (default: the user's data folder).\n";
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"Hookbench"_s);
    QCoreApplication::setOrganizationDomain(u"hookbench.org"_s);
    QCoreApplication::setApplicationName(u"hookbench"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    hb::storage::routeSettingsToHome();

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        err << usage();
        return hb::cli::ExitUsage;
    }
    const QString first = args.at(1);
    if (first == u"--version" || first == u"-v") {
        out << hb::buildinfo::versionText(u"hookbench-cli"_s);
        return hb::cli::ExitOk;
    }
    if (first == u"--help" || first == u"-h" || first == u"help") {
        out << usage();
        return hb::cli::ExitOk;
    }
    for (const auto &command : hb::cli::commands()) {
        if (first == QLatin1String(command.name)) {
            QStringList rest = args.mid(2);
            rest.prepend(u"hookbench-cli "_s + first);
            return command.run(rest);
        }
    }
    err << "hookbench-cli: unknown command '" << first << "'\n\n" << usage();
    return hb::cli::ExitUsage;
}
