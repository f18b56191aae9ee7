#pragma once

#include <QJsonObject>
#include <QStringList>
#include <QUrl>

#include <optional>
#include <vector>

class QCommandLineOption;
class QCommandLineParser;
class QTextStream;

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
    /// The command lists --quiet itself; for the others main() takes --quiet / -q off the
    /// arguments (it silences info lines for every command).
    bool declaresQuiet = false;
};

/// All subcommands, sorted by name. Each cmd_*.cpp registers itself with a CommandRegistration,
/// so adding a subcommand touches no shared file.
const std::vector<Command> &commands();

struct CommandRegistration
{
    explicit CommandRegistration(Command command);
};

/// The command's help with the usage line "Usage: hookbench-cli NAME [options] ..." (Qt would
/// print the binary's absolute path and no subcommand).
QString helpText(const QCommandLineParser &parser, const QStringList &args);

/// A usage error: one line "hookbench-cli NAME: message" and a pointer to --help on stderr (and,
/// under --json, {"ok": false, "error": ...} on stdout); returns ExitUsage.
int usageError(const QStringList &args, const QString &message, const QCommandLineParser &parser);
int usageError(const QStringList &args, const QString &message);

/// Parses a command's arguments. A parse error is a usage error, --help prints the help: then
/// the exit code is returned and the command stops; nullopt means go on.
std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &args,
                               const QCommandLineOption &help);

/// Under --json every outcome is one JSON object with "ok" (and "error" on failure): this prints
/// {"ok": false, "error": message, ...extra} on stdout.
void printJsonError(const QString &message, const QJsonObject &extra = {});
/// A command's failure: the message on stderr and, under --json (`asJson`), printJsonError's
/// object on stdout; returns `code`.
int fail(bool asJson, const QString &message, int code, const QJsonObject &extra = {});
/// {"ok": true, ...object} on stdout (indented, or one line when `compact`).
void printJsonOk(const QJsonObject &object, bool compact = false);

/// True when stdout is a terminal and NO_COLOR is unset: only then is text coloured.
bool colourOutput();
/// `text` in ANSI colour (green, red, yellow) when colourOutput(), else as is.
QString green(const QString &text);
QString red(const QString &text);
QString yellow(const QString &text);

/// --quiet: info and debug lines of the logging categories are dropped from stderr.
void silenceInfoLines();

} // namespace hb::cli
