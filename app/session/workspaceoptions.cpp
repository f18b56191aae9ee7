#include "session/workspaceoptions.h"

#include "net/cdsclient.h"
#include "security/jwtfault.h"
#include "security/keyalgorithm.h"
#include "servers/labapi.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::session {

std::optional<WorkbenchOptions> workbenchOptionsFrom(const storage::Workspace &workspace,
                                                     QString *error)
{
    WorkbenchOptions options;
    options.serverOptions.port = workspace.embedded.port;
    options.serverOptions.labPort = workspace.embedded.labPort;
    net::CdsClientOptions &client = options.client;
    client.corsEmulation = workspace.cors.mode != u"off";
    client.origin = workspace.cors.origin;
    client.corsMode
        = workspace.cors.mode == u"strict" ? net::CorsMode::Strict : net::CorsMode::Browser;
    client.specVersion
        = workspace.specVersion == u"1.0" ? core::SpecVersion::V1_0 : core::SpecVersion::V2_0;
    client.connectTimeoutMs = workspace.timeouts.connectMs;
    client.totalTimeoutMs = workspace.timeouts.totalMs;
    security::ClientJwtOptions &jwt = options.jwt;
    if (!workspace.client.issuer.isEmpty())
        jwt.issuer = workspace.client.issuer;
    jwt.lifetimeSeconds = workspace.client.jwtLifetimeSeconds;
    jwt.tenant = workspace.client.tenant;
    if (!workspace.client.algorithm.isEmpty()) {
        jwt.algorithm = security::algorithmFromName(workspace.client.algorithm);
        if (!jwt.algorithm) {
            if (error)
                *error = u"/client/algorithm: '%1' is not ES384 or RS384"_s.arg(
                    workspace.client.algorithm);
            return std::nullopt;
        }
    }
    for (qsizetype s = 0; s < workspace.sources.size(); ++s) {
        const auto &services = workspace.sources.at(s).services;
        for (qsizetype i = 0; i < services.size(); ++i) {
            if (!jwtFaultOf(services.at(i).settings)) {
                if (error)
                    *error = u"/sources/%1/services/%2/jwtFault: '%3' is not a JWT fault "
                             "(hookbench-cli token --help lists them)"_s.arg(s)
                                 .arg(i)
                                 .arg(services.at(i).settings.jwtFault);
                return std::nullopt;
            }
        }
    }
    return options;
}

InvocationOptions invocationOptionsFor(const storage::Workspace &workspace,
                                       const storage::ServiceSettings &settings)
{
    InvocationOptions options;
    options.prefetch.mode = settings.prefetchMode == u"none" ? core::PrefetchMode::None
        : settings.prefetchMode == u"keys"                   ? core::PrefetchMode::Chosen
                                                             : core::PrefetchMode::All;
    options.prefetch.chosenKeys = settings.prefetchKeys;
    options.accessToken = settings.accessToken == u"none" ? AccessTokenMode::None
        : settings.accessToken == u"expired"              ? AccessTokenMode::Expired
                                                          : AccessTokenMode::Mock;
    options.prefetchTimeoutMs = workspace.timeouts.prefetchMs;
    options.subject = settings.subject;
    return options;
}

std::optional<security::JwtFault> jwtFaultOf(const storage::ServiceSettings &settings)
{
    if (settings.jwtFault.isEmpty() || settings.jwtFault == u"none")
        return security::JwtFault::None;
    return security::faultFromName(settings.jwtFault);
}

QUrl discoveryUrlOf(const QString &sourceUrl, const Workbench &workbench)
{
    if (sourceUrl == QStringView(storage::EmbeddedDemoSource))
        return workbench.embeddedDiscovery();
    const QString lab = QString::fromUtf16(storage::EmbeddedLabSource);
    if (sourceUrl == lab)
        return workbench.embeddedLabDiscovery();
    if (sourceUrl.startsWith(lab + u':')) {
        // "embedded:lab:a,b" keeps only those lab services (the lab serves /{ids}/cds-services).
        const QUrl base = workbench.embeddedLabDiscovery();
        return base.isEmpty()
            ? QUrl()
            : base.resolved(QUrl(u"/"_s + sourceUrl.mid(lab.size() + 1) + u"/cds-services"_s));
    }
    return QUrl(sourceUrl);
}

QString sourceProblem(const QString &sourceUrl)
{
    const QString lab = QString::fromUtf16(storage::EmbeddedLabSource);
    if (!sourceUrl.startsWith(lab + u':'))
        return {};
    QStringList known;
    for (const auto &service : servers::labServices())
        known.append(service.id);
    QStringList unknown;
    QStringList similar; // known ids sharing a word with an unknown one ("many-cards" ->
                         // "hostile-10000-cards"): the whole list is too long for a card
    for (const QString &id : sourceUrl.mid(lab.size() + 1).split(u',', Qt::SkipEmptyParts)) {
        if (known.contains(id))
            continue;
        unknown.append(u"'"_s + id + u"'"_s);
        const QStringList words = id.split(u'-', Qt::SkipEmptyParts);
        for (const QString &candidate : std::as_const(known)) {
            const QStringList theirs = candidate.split(u'-');
            const bool shares = std::any_of(words.begin(), words.end(), [&](const QString &w) {
                return w.size() >= 3 && theirs.contains(w);
            });
            if (shares && !similar.contains(candidate) && similar.size() < 8)
                similar.append(candidate);
        }
    }
    if (unknown.isEmpty())
        return {};
    const QString all = u"the source %1 lists all %2"_s.arg(lab).arg(known.size());
    return similar.isEmpty()
        ? u"no lab service %1 (the lab has e.g. %2; %3)"_s.arg(unknown.join(u", "_s),
                                                               known.mid(0, 4).join(u", "_s), all)
        : u"no lab service %1 (similar: %2; %3)"_s.arg(unknown.join(u", "_s), similar.join(u", "_s),
                                                       all);
}

void applyDiscovery(storage::DiscoverySource &source, const core::DiscoveryDocument &document,
                    const QDateTime &when)
{
    QList<storage::WorkspaceService> services;
    for (const auto &definition : document.services) {
        storage::WorkspaceService service {definition, {}};
        for (const auto &previous : std::as_const(source.services)) {
            if (previous.definition.id == definition.id
                && previous.definition.hook == definition.hook)
                service.settings = previous.settings;
        }
        services << service;
    }
    source.services = services;
    source.discoveredAt = when.toUTC();
}

QList<ServiceRef> enabledServicesFor(const storage::Workspace &workspace, const QString &hook)
{
    QList<ServiceRef> list;
    for (const auto &source : workspace.sources) {
        for (const auto &service : source.services) {
            if (service.settings.enabled && service.definition.hook == hook)
                list << ServiceRef {source.url, service};
        }
    }
    return list;
}

} // namespace hb::session
