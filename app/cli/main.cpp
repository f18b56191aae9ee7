// hookbench-cli: the headless shell over the core libraries. Links no GUI library.
#include "command.h"

#include "storage/paths.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstring>
#include <string>

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
    out << "\nRun 'hookbench-cli help <command>' (or '<command> --help') for a command's options.\n"
        << "--quiet (-q) after any command drops the info lines on stderr.\n"
        << "Exit codes: 0 ok, 1 a check failed, 2 usage error (also an unwritable --har file or "
           "key folder), 3 could not connect.\n"
        << "Files are written under $HOOKBENCH_HOME (default: the user's data folder).\n";
    return text;
}

} // namespace

int main(int argc, char *argv[])
{
    // Qt's help texts print argv[0] as the usage line; every command's should read
    // "Usage: hookbench-cli NAME [options]", not the binary's absolute path.
    static std::string programName = "hookbench-cli";
    if (argc > 1 && argv[1][0] != '-') {
        const bool helpFor = std::strcmp(argv[1], "help") == 0 && argc > 2;
        programName += std::string(" ") + (helpFor ? argv[2] : argv[1]);
    }
    argv[0] = programName.data();
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
    if (args.contains(u"--quiet"_s) || args.contains(u"-q"_s))
        hb::cli::silenceInfoLines();
    QString first = args.at(1);
    QStringList rest = args.mid(2);
    if (first == u"help" && args.size() > 2) {
        // "help CMD" is "CMD --help".
        first = args.at(2);
        rest = {u"--help"_s};
    }
    if (first == u"--version" || first == u"-v") {
        out << "hookbench-cli " << HOOKBENCH_VERSION << '\n';
        return hb::cli::ExitOk;
    }
    if (first == u"--help" || first == u"-h" || first == u"help") {
        out << usage();
        return hb::cli::ExitOk;
    }
    for (const auto &command : hb::cli::commands()) {
        if (first == QLatin1String(command.name)) {
            if (!command.declaresQuiet) {
                rest.removeAll(u"--quiet"_s);
                rest.removeAll(u"-q"_s);
            }
            rest.prepend(u"hookbench-cli "_s + first);
            return command.run(rest);
        }
    }
    err << "hookbench-cli: unknown command '" << first
        << "'\nRun 'hookbench-cli --help' for the commands.\n";
    return hb::cli::ExitUsage;
}
