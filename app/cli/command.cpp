#include "command.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <algorithm>
#include <cstring>

namespace hb::cli {

namespace {
std::vector<Command> &registry()
{
    static std::vector<Command> all;
    return all;
}
} // namespace

const std::vector<Command> &commands()
{
    return registry();
}

CommandRegistration::CommandRegistration(Command command)
{
    auto &all = registry();
    all.push_back(command);
    std::sort(all.begin(), all.end(),
              [](const Command &a, const Command &b) { return std::strcmp(a.name, b.name) < 0; });
}

int usageError(const QStringList &args, const QString &message, const QCommandLineParser &parser)
{
    QTextStream(stderr) << args.first() << ": " << message << "\n\n" << parser.helpText();
    return ExitUsage;
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &args,
                               const QCommandLineOption &help)
{
    if (!parser.parse(args))
        return usageError(args, parser.errorText(), parser);
    if (parser.isSet(help)) {
        QTextStream(stdout) << parser.helpText();
        return ExitOk;
    }
    return std::nullopt;
}

} // namespace hb::cli
