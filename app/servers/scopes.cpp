#include "servers/scopes.h"

#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::servers {

namespace {

bool permits(const QString &permission, FhirInteraction interaction)
{
    if (permission == u"*" || permission == u"read")
        return true;
    if (permission == u"write")
        return false;
    // SMART v2: a subset of "cruds" in that order.
    static const QRegularExpression v2(uR"(^c?r?u?d?s?$)"_s);
    if (!v2.match(permission).hasMatch())
        return false;
    return permission.contains(interaction == FhirInteraction::Read ? u'r' : u's');
}

} // namespace

ScopeDecision checkScopes(const QStringList &scopes, const QString &resourceType,
                          FhirInteraction interaction)
{
    static const QRegularExpression pattern(uR"(^(patient|user|system)/([A-Za-z]+|\*)\.(.+)$)"_s);
    ScopeDecision patientGrant;
    for (const QString &scope : scopes) {
        const auto m = pattern.match(scope);
        if (!m.hasMatch())
            continue;
        const QString type = m.captured(2);
        if ((type != u"*" && type != resourceType) || !permits(m.captured(3), interaction))
            continue;
        if (m.captured(1) != u"patient")
            return ScopeDecision {true, scope, false};
        if (!patientGrant.allowed)
            patientGrant = ScopeDecision {true, scope, true};
    }
    return patientGrant;
}

QStringList scopesForPrefetch(const QMap<QString, QString> &templates)
{
    static const QRegularExpression typePattern(uR"(^([A-Z][A-Za-z]+)(?:[/?]|$))"_s);
    QStringList scopes;
    for (const QString &tmpl : templates) {
        const auto m = typePattern.match(tmpl.trimmed());
        if (!m.hasMatch())
            continue;
        const bool patientBound
            = tmpl.contains(u"{{context.patientId}}") || tmpl.contains(u"{{userPatientId}}");
        scopes.append((patientBound ? u"patient/"_s : u"user/"_s) + m.captured(1) + u".read"_s);
    }
    std::sort(scopes.begin(), scopes.end());
    scopes.erase(std::unique(scopes.begin(), scopes.end()), scopes.end());
    return scopes;
}

bool hasPatientScope(const QStringList &scopes)
{
    return std::any_of(scopes.begin(), scopes.end(),
                       [](const QString &s) { return s.startsWith(u"patient/"); });
}

} // namespace hb::servers
