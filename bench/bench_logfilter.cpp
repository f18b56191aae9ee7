// Log panel at scale: 100,000 exchanges (hook calls with card bodies, preflights, the services'
// FHIR reads) in the app's own LogModel + LogFilterModel; times loading the model and each
// filter of the filter bar (the issue's bound: a filter change under 100 ms). Prints one JSON
// line: {"exchanges", "loadMs", "<filter>Ms", "<filter>CpuMs", "<filter>Rows"...}. BENCH_EXCHANGES
// overrides the count.
#include "logfiltermodel.h"
#include "logmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>

#include <cstdio>
#include <ctime>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

Exchange sample(int i)
{
    Exchange e;
    const int which = i % 4;
    const QString service = u"service-%1"_s.arg(i % 25);
    e.started = QDateTime::currentDateTimeUtc();
    e.origin = which == 3 ? u"service"_s : u"hookbench"_s;
    e.kind = which == 0 ? u"preflight"_s : which == 3 ? u"fhir"_s : u"hook"_s;
    e.method = which == 0 ? "OPTIONS" : which == 3 ? "GET" : "POST";
    e.url = which == 3 ? QUrl(u"http://127.0.0.1:4001/fhir/Observation?patient=pt-%1"_s.arg(i))
                       : QUrl(u"http://127.0.0.1:4000/cds-services/"_s + service);
    e.status = i % 97 == 0 ? 500 : i % 89 == 0 ? 0 : 200;
    e.note = which == 3 ? service + u" read under patient/Observation.rs"_s : QString();
    e.requestHeaders = {{"Content-Type", "application/json"}, {"Authorization", "Bearer x.y.z"}};
    if (which != 0) {
        e.requestBody = QByteArray(R"({"hook":"patient-view","hookInstance":")")
            + QByteArray::number(i) + R"(","context":{"patientId":"pt-)" + QByteArray::number(i)
            + R"("}})";
        e.responseBody = QByteArray(R"({"cards":[{"summary":"Card )") + QByteArray::number(i)
            + R"(","indicator":"info","source":{"label":"Demo"},"detail":")"
            + QByteArray("Consider a statin: LDL 4.1 mmol/L on 2026-11-02, 10-year risk 12 %. ")
                  .repeated(9)
            + R"("}]})";
    }
    e.timings.totalMs = 3.5;
    CorsEvaluation cors;
    cors.verdict = i % 53 == 0 ? CorsVerdict::Fail : CorsVerdict::PassWithWarning;
    cors.warnings.append({u"local-network-access"_s, u"Chrome 142+ asks first."_s, {}});
    e.cors = cors;
    if (i % 31 == 0)
        e.findings.append({u"V3"_s, hb::core::Severity::Error, u"/cards/0"_s, u"source"_s});
    return e;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int count = qEnvironmentVariableIntValue("BENCH_EXCHANGES") > 0
        ? qEnvironmentVariableIntValue("BENCH_EXCHANGES")
        : 100000;
    ExchangeLog log;
    log.setMaxExchanges(count);
    for (int i = 0; i < count; ++i)
        log.append(sample(i));

    QJsonObject out {{u"exchanges"_s, count}};
    QElapsedTimer timer;
    LogModel model;
    LogFilterModel proxy;
    timer.start();
    model.setLog(&log);
    proxy.setLog(&model);
    out.insert(u"loadMs"_s, double(timer.nsecsElapsed()) / 1e6);

    // Each measure starts from the unfiltered view, as a user picks one filter.
    const auto measure = [&](const char *name, const std::function<void()> &change) {
        proxy.clearFilters();
        proxy.setNewestFirst(false);
        timer.restart();
        const std::clock_t cpu = std::clock();
        change();
        const int rows = proxy.rowCount();
        out.insert(QLatin1String(name) + u"Ms"_s, double(timer.nsecsElapsed()) / 1e6);
        // CPU time too: on a shared machine the wall time mostly measures the other processes.
        out.insert(QLatin1String(name) + u"CpuMs"_s,
                   1000.0 * double(std::clock() - cpu) / CLOCKS_PER_SEC);
        out.insert(QLatin1String(name) + u"Rows"_s, rows);
    };
    measure("kind", [&] { proxy.setKind(u"hook"_s); });
    measure("service", [&] { proxy.setService(u"service-7"_s); });
    measure("clear", [&] {
        proxy.setStatusClass(u"5xx"_s);
        timer.restart();
        proxy.clearFilters();
    });
    measure("status5xx", [&] { proxy.setStatusClass(u"5xx"_s); });
    measure("corsFail", [&] { proxy.setCorsVerdict(u"fail"_s); });
    measure("errors", [&] { proxy.setMinSeverity(u"error"_s); });
    measure("textUrl", [&] { proxy.setText(u"pt-99999"_s); });
    measure("textBody", [&] { proxy.setText(u"CARD 4242"_s); });
    measure("textBodyMiss", [&] { proxy.setText(u"no-such-text"_s); });
    measure("newestFirst", [&] { proxy.setNewestFirst(true); });
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
