#include "command.h"

#include <QCommandLineParser>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QTextStream>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <unistd.h>

using namespace Qt::StringLiterals;

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

QString helpText(const QCommandLineParser &parser, const QStringList &args)
{
    QString text = parser.helpText();
    // Qt writes "Usage: /abs/path/hookbench-cli [options] ..." on the first line.
    const qsizetype end = text.indexOf(u'\n');
    const QString first = text.left(end);
    const qsizetype options = first.indexOf(u" [options]"_s);
    if (first.startsWith(u"Usage: "_s) && options > 0)
        text.replace(7, options - 7, args.value(0, u"hookbench-cli"_s));
    return text;
}

int usageError(const QStringList &args, const QString &message)
{
    const QString name = args.value(0, u"hookbench-cli"_s);
    if (args.contains(u"--json"_s))
        printJsonError(message, {{u"exit"_s, int(ExitUsage)}});
    QTextStream(stderr) << name << ": " << message << "\nRun '" << name
                        << " --help' for the options.\n";
    return ExitUsage;
}

int usageError(const QStringList &args, const QString &message, const QCommandLineParser &)
{
    return usageError(args, message);
}

std::optional<int> parseOrExit(QCommandLineParser &parser, const QStringList &args,
                               const QCommandLineOption &help)
{
    if (!parser.parse(args))
        return usageError(args, parser.errorText(), parser);
    if (parser.isSet(help)) {
        QTextStream(stdout) << helpText(parser, args);
        return ExitOk;
    }
    return std::nullopt;
}

void printJsonError(const QString &message, const QJsonObject &extra)
{
    QJsonObject object = extra;
    object.insert(u"ok"_s, false);
    object.insert(u"error"_s, message);
    QTextStream(stdout) << QJsonDocument(object).toJson(QJsonDocument::Indented);
}

int fail(bool asJson, const QString &message, int code, const QJsonObject &extra)
{
    if (asJson)
        printJsonError(message, extra);
    QTextStream(stderr) << message << '\n';
    return code;
}

void printJsonOk(const QJsonObject &object, bool compact)
{
    QJsonObject all = object;
    all.insert(u"ok"_s, true);
    QTextStream out(stdout);
    out << QJsonDocument(all).toJson(compact ? QJsonDocument::Compact : QJsonDocument::Indented);
    if (compact)
        out << '\n';
}

bool colourOutput()
{
    static const bool on = isatty(fileno(stdout)) && qEnvironmentVariableIsEmpty("NO_COLOR");
    return on;
}

namespace {
QString paint(const char *code, const QString &text)
{
    return colourOutput() ? u"\x1b["_s + QLatin1String(code) + u"m"_s + text + u"\x1b[0m"_s : text;
}
} // namespace

QString green(const QString &text)
{
    return paint("32", text);
}
QString red(const QString &text)
{
    return paint("31", text);
}
QString yellow(const QString &text)
{
    return paint("33", text);
}

void silenceInfoLines()
{
    QLoggingCategory::setFilterRules(u"*.info=false\n*.debug=false"_s);
}

} // namespace hb::cli
