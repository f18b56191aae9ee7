#include "scenario/loadrun.h"

#include "scenario/runner.h"

#include <QElapsedTimer>
#include <QEventLoop>

#include <memory>
#include <numeric>

using namespace Qt::StringLiterals;

namespace hb::scenario {

namespace {

// Why one call did not count as a success; empty when it did.
QString errorKind(const net::HookCallResult &call)
{
    if (call.blocked())
        return u"cors-blocked"_s;
    if (!call.connected()) {
        const QString kind = call.exchanges.isEmpty() ? QString() : call.exchanges.last().errorKind;
        return kind.isEmpty() ? u"no-response"_s : kind;
    }
    if (call.status() != 200)
        return u"http-%1"_s.arg(call.status());
    if (!call.cdsResponse)
        return u"invalid-response"_s;
    return {};
}

struct LoadState
{
    net::CdsClient *client = nullptr;
    QUrl discovery;
    QString serviceId;
    core::HookRequest prepared;
    LoadOptions options;
    int started = 0;
    LoadReport report;
    QList<double> latencies;
    double overheadSum = 0;
    int overheadCount = 0;
    QEventLoop *loop = nullptr;
};

void startOne(const std::shared_ptr<LoadState> &state)
{
    if (state->started >= state->options.total)
        return;
    ++state->started;
    core::HookRequest request = state->prepared;
    request.hookInstance = core::HookRequest::newHookInstance();
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    state->client->callHook(state->discovery, state->serviceId, request,
                            [state, timer](const net::HookCallResult &call) {
                                const double ms = double(timer->nsecsElapsed()) / 1e6;
                                LoadReport &r = state->report;
                                ++r.completed;
                                const QString kind = errorKind(call);
                                if (kind.isEmpty()) {
                                    state->latencies.append(ms);
                                } else {
                                    ++r.errors;
                                    ++r.errorsByKind[kind];
                                }
                                if (call.response && call.response->timings.totalMs >= 0) {
                                    state->overheadSum
                                        += std::max(0.0, ms - call.response->timings.totalMs);
                                    ++state->overheadCount;
                                }
                                if (state->options.progress)
                                    state->options.progress(r.completed, r.total);
                                if (r.completed == r.total)
                                    state->loop->quit();
                                else
                                    startOne(state);
                            });
}

} // namespace

QJsonObject LoadReport::toJson() const
{
    QJsonObject kinds;
    for (auto it = errorsByKind.begin(); it != errorsByKind.end(); ++it)
        kinds.insert(it.key(), it.value());
    auto ms = [](double v) { return v < 0 ? QJsonValue() : QJsonValue(v); };
    return {{u"total"_s, total},
            {u"completed"_s, completed},
            {u"errors"_s, errors},
            {u"errorsByKind"_s, kinds},
            {u"wallMs"_s, wallMs},
            {u"throughputPerSecond"_s, throughput},
            {u"latencyMs"_s,
             QJsonObject {{u"p50"_s, ms(p50Ms)},
                          {u"p90"_s, ms(p90Ms)},
                          {u"p99"_s, ms(p99Ms)},
                          {u"max"_s, ms(maxMs)},
                          {u"mean"_s, ms(meanMs)}}},
            {u"clientOverheadMsPerCall"_s, ms(clientOverheadMs)}};
}

LoadReport runLoad(net::CdsClient *client, const QUrl &discovery, const QString &serviceId,
                   const core::HookRequest &prepared, const LoadOptions &options)
{
    auto state = std::make_shared<LoadState>();
    state->client = client;
    state->discovery = discovery;
    state->serviceId = serviceId;
    state->prepared = prepared;
    state->options = options;
    state->report.total = std::max(0, options.total);
    if (state->report.total == 0)
        return state->report;
    QEventLoop loop;
    state->loop = &loop;
    QElapsedTimer wall;
    wall.start();
    for (int i = 0; i < std::max(1, options.concurrency); ++i)
        startOne(state);
    if (state->report.completed < state->report.total)
        loop.exec();
    LoadReport report = state->report;
    report.wallMs = double(wall.nsecsElapsed()) / 1e6;
    report.throughput = report.wallMs > 0 ? report.completed * 1000.0 / report.wallMs : 0;
    const QList<double> &l = state->latencies;
    report.p50Ms = quantile(l, 0.50);
    report.p90Ms = quantile(l, 0.90);
    report.p99Ms = quantile(l, 0.99);
    report.maxMs = quantile(l, 1.0);
    if (!l.isEmpty())
        report.meanMs = std::accumulate(l.begin(), l.end(), 0.0) / double(l.size());
    if (state->overheadCount > 0)
        report.clientOverheadMs = state->overheadSum / state->overheadCount;
    state->loop = nullptr;
    return report;
}

} // namespace hb::scenario
