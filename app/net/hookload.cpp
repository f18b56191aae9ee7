#include "net/hookload.h"

#include "core/json.h"
#include "net/rawhttp.h"

#include <QElapsedTimer>
#include <QHostInfo>
#include <QJsonDocument>

#include <algorithm>
#include <ctime>
#include <memory>
#include <numeric>
#include <thread>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

bool isRedirect(int status)
{
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

CorsResponse corsResponse(const LoadResponse &response)
{
    return CorsResponse {response.status, response.headers, {}, true};
}

/// The verdicts of the last answers seen: a service sends the same headers call after call
/// (Date changes once a second), so the browser's evaluation runs about once a second, not
/// once a call. The answer is the same: equal inputs, equal verdict.
struct AnswerCheck
{
    CorsRequest cors;
    CorsOptions corsOptions;
    bool emulateCors = false;

    struct Seen
    {
        int preflightStatus = -1;
        HeaderLines preflightHeaders;
        int status = -1;
        HeaderLines headers;
        bool refused = false;
    };
    std::optional<Seen> lastPreflight, lastCall;
    QByteArray lastGoodBody;

    bool refusedBy(const LoadResponse *preflight, const LoadResponse *actual)
    {
        std::optional<Seen> &last = actual ? lastCall : lastPreflight;
        Seen now;
        if (preflight) {
            now.preflightStatus = preflight->status;
            now.preflightHeaders = preflight->headers;
        }
        if (actual) {
            now.status = actual->status;
            now.headers = actual->headers;
        }
        if (last && last->preflightStatus == now.preflightStatus && last->status == now.status
            && last->preflightHeaders == now.preflightHeaders && last->headers == now.headers)
            return last->refused;
        const std::optional<CorsResponse> pre
            = preflight ? std::optional<CorsResponse>(corsResponse(*preflight)) : std::nullopt;
        const CorsResponse response
            = actual ? corsResponse(*actual) : CorsResponse {0, {}, {}, false};
        now.refused = evaluateCors(cors, pre, response, corsOptions).verdict == CorsVerdict::Fail;
        last = std::move(now);
        return last->refused;
    }

    // CdsClient's order: blocked by the browser, then the status, then a body to parse.
    QString kindOf(const LoadResponse *preflight, const LoadResponse &response)
    {
        if (emulateCors && refusedBy(preflight, &response))
            return u"cors-blocked"_s;
        if (isRedirect(response.status))
            return u"redirect"_s;
        if (response.status != 200)
            return u"http-%1"_s.arg(response.status);
        if (response.body == lastGoodBody && !lastGoodBody.isEmpty())
            return {};
        if (!core::parseJsonObject(response.body).ok())
            return u"invalid-response"_s;
        lastGoodBody = response.body;
        return {};
    }
};

} // namespace

bool leanLoadSupports(const QUrl &url)
{
    return url.scheme() == u"http" && !url.host().isEmpty();
}

QByteArray serializeKeepAlive(const QByteArray &method, const QUrl &url, const HeaderLines &headers,
                              const QByteArray &body)
{
    // The bytes the transport itself writes, so the load is the call Hookbench makes.
    TransportRequest request;
    request.method = method;
    request.url = url;
    request.headers = headers;
    request.body = body;
    return serializeRequest(request);
}

HookLoadPlan prepareHookLoad(const QUrl &url, const core::HookRequest &request, int total,
                             security::ClientJwtSigner *signer, const CdsClientOptions &options)
{
    HookLoadPlan plan;
    if (!leanLoadSupports(url)) {
        plan.error = u"the load client speaks plain http only: %1"_s.arg(url.toString());
        return plan;
    }
    // Resolved once, before the clock starts (the transport resolves per connection).
    QHostAddress address;
    if (!address.setAddress(url.host())) {
        const QHostInfo info = QHostInfo::fromName(url.host());
        if (info.error() != QHostInfo::NoError || info.addresses().isEmpty()) {
            plan.error = u"cannot resolve %1: %2"_s.arg(url.host(), info.errorString());
            return plan;
        }
        address = info.addresses().constFirst();
    }

    auto check = std::make_shared<AnswerCheck>();
    check->emulateCors = options.corsEmulation;
    check->corsOptions.mode = options.corsMode;
    check->cors.origin = options.origin;
    check->cors.method = "POST";
    check->cors.credentials = options.credentials;
    check->cors.url = url;
    // Chromium takes the address space from the address it connects to (CORS10).
    if (QHostAddress literal;
        !literal.setAddress(url.host()) && classifyHost(url.host()) == AddressSpace::Public)
        check->cors.targetSpace = classifyHost(address.toString());
    // The author headers in the Sandbox's axios order (CdsClient::execute): Accept,
    // Authorization, Content-Type. The preflight names them; it is the same for every call.
    const HeaderLines authorNames {{"Accept", "application/json"},
                                   {"Authorization", "Bearer x"},
                                   {"Content-Type", "application/json"}};
    // The verdicts depend on the header names, not on the JWT in them.
    check->cors.headers = signer ? authorNames : HeaderLines {authorNames[0], authorNames[2]};
    QByteArray preflight;
    if (options.corsEmulation) {
        const CorsRequest &probe = check->cors;
        const CorsEvaluation before = evaluateCors(probe, {}, check->corsOptions);
        if (before.verdict == CorsVerdict::Fail) {
            plan.blockedBeforeSending = before.chromiumMessage;
            return plan;
        }
        if (needsPreflight(probe)) {
            const WireRequest wire = preflightRequestFor(probe);
            preflight = serializeKeepAlive(wire.method, url, wire.headers, {});
        }
    }

    QElapsedTimer clock;
    clock.start();
    // The signatures are nearly all of the preparation (an ES384 one takes about 1 ms): they
    // are shared among the cores, each thread with its own copy of the signer (the key store
    // is only read). A deliberate fault keeps one signer: reused-jti repeats its previous jti.
    const int threads = options.jwtFault != security::JwtFault::None || total < 64
        ? 1
        : std::clamp(int(std::thread::hardware_concurrency()), 1, 8);
    const QString audience = url.toString(QUrl::FullyEncoded);
    std::vector<QList<LoadCall>> parts(threads);
    std::vector<double> cpuMs(threads, 0);
    auto prepareRange = [&](int part, int from, int to) {
        const double cpuStart = threadCpuMs();
        std::optional<security::ClientJwtSigner> own;
        if (signer)
            own.emplace(*signer);
        QList<LoadCall> &calls = parts[part];
        calls.reserve(to - from);
        core::HookRequest each = request;
        for (int i = from; i < to; ++i) {
            each.hookInstance = core::HookRequest::newHookInstance();
            const QByteArray body = QJsonDocument(each.toJson()).toJson(QJsonDocument::Compact);
            HeaderLines headers {{"Accept", "application/json"}};
            if (own) {
                const auto jwt = own->sign(audience, options.jwtFault);
                if (!jwt.token.isEmpty())
                    headers.append(HeaderLine {"Authorization", "Bearer " + jwt.token});
            }
            headers.append(HeaderLine {"Content-Type", "application/json"});
            LoadCall call;
            call.preflight = preflight; // shared bytes: the preflight carries no JWT
            if (options.corsEmulation) {
                CorsRequest actual = check->cors;
                actual.headers = headers;
                headers = actualRequestFor(actual).headers;
            }
            call.request = serializeKeepAlive("POST", url, headers, body);
            calls.append(std::move(call));
        }
        cpuMs[part] = threadCpuMs() - cpuStart;
    };
    std::vector<std::thread> workers;
    for (int part = 1; part < threads; ++part)
        workers.emplace_back(prepareRange, part, int(qint64(total) * part / threads),
                             int(qint64(total) * (part + 1) / threads));
    prepareRange(0, 0, int(qint64(total) / threads));
    for (auto &worker : workers)
        worker.join();
    plan.calls.reserve(total);
    for (auto &part : parts)
        plan.calls.append(std::move(part));
    plan.prepareCpuMs = std::accumulate(cpuMs.begin(), cpuMs.end(), 0.0);
    plan.prepareMs = double(clock.nsecsElapsed()) / 1e6;

    plan.load.address = address;
    plan.load.port = quint16(url.port(80));
    plan.load.connectTimeoutMs = options.connectTimeoutMs;
    plan.load.totalTimeoutMs = options.totalTimeoutMs;
    plan.load.maxResponseBytes = options.maxResponseBytes;
    plan.load.keepHeaders = options.corsEmulation;
    if (options.corsEmulation) {
        plan.load.checkPreflight = [check](const LoadResponse &answer) {
            return check->refusedBy(&answer, nullptr) ? u"cors-blocked"_s : QString();
        };
    }
    plan.load.check = [check](const LoadResponse *preflightAnswer, const LoadResponse &answer) {
        return check->kindOf(preflightAnswer, answer);
    };
    return plan;
}

bool sendFirstUncounted(HookLoadPlan *plan)
{
    if (plan->calls.isEmpty())
        return true;
    RawLoadOptions one = plan->load;
    one.concurrency = 1;
    one.progress = nullptr;
    const RawLoadResult result = runRawLoad({plan->calls.takeFirst()}, one);
    return !result.errorsByKind.contains(u"redirect"_s);
}

} // namespace hb::net
