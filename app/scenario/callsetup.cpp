#include "scenario/callsetup.h"

#include "ehr/orderentry.h"
#include "fhir/fhirstore.h"
#include "security/faultverdict.h"
#include "session/sourceuser.h"
#include "session/workspaceoptions.h"
#include "storage/workspacefile.h"

#include <QEventLoop>
#include <QRegularExpression>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace hb::scenario {

namespace {

QString firstId(const fhir::FhirStore &store, const QString &type)
{
    const QList<QJsonObject> all = store.all(type);
    return all.isEmpty() ? QString() : all.constFirst().value(u"id"_s).toString();
}

} // namespace

void takeSourceUser(session::Workbench &bench, CallSpec *spec, QString *notice)
{
    fhir::FhirClient *client = bench.fhirClient();
    if (!spec->user.isEmpty() || bench.fhirSource().isEmbedded() || !client)
        return;
    const QString asked = session::EhrState {}.userId;
    session::SourceUser user;
    bool done = false;
    QEventLoop loop; // the FHIR client's own timeouts end the wait
    session::resolveUser(client, asked, true, [&](const session::SourceUser &found) {
        user = found;
        done = true;
        loop.quit();
    });
    if (!done)
        loop.exec();
    spec->user = user.reference.isEmpty() ? asked : user.reference;
    if (!user.found)
        *notice = u"could not check the FHIR source's user (%1): context.userId stays %2"_s.arg(
            user.note, spec->user);
    else
        *notice = user.note; // "" when the source has the default user
}

std::optional<QUrl> parseHttpUrl(const QString &input, QString *reason)
{
    const QString text = input.trimmed();
    if (text.isEmpty()) {
        *reason = u"empty URL"_s;
        return std::nullopt;
    }
    static const QRegularExpression scheme(u"^[A-Za-z][A-Za-z0-9+.-]*://"_s);
    const QString withScheme = scheme.match(text).hasMatch() ? text : u"http://"_s + text;
    // QUrl's tolerant parsing made "http://127.0.0.1:99999" into "http://http//...": check the
    // port first, with a sentence a user understands.
    static const QRegularExpression port(u"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*:(\\d+)(?:[/?#]|$)"_s);
    if (const auto m = port.match(withScheme); m.hasMatch()) {
        const qlonglong value = m.captured(1).toLongLong();
        if (value < 1 || value > 65535) {
            *reason = u"'%1' has port '%2': a port is a number from 1 to 65535"_s.arg(
                text, m.captured(1));
            return std::nullopt;
        }
    }
    const QUrl url(withScheme, QUrl::StrictMode);
    if (!url.isValid()) {
        *reason
            = u"'%1' is not a valid URL (%2)"_s.arg(text, url.errorString().section(u';', 0, 0));
        return std::nullopt;
    }
    if (url.scheme() != u"http" && url.scheme() != u"https") {
        *reason = u"'%1' is not an http(s) URL (scheme %2)"_s.arg(text, url.scheme());
        return std::nullopt;
    }
    if (url.host().isEmpty()) {
        *reason = u"'%1' has no host"_s.arg(text);
        return std::nullopt;
    }
    return url;
}

QString checkSpec(const CallSpec &spec)
{
    if (spec.discovery.isEmpty() || spec.service.isEmpty())
        return u"a call needs a discovery URL and a service id"_s;
    if (!QStringList {u"mock"_s, u"none"_s, u"expired"_s}.contains(spec.accessToken))
        return u"access token must be mock, none or expired, not '%1'"_s.arg(spec.accessToken);
    if (!spec.jwtFault.isEmpty() && !security::faultFromName(spec.jwtFault))
        return u"unknown JWT fault '%1'"_s.arg(spec.jwtFault);
    if (spec.timeoutMs <= 0)
        return u"the timeout must be a positive number of milliseconds"_s;
    if (spec.maxResponseBytes <= 0)
        return u"the response size cap must be a positive number of bytes"_s;
    QString reason;
    if (spec.discovery != u"embedded" && spec.discovery != u"lab"
        && !parseHttpUrl(spec.discovery, &reason))
        return u"discovery: "_s + reason;
    const bool remoteFhir = spec.fhir != u"embedded" && spec.fhir != u"none";
    if (remoteFhir && !parseHttpUrl(spec.fhir, &reason))
        return u"FHIR server: "_s + reason;
    // A remote FHIR server's patients are unknown here; the first embedded one would be wrong.
    if (remoteFhir && spec.patient.isEmpty())
        return u"a remote FHIR server needs a patient id (--patient)"_s;
    if (spec.cors && spec.origin != u"none") {
        const QUrl origin(spec.origin, QUrl::StrictMode);
        if (!origin.isValid() || origin.host().isEmpty()
            || (origin.scheme() != u"http" && origin.scheme() != u"https")
            || (!origin.path().isEmpty() && origin.path() != u"/"))
            return u"origin must be scheme://host[:port] (or none), not '%1'"_s.arg(spec.origin);
    }
    return {};
}

bool needsEmbedded(const CallSpec &spec)
{
    return spec.discovery == u"embedded" || spec.discovery == u"lab" || spec.fhir == u"embedded";
}

net::CdsClientOptions clientOptionsFor(const CallSpec &spec, net::CdsClientOptions base)
{
    base.corsEmulation = spec.cors && spec.origin != u"none";
    if (base.corsEmulation)
        base.origin = spec.origin;
    base.totalTimeoutMs = spec.timeoutMs;
    base.connectTimeoutMs = std::min(spec.timeoutMs, 5000);
    base.maxResponseBytes = spec.maxResponseBytes;
    base.jwtFault = security::JwtFault::None;
    return base;
}

session::WorkbenchOptions workbenchOptionsFor(const CallSpec &spec, session::WorkbenchOptions base,
                                              bool alsoEmbedded)
{
    base.embeddedServers = needsEmbedded(spec) || alsoEmbedded;
    base.client = clientOptionsFor(spec, base.client);
    return base;
}

session::WorkbenchOptions workbenchOptionsFor(const QList<CallSpec> &steps,
                                              session::WorkbenchOptions base, bool alsoEmbedded)
{
    base.embeddedServers = alsoEmbedded || std::any_of(steps.begin(), steps.end(), needsEmbedded);
    return base;
}

std::optional<CallWorkspace> loadCallWorkspace(const QString &path, QString *error)
{
    const storage::WorkspaceLoad loaded = storage::loadWorkspace(path);
    if (!loaded.workspace || !loaded.error.isEmpty()) {
        *error = loaded.error; // a backup loaded in its place is an error for a command too
        return std::nullopt;
    }
    QString problem;
    const auto options = session::workbenchOptionsFrom(*loaded.workspace, &problem);
    if (!options) {
        *error = path + u": "_s + problem;
        return std::nullopt;
    }
    return CallWorkspace {*loaded.workspace, *options};
}

SetupFailure startForCall(session::Workbench &bench, QString *error)
{
    QString reason;
    if (bench.start(&reason))
        return SetupFailure::None;
    *error = u"cannot start: "_s + reason;
    // session::Workbench names a key store failure "client keys: ...".
    return reason.startsWith(u"client keys:"_s) ? SetupFailure::Usage : SetupFailure::Connect;
}

QUrl resolveDiscovery(const session::Workbench &bench, const QString &text, QString *error)
{
    if (text == u"embedded" || text == u"lab") {
        const QUrl url
            = text == u"embedded" ? bench.embeddedDiscovery() : bench.embeddedLabDiscovery();
        if (url.isEmpty())
            *error = u"'%1' needs the embedded servers, which are not running"_s.arg(text);
        return url.isEmpty() ? url : net::discoveryUrl(url);
    }
    const auto url = parseHttpUrl(text, error);
    return url ? net::discoveryUrl(*url) : QUrl();
}

PreparedCall prepareCall(session::Workbench &bench, const CallSpec &spec, session::EhrState state,
                         DiscoveryCache *cache)
{
    PreparedCall out;
    if (const QString problem = checkSpec(spec); !problem.isEmpty()) {
        out.failure = SetupFailure::Usage;
        out.error = problem;
        return out;
    }
    out.discoveryUrl = resolveDiscovery(bench, spec.discovery, &out.error);
    if (out.discoveryUrl.isEmpty()) {
        out.failure = SetupFailure::Usage;
        return out;
    }
    out.client = clientOptionsFor(spec, bench.client()->options());
    bench.client()->setOptions(out.client);
    const QString key = out.discoveryUrl.toString() + u'|' + out.client.origin
        + (out.client.corsEmulation ? u"|cors"_s : u"|direct"_s);
    if (cache && cache->contains(key))
        out.discovery = cache->value(key);
    else
        out.discovery = bench.client()->discoverAndWait(out.discoveryUrl);
    if (cache)
        cache->insert(key, *out.discovery);
    if (!out.discovery->document) {
        out.failure
            = out.discovery->couldNotConnect() ? SetupFailure::Connect : SetupFailure::Check;
        out.error = u"discovery at %1 failed: %2"_s.arg(
            out.discoveryUrl.toString(),
            out.discovery->error.isEmpty() ? u"HTTP %1"_s.arg(out.discovery->status())
                                           : out.discovery->error);
        // Chromium's sentence blames CORS even for a preflight answered 404 (a wrong URL): the
        // evaluator's fix says what the status means.
        if (out.discovery->blocked() && !out.discovery->cors->hint.isEmpty())
            out.error += u" Fix: "_s + out.discovery->cors->hint;
        return out;
    }
    core::ServiceRegistry registry;
    registry.addAll(*out.discovery->document);
    const QList<core::ServiceDefinition> candidates = registry.withId(spec.service);
    for (const auto &candidate : candidates) {
        if (spec.hook.isEmpty() || candidate.hook == spec.hook)
            out.service = candidate;
    }
    if (!out.service || (spec.hook.isEmpty() && candidates.size() > 1)) {
        QStringList known;
        for (const auto &s : out.discovery->document->services)
            known.append(s.id + u" ["_s + s.hook + u']');
        out.failure = SetupFailure::Usage;
        out.error = u"service '%1' %2. Services: %3"_s.arg(
            spec.service,
            candidates.size() > 1      ? u"has several hooks: name one (--hook)"_s
                : candidates.isEmpty() ? u"is not in the discovery document"_s
                                       : u"has no hook '%1'"_s.arg(spec.hook),
            known.join(u", "_s));
        out.service.reset();
        return out;
    }

    const fhir::FhirStore *store
        = bench.servers() && bench.servers()->isRunning() ? &bench.servers()->store() : nullptr;
    if (!spec.patient.isEmpty())
        state.patientId = spec.patient;
    else if (state.patientId.isEmpty() && store)
        state.patientId = firstId(*store, u"Patient"_s);
    if (!spec.user.isEmpty())
        state.userId = spec.user;
    if (!spec.encounter.isEmpty())
        state.encounterId = spec.encounter;
    if (spec.draftOrders)
        state.orders = ehr::DraftOrders::fromBundle(*spec.draftOrders, &out.notes);
    QStringList added;
    for (const auto &code : spec.orderCodes) {
        const auto order
            = ehr::draftOrderFor(code, {state.patientId, state.encounterId, state.userId});
        if (!order) {
            out.failure = SetupFailure::Usage;
            out.error = u"order code '%1' is neither in the formulary nor in the imaging "
                        u"catalogue"_s.arg(code);
            return out;
        }
        added.append(state.orders.put(*order));
    }
    if (spec.selections) {
        for (const auto &ref : *spec.selections) {
            if (!state.orders.contains(ref)) {
                out.failure = SetupFailure::Usage;
                out.error = u"selection %1 is not a draft order (draft orders: %2)"_s.arg(
                    ref, state.orders.references().join(u", "_s));
                return out;
            }
        }
        state.orders.select(*spec.selections);
    } else if (!added.isEmpty()) {
        state.orders.select(added);
    } else if (spec.draftOrders) {
        state.orders.select({});
    }
    state.customContext = spec.context;

    session::InvocationOptions &invocation = out.invocation;
    if (spec.prefetch == u"none")
        invocation.prefetch.mode = core::PrefetchMode::None;
    else if (spec.prefetch != u"all") {
        invocation.prefetch.mode = core::PrefetchMode::Chosen;
        invocation.prefetch.chosenKeys = spec.prefetch.split(u',', Qt::SkipEmptyParts);
    }
    invocation.fhirServer = spec.fhir == u"embedded" ? bench.embeddedFhir()
        : spec.fhir == u"none"                       ? QUrl()
                                                     : *parseHttpUrl(spec.fhir, &out.error);
    invocation.prefetchTimeoutMs = spec.timeoutMs;
    invocation.accessToken = spec.accessToken == u"none" ? session::AccessTokenMode::None
        : spec.accessToken == u"expired"                 ? session::AccessTokenMode::Expired
                                                         : session::AccessTokenMode::Mock;
    invocation.allowInvalidRequest = spec.allowInvalidRequest;
    out.state = state;
    // Discovery went out with a valid token; the call carries the fault.
    if (!spec.jwtFault.isEmpty())
        out.client.jwtFault = *security::faultFromName(spec.jwtFault);
    return out;
}

} // namespace hb::scenario
