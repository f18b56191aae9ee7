#include "scenario/workspacecall.h"

#include "net/cdsclient.h"
#include "scenario/callsetup.h"

using namespace Qt::StringLiterals;

namespace hb::scenario {

QString discoveryNameOf(const QString &sourceUrl)
{
    if (sourceUrl == QStringView(storage::EmbeddedDemoSource))
        return u"embedded"_s;
    if (sourceUrl.startsWith(QStringView(storage::EmbeddedLabSource)))
        return u"lab"_s;
    return sourceUrl;
}

namespace {

// Two spellings of one discovery source: "lab" and "embedded:lab", a base URL and its
// .../cds-services.
bool sameSource(const QString &discovery, const QString &sourceUrl)
{
    const QString name = discoveryNameOf(sourceUrl);
    if (name == discovery)
        return true;
    QString ignored;
    const auto a = parseHttpUrl(discovery, &ignored);
    const auto b = parseHttpUrl(name, &ignored);
    return a && b && net::discoveryUrl(*a) == net::discoveryUrl(*b);
}

} // namespace

QJsonObject workspaceFields(const storage::Workspace &workspace, const QString &discovery,
                            const QString &service, const QString &hook)
{
    QJsonObject fields;
    if (workspace.cors.mode == u"off")
        fields.insert(u"cors"_s, false);
    else
        fields.insert(u"origin"_s, workspace.cors.origin);
    fields.insert(u"timeoutMs"_s, workspace.timeouts.totalMs);
    for (const auto &source : workspace.sources) {
        if (!discovery.isEmpty() && !sameSource(discovery, source.url))
            continue;
        for (const auto &entry : source.services) {
            if (entry.definition.id != service
                || (!hook.isEmpty() && entry.definition.hook != hook))
                continue;
            if (discovery.isEmpty())
                fields.insert(u"discovery"_s, discoveryNameOf(source.url));
            const storage::ServiceSettings &s = entry.settings;
            fields.insert(u"prefetch"_s,
                          s.prefetchMode == u"keys" ? s.prefetchKeys.join(u',') : s.prefetchMode);
            fields.insert(u"accessToken"_s, s.accessToken);
            if (!s.jwtFault.isEmpty() && s.jwtFault != u"none")
                fields.insert(u"jwtFault"_s, s.jwtFault);
            return fields;
        }
    }
    return fields;
}

} // namespace hb::scenario
