// Hook round trip against curl. Hookbench's own invocation path (session::HookInvoker, as the
// app's "Fire patient-view": prefetch GETs from the embedded FHIR server, CORS preflight
// emulation, a freshly signed client JWT, the POST, response parsing and validation) runs N
// times; then the exchanges of one invocation are written as a curl config (one transfer per
// exchange, `next` between them, keep-alive as Hookbench has it) and one curl process replays
// N such sequences against the same loopback servers. Each curl sequence carries its own fresh
// client JWT and fhirAuthorization token, because the demo service rejects a replayed jti and
// the invoker revokes each token after its call: the servers do the same work for both.
//
// Usage: bench_roundtrip [--calls N] [--patient ID] [--service ID] [--bundle FILE] [--curl PATH]
//                        [--no-curl]
// Prints one JSON line (milliseconds).
#include "benchstats.h"
#include "session/workbench.h"

#include "net/exchangelog.h"
#include "security/clientjwt.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "bench_roundtrip: %s\n", qPrintable(why));
    std::exit(1);
}

// A value for curl's config file: double-quoted, with \ and " escaped (curl's own rules).
QByteArray quoted(QByteArray value)
{
    value.replace('\\', "\\\\").replace('"', "\\\"");
    return '"' + value + '"';
}

// One curl transfer with the exchange's method, URL, header lines (as Hookbench wrote them) and
// body; curl's own defaults are removed where Hookbench sends none, so the servers see the same
// header set.
QByteArray curlTransfer(const hb::net::Exchange &exchange, const QByteArray &authorization,
                        const QString &bodyFile)
{
    QByteArray out;
    out += "url = " + quoted(exchange.url.toString(QUrl::FullyEncoded).toUtf8()) + '\n';
    out += "request = " + quoted(exchange.method) + '\n';
    QList<QByteArray> names;
    for (const auto &line : exchange.requestHeaders) {
        const QByteArray name = line.name.toLower();
        if (name == "host" || name == "content-length")
            continue; // curl writes these itself, with the same values
        QByteArray value = line.value;
        if (name == "authorization" && !authorization.isEmpty())
            value = authorization;
        out += "header = " + quoted(line.name + ": " + value) + '\n';
        names << name;
    }
    if (!names.contains("accept"))
        out += "header = \"Accept:\"\n"; // curl's default Accept: */* is not Hookbench's
    if (!names.contains("user-agent"))
        out += "header = \"User-Agent:\"\n";
    out += "header = \"Expect:\"\n"; // no 100-continue round trip: Hookbench sends none
    if (!bodyFile.isEmpty())
        out += "data-binary = " + quoted('@' + bodyFile.toUtf8()) + '\n';
    out += "output = \"/dev/null\"\n";
    out += "write-out = \"%{http_code} %{time_total} %{num_connects}\\n\"\n";
    return out;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption callsOption(u"calls"_s, u"Timed calls (default 200)."_s, u"N"_s,
                                         u"200"_s);
    const QCommandLineOption patientOption(u"patient"_s, u"Patient id."_s, u"id"_s,
                                           u"pt-amelia-hart"_s);
    const QCommandLineOption serviceOption(u"service"_s, u"Demo service (patient-view)."_s, u"id"_s,
                                           u"patient-greeting"_s);
    const QCommandLineOption bundleOption(u"bundle"_s, u"Extra FHIR Bundle to serve."_s, u"file"_s);
    const QCommandLineOption curlOption(u"curl"_s, u"curl binary."_s, u"path"_s, u"curl"_s);
    const QCommandLineOption noCurlOption(u"no-curl"_s, u"Skip the curl reference."_s);
    parser.addOptions(
        {callsOption, patientOption, serviceOption, bundleOption, curlOption, noCurlOption});
    parser.addHelpOption();
    parser.process(app);
    const int calls = std::max(1, parser.value(callsOption).toInt());

    hb::session::WorkbenchOptions options;
    if (parser.isSet(bundleOption))
        options.serverOptions.bundleFiles = {parser.value(bundleOption)};
    hb::session::Workbench bench(options);
    QString error;
    if (!bench.start(&error))
        fail(error);
    bench.log()->setMaxExchanges(100); // a long run must not measure the log's growth
    const auto discovery = bench.client()->discoverAndWait(bench.embeddedDiscovery());
    if (!discovery.document)
        fail(u"discovery failed: "_s + discovery.error);
    hb::core::ServiceRegistry registry;
    registry.addAll(*discovery.document);
    const auto service = registry.find(parser.value(serviceOption), u"patient-view"_s);
    if (!service)
        fail(u"no such service"_s);
    hb::session::EhrState state;
    state.patientId = parser.value(patientOption);
    hb::session::InvocationOptions invocation;
    invocation.fhirServer = bench.embeddedFhir();

    QList<double> hookbench;
    hb::session::InvocationResult last;
    for (int i = 0; i < calls + 3; ++i) {
        QElapsedTimer timer;
        timer.start();
        auto result = bench.invoker()->invokeAndWait(bench.embeddedDiscovery(), *service, state,
                                                     invocation);
        const double ms = double(timer.nsecsElapsed()) / 1e6;
        if (result.call.status() != 200 || !result.call.cdsResponse
            || result.call.cdsResponse->cards.isEmpty())
            fail(u"the call did not return cards: "_s + result.call.error);
        if (i >= 3) // warm-up runs are not counted
            hookbench << ms;
        last = std::move(result);
    }

    // The exchanges of one invocation, in the order they went out.
    QList<hb::net::Exchange> sequence;
    for (const auto &report : last.prefetch) {
        const auto exchange = bench.log()->exchange(report.exchangeId);
        if (report.exchangeId && exchange)
            sequence << *exchange;
    }
    sequence << last.call.exchanges;
    QJsonArray described;
    for (const auto &exchange : sequence)
        described.append(
            u"%1 %2 %3 -> %4"_s
                .arg(exchange.kind, QString::fromLatin1(exchange.method), exchange.url.path())
                .arg(exchange.status));
    QJsonObject out {{u"calls"_s, calls},
                     {u"patient"_s, state.patientId},
                     {u"service"_s, service->id},
                     {u"exchanges"_s, described},
                     {u"hookbench"_s, stats(hookbench)}};

    if (!parser.isSet(noCurlOption)) {
        QTemporaryDir dir;
        const QByteArray oldToken = last.request.fhirAuthorization
            ? last.request.fhirAuthorization->accessToken.toUtf8()
            : QByteArray();
        hb::security::ClientJwtOptions jwtOptions;
        jwtOptions.jku = QUrl(bench.servers()->baseUrls().jwks);
        hb::security::ClientJwtSigner signer(bench.keys(), jwtOptions);
        QByteArray config;
        for (int i = 0; i < calls; ++i) {
            for (const auto &exchange : sequence) {
                QByteArray authorization;
                QString bodyFile;
                if (!exchange.requestBody.isEmpty()) {
                    QByteArray body = exchange.requestBody;
                    if (exchange.kind == u"hook"_s) {
                        const auto jwt = signer.sign(exchange.url.toString());
                        if (!jwt.ok())
                            fail(jwt.error);
                        authorization = "Bearer " + jwt.token;
                        if (!oldToken.isEmpty()) {
                            const auto grant = bench.servers()->issueServiceToken(
                                service->id,
                                hb::servers::EmbeddedServers::scopesForPrefetch(service->prefetch),
                                state.patientId);
                            body.replace(oldToken, grant.accessToken.toUtf8());
                        }
                    }
                    bodyFile = dir.filePath(u"body-%1-%2.json"_s.arg(i).arg(exchange.id));
                    QFile file(bodyFile);
                    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size())
                        fail(u"cannot write "_s + bodyFile);
                }
                config += curlTransfer(exchange, authorization, bodyFile);
                config += "next\n";
            }
        }
        config.chop(5); // the last "next"
        QFile configFile(dir.filePath(u"curl.conf"_s));
        if (!configFile.open(QIODevice::WriteOnly) || configFile.write(config) != config.size())
            fail(u"cannot write the curl config"_s);
        configFile.close();
        QFile::copy(configFile.fileName(), QDir::temp().filePath(u"bench_roundtrip.curl.conf"_s));

        QProcess curl;
        QElapsedTimer wall;
        wall.start();
        curl.start(parser.value(curlOption), {u"--silent"_s, u"--config"_s, configFile.fileName()});
        if (!curl.waitForFinished(120000) || curl.exitStatus() != QProcess::NormalExit)
            fail(u"curl did not finish: "_s + curl.errorString());
        const double wallMs = double(wall.nsecsElapsed()) / 1e6;
        const QList<QByteArray> lines = curl.readAllStandardOutput().trimmed().split('\n');
        if (lines.size() != calls * sequence.size())
            fail(u"curl made %1 transfers, expected %2: %3"_s.arg(lines.size())
                     .arg(calls * sequence.size())
                     .arg(QString::fromUtf8(curl.readAllStandardError())));
        QList<double> perCall;
        int connects = 0;
        for (int i = 0; i < calls; ++i) {
            double sum = 0;
            for (qsizetype j = 0; j < sequence.size(); ++j) {
                const QList<QByteArray> fields = lines.at(i * sequence.size() + j).split(' ');
                if (fields.value(0).toInt() != sequence.at(j).status)
                    fail(u"curl got HTTP %1 for %2 %3 (Hookbench: %4)"_s
                             .arg(QString::fromLatin1(fields.value(0)),
                                  QString::fromLatin1(sequence.at(j).method),
                                  sequence.at(j).url.toString())
                             .arg(sequence.at(j).status));
                sum += fields.value(1).toDouble() * 1000.0;
                connects += fields.value(2).toInt();
            }
            perCall << sum;
        }
        out.insert(u"curl"_s, stats(perCall));
        out.insert(u"curlWallPerCallMs"_s, wallMs / calls);
        out.insert(u"curlConnectsPerCall"_s, double(connects) / calls);
    }
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
