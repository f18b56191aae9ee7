// validateDiscovery(): V24 (services and their fields, duplicate (id, hook)), V25 via
// validatePrefetchTemplate(), V26 (hook names), plus V2 and V22 on the whole document.
#include "core/hooks.h"
#include "core/validator.h"
#include "core/validator_util.h"

#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace hb::core {

using detail::Checker;

namespace {

void checkHookName(Checker &check, const QString &hook, const QString &where)
{
    if (hook.isEmpty())
        return;
    if (!isValidHookName(hook))
        check.warning(u"V26"_s, where,
                      u"hook \"%1\" is neither a library hook nor a reverse-DNS organisation hook"
                      u" name (e.g. org.example.%1)"_s.arg(hook));
    else if (hookDefinition(hook).deprecated)
        check.warning(
            u"V26"_s, where,
            u"hook %1 is deprecated; use %2"_s.arg(hook, hookDefinition(hook).replacedBy));
}

void checkService(Checker &check, const QJsonValue &value, const QString &pointer,
                  QSet<QString> *seen)
{
    if (!value.isObject()) {
        check.error(u"V24"_s, pointer,
                    u"each service must be an object, not %1"_s.arg(jsonTypeName(value)));
        return;
    }
    const QJsonObject service = value.toObject();
    const QString hook
        = check.requireString(service, u"hook"_s, pointer, u"V24"_s, u"service.hook"_s);
    check.requireString(service, u"description"_s, pointer, u"V24"_s, u"service.description"_s);
    const QString id = check.requireString(service, u"id"_s, pointer, u"V24"_s, u"service.id"_s);
    // The id is the last path segment of the service URL.
    static const QRegularExpression unsafe(u"[/?#%\\s]"_s);
    if (unsafe.match(id).hasMatch())
        check.error(
            u"V24"_s, pointer + u"/id"_s,
            u"service.id \"%1\" is used as the URL path segment {base}/cds-services/{id}; it"
            u" must not contain / ? # % or spaces"_s.arg(id));
    if (!service.contains(u"title"_s))
        check.warning(u"V24"_s, pointer + u"/title"_s,
                      u"service.title is RECOMMENDED (a human-friendly name)"_s);
    else
        check.optionalString(service, u"title"_s, pointer, u"V24"_s, u"service.title"_s);
    check.optionalString(service, u"usageRequirements"_s, pointer, u"V24"_s,
                         u"service.usageRequirements"_s);
    if (check.isV1() && service.contains(u"usageRequirements"_s))
        check.info(u"V24"_s, pointer + u"/usageRequirements"_s,
                   u"usageRequirements is not defined in CDS Hooks 1.0"_s);
    checkHookName(check, hook, pointer + u"/hook"_s);
    if (!id.isEmpty() && !hook.isEmpty()) {
        const QString key = id + u'\n' + hook;
        if (seen->contains(key))
            check.error(u"V24"_s, pointer,
                        u"service id \"%1\" is listed twice for hook %2; (id, hook) pairs must be"
                        u" unique"_s.arg(id, hook));
        seen->insert(key);
    }
    const QJsonValue prefetch = service.value(u"prefetch"_s);
    if (prefetch.isUndefined() || prefetch.isNull())
        return;
    if (!prefetch.isObject()) {
        check.error(u"V24"_s, pointer + u"/prefetch"_s,
                    u"prefetch must be an object of key -> template strings"_s);
        return;
    }
    const QJsonObject templates = prefetch.toObject();
    for (auto it = templates.begin(); it != templates.end(); ++it) {
        const QString where = jsonPointerAppend(pointer + u"/prefetch"_s, it.key());
        if (!it.value().isString()) {
            check.error(
                u"V24"_s, where,
                u"prefetch template must be a string, not %1"_s.arg(jsonTypeName(it.value())));
            continue;
        }
        const QList<Finding> found
            = validatePrefetchTemplate(it.value().toString(), hook, where, check.version());
        for (const Finding &finding : found) {
            if (finding.severity == Severity::Error)
                check.error(finding.ruleId, finding.pointer, finding.message);
            else if (finding.severity == Severity::Warning)
                check.warning(finding.ruleId, finding.pointer, finding.message);
            else
                check.info(finding.ruleId, finding.pointer, finding.message);
        }
    }
}

} // namespace

QList<Finding> validateDiscovery(const QJsonObject &document, SpecVersion version)
{
    QList<Finding> out;
    Checker check(&out, version);
    check.checkNoNullOrEmpty(document, QString(), {u"/services"_s}, {u"extension"_s});
    check.checkExtensions(document, QString(), {});
    const QJsonValue services = document.value(u"services"_s);
    if (services.isUndefined()) {
        check.error(u"V24"_s, u"/services"_s,
                    u"a discovery document must have a services array (may be empty)"_s);
        return out;
    }
    if (!services.isArray()) {
        check.error(u"V24"_s, u"/services"_s,
                    u"services must be an array, not %1"_s.arg(jsonTypeName(services)));
        return out;
    }
    QSet<QString> seen;
    const QJsonArray list = services.toArray();
    for (qsizetype i = 0; i < list.size(); ++i)
        checkService(check, list.at(i), u"/services/%1"_s.arg(i), &seen);
    return out;
}

} // namespace hb::core
