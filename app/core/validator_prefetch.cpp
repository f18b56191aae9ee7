// V25: prefetch templates are relative FHIR reads/searches whose tokens STU2 can resolve, within
// the recommended query subset (V25).
#include "core/hooks.h"
#include "core/prefetch.h"
#include "core/validator.h"
#include "core/validator_util.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace hb::core {

using detail::Checker;

namespace {

void checkToken(Checker &check, const PrefetchToken &token, const QString &hook,
                const QString &where)
{
    const QString braces = u"{{%1}}"_s.arg(token.expression);
    switch (token.kind) {
    case TokenKind::ContextField: {
        const QString name = token.expression.mid(8);
        const HookDefinition definition = hookDefinition(hook);
        const ContextField *field = definition.field(name);
        if (definition.custom || hook.isEmpty())
            break;
        if (!field)
            check.warning(u"V25"_s, where,
                          u"%1: hook %2 has no context field %3"_s.arg(braces, hook, name));
        else if (!field->prefetchToken)
            check.error(u"V25"_s, where,
                        u"%1: %2 marks context.%3 \"Prefetch Token: No\"; only tokenizable"
                        u" primitive fields may be used"_s.arg(braces, hook, name));
        else if (field->type == FieldType::ReferenceArray)
            check.info(
                u"V25"_s, where,
                u"%1 is an array; STU2 tokens are primitives, clients join it with commas"_s.arg(
                    braces));
        break;
    }
    case TokenKind::UserPractitionerId:
    case TokenKind::UserPractitionerRoleId:
    case TokenKind::UserPatientId:
    case TokenKind::UserRelatedPersonId:
        if (check.isV1())
            check.warning(u"V25"_s, where,
                          u"%1 is new in 2.0; 1.0 clients cannot resolve it"_s.arg(braces));
        break;
    case TokenKind::Today:
    case TokenKind::ContextPath:
    case TokenKind::PrefetchVariable:
        check.warning(
            u"V25"_s, where,
            u"%1 requires CDS Hooks 3.0 (FHIRPath tokens); STU2 clients omit this key"_s.arg(
                braces));
        break;
    case TokenKind::Unknown:
        check.error(
            u"V25"_s, where,
            u"%1 is not a prefetch token: use {{context.<field>}} or a user token"_s.arg(braces));
        break;
    }
}

void checkParameter(Checker &check, const QString &parameter, const QString &where)
{
    static const QRegularExpression datePrefix(u"^([a-z]{2})\\d"_s);
    static const QStringList allowedSpecial {u"_count"_s, u"_sort"_s, u"_id"_s, u"_lastUpdated"_s,
                                             u"_maxresults"_s};
    const QString name = parameter.section(u'=', 0, 0);
    const QString value = parameter.section(u'=', 1);
    if (name == u"sort:desc" || name == u"sort:asc") {
        check.warning(u"V25"_s, where,
                      u"\"%1\" is not FHIR search syntax; use _sort=-%2"_s.arg(parameter, value));
        return;
    }
    if (name.contains(u':') && name.section(u':', 1) != u"in") {
        check.warning(u"V25"_s, where,
                      u"modifier :%1 is outside the recommended prefetch subset (only :in)"_s.arg(
                          name.section(u':', 1)));
    }
    if (name.startsWith(u'_') && !allowedSpecial.contains(name)) {
        check.warning(u"V25"_s, where,
                      u"%1 is outside the recommended prefetch subset (_count, _sort)"_s.arg(name));
    }
    const QRegularExpressionMatch prefix = datePrefix.match(value);
    if (prefix.hasMatch()) {
        const QString p = prefix.captured(1);
        if (p != u"eq" && p != u"lt" && p != u"gt" && p != u"ge" && p != u"le")
            check.warning(
                u"V25"_s, where,
                u"date prefix %1 is outside the recommended subset (eq lt gt ge le)"_s.arg(p));
    }
}

} // namespace

QList<Finding> validatePrefetchTemplate(const QString &templateText, const QString &hook,
                                        const QString &pointer, SpecVersion version)
{
    QList<Finding> out;
    Checker check(&out, version);
    const ParsedTemplate parsed = parsePrefetchTemplate(templateText);
    if (!parsed.error.isEmpty()) {
        check.error(u"V25"_s, pointer, u"invalid prefetch template: %1"_s.arg(parsed.error));
        return out;
    }
    static const QRegularExpression absolute(u"^[A-Za-z][A-Za-z0-9+.-]*://"_s);
    if (absolute.match(templateText).hasMatch() || templateText.startsWith(u'/'))
        check.error(u"V25"_s, pointer,
                    u"prefetch templates must be relative FHIR URLs (\"Patient/{{context."
                    u"patientId}}\"), not \"%1\""_s.arg(templateText));
    for (const PrefetchToken &token : parsed.tokens)
        checkToken(check, token, hook, pointer);
    const QString path = templateText.section(u'?', 0, 0);
    const bool wholeToken
        = parsed.tokens.size() == 1 && parsed.tokens.first().length == path.size();
    if (!wholeToken && path.count(u'/') > 1)
        check.warning(u"V25"_s, pointer,
                      u"the recommended subset is an instance read (Type/id) or a type-level"
                      u" search (Type?params)"_s);
    if (templateText.contains(u'?')) {
        const QStringList parameters
            = templateText.section(u'?', 1).split(u'&', Qt::SkipEmptyParts);
        for (const QString &parameter : parameters)
            checkParameter(check, parameter, pointer);
    }
    return out;
}

} // namespace hb::core
