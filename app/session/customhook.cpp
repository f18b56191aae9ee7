#include "session/customhook.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace hb::session {

bool ContextCheck::ok() const
{
    if (!parsed)
        return false;
    for (const auto &finding : findings) {
        if (finding.severity == core::Severity::Error)
            return false;
    }
    return true;
}

QStringList ContextCheck::lines() const
{
    QStringList out;
    if (!parsed)
        out.append(u"error JSON: "_s + parseError);
    for (const auto &f : findings)
        out.append(
            u"%1 %2 %3: %4"_s.arg(f.severity == core::Severity::Error ? u"error"_s : u"warning"_s,
                                  f.ruleId, f.pointer, f.message));
    return out;
}

QString prefillContext(const QString &hook, const EhrState &state)
{
    QJsonObject context;
    if (core::isStandardHook(hook)) {
        EhrState plain = state;
        plain.customContext = {}; // the builder's own context, not an earlier hand-written one
        context = core::buildContext(hook, plain.contextInput());
    } else {
        // A hook the catalogue does not know: start from what every hook carries.
        context.insert(u"userId"_s, state.userId);
        if (!state.patientId.isEmpty())
            context.insert(u"patientId"_s, state.patientId);
        if (!state.encounterId.isEmpty())
            context.insert(u"encounterId"_s, state.encounterId);
    }
    return QString::fromUtf8(QJsonDocument(context).toJson(QJsonDocument::Indented));
}

ContextCheck checkContext(const QString &hook, const QString &text)
{
    ContextCheck check;
    check.knownHook = core::isStandardHook(hook);
    if (!core::isValidHookName(hook))
        check.findings.append({u"V26"_s, core::Severity::Error, u"/hook"_s,
                               u"'%1' is neither a CDS Hooks library hook nor a reverse-DNS name "
                               u"(org.example.my-hook)"_s.arg(hook)});
    const QByteArray bytes = text.toUtf8();
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject()) {
        const int offset = error.error != QJsonParseError::NoError ? error.offset : 0;
        const QByteArray before = bytes.left(offset);
        check.errorLine = int(before.count('\n')) + 1;
        check.errorColumn = int(offset - (before.lastIndexOf('\n') + 1)) + 1;
        check.parseError = u"line %1, column %2: %3"_s.arg(check.errorLine)
                               .arg(check.errorColumn)
                               .arg(error.error != QJsonParseError::NoError
                                        ? error.errorString()
                                        : u"the context must be a JSON object"_s);
        return check;
    }
    check.parsed = true;
    check.context = document.object();
    check.findings.append(core::validateContext(hook, check.context));
    return check;
}

QStringList prefetchTokens(const QString &hook)
{
    QStringList tokens;
    for (const auto &field : core::hookDefinition(hook).fields) {
        if (field.prefetchToken)
            tokens.append(u"{{context.%1}}"_s.arg(field.name));
    }
    if (tokens.isEmpty()) // custom hooks: the tokens every EHR resolves
        tokens
            = {u"{{context.patientId}}"_s, u"{{context.userId}}"_s, u"{{context.encounterId}}"_s};
    return tokens;
}

} // namespace hb::session
