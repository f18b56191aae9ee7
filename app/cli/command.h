#pragma once

#include <QStringList>

#include <optional>

class QCommandLineOption;
class QCommandLineParser;

#include <vector>

namespace hb::cli {

/// Exit codes shared by every subcommand (documented in docs/cli.md).
enum ExitCode : int {
    ExitOk = 0,
    ExitCheckFailed = 1, ///< a check failed: service error, validation errors, CORS failure
    ExitUsage = 2, ///< bad arguments or unreadable input
    ExitConnect = 3, ///< could not connect
};

/// One subcommand of hookbench-cli. `run` gets the arguments with args[0] = "hookbench-cli NAME".
struct Command
{
    const char *name;
    const char *summary;
    int (*run)(const QStringList &args);
};

/// All subcommands, sorted by name. Each cmd_*.cpp registers itself with a CommandRegistration,
/// so adding a subcommand touches no shared file.
const std::vector<Command> &commands();

struct CommandRegistration
{
    explicit CommandRegistration(Command command);
};

/// Prints "hookbench-cli NAME: message", a blank line and the command's help to stderr and
/// returns ExitUsage.
int usageError(const QStringList &args, const QString &message, const QCommandLineParser &parser);

/// Parses a command's arguments. A parse error is a usage error, --help prints the help: then
/// the exit code is returned and the command stops; nullopt means go on.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &args,
                               const QCommandLineOption &help);

} // namespace hb::cli
