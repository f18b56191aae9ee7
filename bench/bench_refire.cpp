// Re-fire latency: patient-view against the embedded greeting service, as the app does it when
// the user presses "Fire patient-view" again (prefetch, CORS preflight emulation, signed JWT,
// call, validation). The reference in the same process is a bare loopback GET of the FHIR
// server's CapabilityStatement through the same transport, so the ratio says what the CDS work
// costs on top of HTTP. Prints one JSON line: {"refireMedianMs", "refireP90Ms",
// "referenceMedianMs", "runs"}.
#include "session/workbench.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {
double percentile(QList<double> values, double p)
{
    std::sort(values.begin(), values.end());
    return values.isEmpty() ? -1 : values.at(qsizetype((values.size() - 1) * p));
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int runs = qMax(5,
                          qEnvironmentVariableIntValue("BENCH_RUNS")
                              ? qEnvironmentVariableIntValue("BENCH_RUNS")
                              : 50);
    hb::session::Workbench bench;
    QString error;
    if (!bench.start(&error)) {
        std::fprintf(stderr, "bench_refire: %s\n", qPrintable(error));
        return 1;
    }
    const auto discovery = bench.client()->discoverAndWait(bench.embeddedDiscovery());
    if (!discovery.document)
        return 1;
    hb::core::ServiceRegistry registry;
    registry.addAll(*discovery.document);
    const auto service = registry.find(u"patient-greeting"_s, u"patient-view"_s);
    if (!service)
        return 1;
    hb::session::EhrState state;
    state.patientId = u"pt-amelia-hart"_s;
    hb::session::InvocationOptions options;
    options.fhirServer = bench.embeddedFhir();

    QList<double> refire;
    QList<double> reference;
    for (int i = 0; i < runs + 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        const auto result
            = bench.invoker()->invokeAndWait(bench.embeddedDiscovery(), *service, state, options);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (result.call.status() != 200 || !result.call.cdsResponse
            || result.call.cdsResponse->cards.isEmpty()) {
            std::fprintf(stderr, "bench_refire: the call did not return cards\n");
            return 1;
        }
        hb::net::TransportRequest get;
        get.url = QUrl(bench.embeddedFhir().toString() + u"/metadata"_s);
        timer.restart();
        bench.transport()->sendAndWait(get);
        const double referenceMs = double(timer.nsecsElapsed()) / 1e6;
        if (i >= 3) { // warm-up runs are not counted
            refire << ms;
            reference << referenceMs;
        }
    }
    const QJsonObject out {{u"refireMedianMs"_s, percentile(refire, 0.5)},
                           {u"refireP90Ms"_s, percentile(refire, 0.9)},
                           {u"referenceMedianMs"_s, percentile(reference, 0.5)},
                           {u"runs"_s, runs}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
