// hookbench-cli validate: checks a discovery document, hook request, service response or feedback
// body against the CDS Hooks rules (V1-V26, C3-C8, C21) and prints the findings.
#include "command.h"

#include "core/validator.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTextStream>

#include <algorithm>

using namespace Qt::StringLiterals;
using hb::cli::usageError;
using namespace hb::core;

namespace {

// Reads at most the parser's byte limit plus one, so a huge file is refused without loading it.
bool readInput(const QString &path, QByteArray *bytes, QString *error)
{
    QFile file;
    if (path == u"-") {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            *error = u"cannot read standard input"_s;
            return false;
        }
    } else {
        file.setFileName(path);
        if (QFileInfo(path).isDir() || !file.open(QIODevice::ReadOnly)) {
            *error = u"cannot read %1: %2"_s.arg(
                path, QFileInfo(path).isDir() ? u"is a directory"_s : file.errorString());
            return false;
        }
    }
    *bytes = file.read(JsonLimits().maxBytes + 1);
    return true;
}

QList<Finding> validateAs(DocumentKind kind, const QJsonObject &document, const QString &hook,
                          SpecVersion version)
{
    switch (kind) {
    case DocumentKind::Discovery:
        return validateDiscovery(document, version);
    case DocumentKind::Request: {
        QList<Finding> findings = validateRequest(document, version);
        const QString sent = document.value(u"hook"_s).toString();
        if (!hook.isEmpty() && !sent.isEmpty() && sent != hook)
            findings.append(
                {u"V26"_s, Severity::Error, u"/hook"_s,
                 u"hook %1 does not match the hook %2 the service was discovered for"_s.arg(sent,
                                                                                            hook)});
        return findings;
    }
    case DocumentKind::Feedback:
        return validateFeedback(document, version);
    case DocumentKind::Response:
    case DocumentKind::Unknown:
        break;
    }
    return validateResponse(document, hook, version);
}

void printText(const QString &file, DocumentKind kind, const QString &spec,
               const QList<Finding> &findings)
{
    QTextStream out(stdout);
    for (const Finding &finding : findings)
        out << formatFinding(finding) << '\n';
    out << file << ": " << countSeverity(findings, Severity::Error) << " error(s), "
        << countSeverity(findings, Severity::Warning) << " warning(s), "
        << countSeverity(findings, Severity::Info) << " info (" << documentKindName(kind)
        << ", CDS Hooks " << spec << ")\n";
}

void printJson(const QString &file, DocumentKind kind, const QString &spec,
               const QList<Finding> &findings)
{
    const QJsonObject report {{u"file"_s, file},
                              {u"kind"_s, documentKindName(kind)},
                              {u"spec"_s, spec},
                              {u"valid"_s, !hasErrors(findings)},
                              {u"errors"_s, countSeverity(findings, Severity::Error)},
                              {u"warnings"_s, countSeverity(findings, Severity::Warning)},
                              {u"infos"_s, countSeverity(findings, Severity::Info)},
                              {u"findings"_s, findingsToJson(findings)}};
    QJsonObject withOk = report;
    withOk.insert(u"ok"_s, !hasErrors(findings));
    if (hasErrors(findings))
        withOk.insert(u"error"_s, u"%1 error(s)"_s.arg(countSeverity(findings, Severity::Error)));
    QTextStream(stdout) << QJsonDocument(withOk).toJson(QJsonDocument::Indented);
}

int runValidate(const QStringList &args)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Validates a CDS Hooks discovery document, hook request, service response or feedback "
        u"against the spec's rules (ids V1-V26, C3-C8, C21) and prints "
        u"one finding per line: severity, rule id, JSON pointer, what the spec requires. "
        u"Exit 0: no errors; 1: errors; 2: usage error or unreadable input."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption kind(
        u"kind"_s, u"discovery, request, response or feedback (default: detected)."_s, u"KIND"_s);
    const QCommandLineOption hook(
        u"hook"_s, u"The hook the document is for (a request's hook must match)."_s, u"NAME"_s);
    const QCommandLineOption spec(u"spec"_s, u"1.0 or 2.0 (default 2.0)."_s, u"VERSION"_s,
                                  u"2.0"_s);
    const QCommandLineOption json(u"json"_s, u"Print a JSON report."_s);
    parser.addOptions({help, kind, hook, spec, json});
    parser.addPositionalArgument(u"FILE"_s, u"The JSON document (\"-\" = standard input)."_s);
    if (const auto exit = hb::cli::parseOrExit(parser, args, help))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(args, u"expected exactly one FILE"_s, parser);
    const QString specText = parser.value(spec);
    if (specText != u"1.0" && specText != u"2.0")
        return usageError(args, u"--spec must be 1.0 or 2.0, not '%1'"_s.arg(specText), parser);
    const SpecVersion version = specText == u"1.0" ? SpecVersion::V1_0 : SpecVersion::V2_0;
    DocumentKind chosen = DocumentKind::Unknown;
    if (parser.isSet(kind)) {
        const QString name = parser.value(kind);
        for (DocumentKind k : {DocumentKind::Discovery, DocumentKind::Request,
                               DocumentKind::Response, DocumentKind::Feedback})
            if (documentKindName(k) == name)
                chosen = k;
        if (chosen == DocumentKind::Unknown)
            return usageError(args, u"--kind must be discovery, request, response or feedback"_s,
                              parser);
    }

    const QString file = parser.positionalArguments().first();
    QByteArray bytes;
    QString readError;
    if (!readInput(file, &bytes, &readError))
        return usageError(args, readError, parser);
    // A readable file that is not a JSON object fails validation (exit 1) with a JSON finding.
    const JsonParseResult parsed = parseJsonObject(bytes);
    QList<Finding> findings = jsonFindings(parsed);
    if (parsed.ok()) {
        if (chosen == DocumentKind::Unknown)
            chosen = detectKind(parsed.object);
        if (chosen == DocumentKind::Unknown)
            return usageError(args,
                              u"cannot tell whether %1 is a discovery document, request, "
                              u"response or feedback (no services, context, cards or feedback "
                              u"member); use --kind"_s.arg(file),
                              parser);
        findings.append(validateAs(chosen, parsed.object, parser.value(hook), version));
    }
    // Errors first, then warnings, then info; document order within each.
    std::stable_sort(findings.begin(), findings.end(), [](const Finding &a, const Finding &b) {
        return int(a.severity) < int(b.severity);
    });
    if (parser.isSet(json))
        printJson(file, chosen, specText, findings);
    else
        printText(file, chosen, specText, findings);
    return hasErrors(findings) ? hb::cli::ExitCheckFailed : hb::cli::ExitOk;
}

const hb::cli::CommandRegistration reg {
    {"validate", "validate a discovery document, hook request or response", &runValidate}};

} // namespace
