// Scale in the window, with the app's own QML components, models and Material style:
//   bench_gui cards [--count N] [--runs R]
//     N patient-view cards from N/25 services (the model's per-service bound), from the
//     responses' bytes to the first frame that shows them: JSON parse, validation (V1-V26),
//     typed cards, CardsModel::setServiceCards and the frame of panels/CardsColumn.qml.
//     Reference in the same run: the same with one card.
//   bench_gui log [--count N] [--runs R]
//     N exchanges in the ExchangeLog shown by LogModel in panels/LogPanel.qml, copied from the
//     exchanges of a real invocation against the embedded servers (their own bodies, so no
//     sharing flatters the memory figure): memory held (RSS growth), the time to append them
//     and let the model catch up, the filter time (LogFilterModel's free-text filter over URLs and
//     bodies, as the log panel's search box sets it) and frame times while scrolling a page per
//     frame.
// Prints one JSON line (milliseconds, KiB).
#include "benchstats.h"
#include "cardsmodel.h"
#include "logfiltermodel.h"
#include "logmodel.h"

#include "core/json.h"
#include "core/response.h"
#include "core/validator.h"
#include "platform/processinfo.h"
#include "session/workbench.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QGuiApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QQmlApplicationEngine>
#include <QQmlProperty>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>

#include <malloc.h>

#include <algorithm>
#include <atomic>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace {

[[noreturn]] void fail(const QString &why)
{
    std::fprintf(stderr, "bench_gui: %s\n", qPrintable(why));
    std::exit(1);
}

/// Bytes the heap has handed out (glibc): unlike RSS it does not depend on what the allocator
/// returned to the kernel or on the machine, so it counts what the log holds to the byte.
qint64 heapBytes()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks + info.hblkhd);
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

/// A window holding one of the app's QML components; waits for frames.
class Stage
{
public:
    explicit Stage(const QByteArray &qml)
    {
        m_engine.addImportPath(u"qrc:/qt/qml"_s);
        m_engine.loadData(qml);
        m_window = qobject_cast<QQuickWindow *>(m_engine.rootObjects().value(0));
        if (!m_window)
            fail(u"the bench window did not load"_s);
        QObject::connect(
            m_window, &QQuickWindow::frameSwapped, m_window, [this] { ++m_frames; },
            Qt::DirectConnection);
        waitFrame();
        waitFrame();
    }

    QQuickItem *item(const char *name) const
    {
        auto *found = m_window->findChild<QQuickItem *>(QString::fromLatin1(name));
        if (!found)
            fail(u"no item "_s + QString::fromLatin1(name));
        return found;
    }

    /// Returns once a frame was presented after this call (the render loop may be threaded).
    /// Runs a real event loop, not processEvents(): only a loop deletes the delegates a view
    /// dropped (deleteLater), and a bench that keeps them measures its own leak.
    void waitFrame()
    {
        const int target = m_frames.load() + 1;
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (m_frames.load() >= target)
                loop.quit();
        });
        poll.start(1);
        QTimer::singleShot(20000, &loop, [] { fail(u"no frame within 20 s"_s); });
        m_window->update();
        loop.exec();
    }

private:
    QQmlApplicationEngine m_engine;
    QQuickWindow *m_window = nullptr;
    std::atomic<int> m_frames {0};
};

const char *const windowHead = "import QtQuick\nimport QtQuick.Controls\nimport Hookbench\n"
                               "ApplicationWindow { width: 1440; height: 900; visible: true\n";

QByteArray cardsResponse(int count)
{
    static const char *const indicators[] = {"info", "warning", "critical"};
    QJsonArray cards;
    for (int i = 0; i < count; ++i) {
        const QJsonObject action {
            {u"type"_s, u"create"_s},
            {u"description"_s, u"Order an HbA1c test"_s},
            {u"resource"_s,
             QJsonObject {
                 {u"resourceType"_s, u"ServiceRequest"_s},
                 {u"id"_s, u"hba1c-%1"_s.arg(i)},
                 {u"status"_s, u"draft"_s},
                 {u"intent"_s, u"order"_s},
                 {u"subject"_s, QJsonObject {{u"reference"_s, u"Patient/pt-amelia-hart"_s}}}}}};
        cards.append(QJsonObject {
            {u"uuid"_s, u"6f1c2f40-0000-4000-8000-%1"_s.arg(i, 12, 10, QChar(u'0'))},
            {u"summary"_s, u"Card %1: HbA1c overdue (last one 9 months ago)"_s.arg(i)},
            {u"indicator"_s, QString::fromLatin1(indicators[i % 3])},
            {u"detail"_s,
             u"Adults with diabetes should have an HbA1c **at least every 6 months** when not "
             u"at goal. See [the guideline](https://example.org/guideline/%1)."_s.arg(i)},
            {u"source"_s,
             QJsonObject {{u"label"_s, u"Care gaps"_s}, {u"url"_s, u"https://example.org"_s}}},
            {u"selectionBehavior"_s, u"at-most-one"_s},
            {u"suggestions"_s,
             QJsonArray {QJsonObject {
                 {u"label"_s, u"Order HbA1c today"_s},
                 {u"uuid"_s, u"7a000000-0000-4000-8000-%1"_s.arg(i, 12, 10, QChar(u'0'))},
                 {u"isRecommended"_s, true},
                 {u"actions"_s, QJsonArray {action}}}}},
            {u"links"_s,
             QJsonArray {QJsonObject {{u"label"_s, u"Guideline"_s},
                                      {u"url"_s, u"https://example.org/guideline"_s},
                                      {u"type"_s, u"absolute"_s}}}}});
    }
    return QJsonDocument(QJsonObject {{u"cards"_s, cards}}).toJson(QJsonDocument::Compact);
}

QJsonObject runCards(int count, int runs)
{
    CardsModel model;
    Stage stage(QByteArray(windowHead)
                + "CardsColumn { objectName: 'column'; anchors.right: parent.right; "
                  "width: Theme.cardsWidth; height: parent.height } }\n");
    stage.item("column")->setProperty("model", QVariant::fromValue(static_cast<QObject *>(&model)));
    stage.waitFrame();
    // The model shows at most MaxCardsPerService cards per service (#16), so N cards come from
    // ceil(N / 25) services, one response each, as a hook fired at many services returns them.
    auto measure = [&](int cards) {
        const int perService = CardsModel::MaxCardsPerService;
        QList<QByteArray> responses;
        qsizetype bytes = 0;
        for (int left = cards; left > 0; left -= perService) {
            responses << cardsResponse(std::min(left, perService));
            bytes += responses.last().size();
        }
        QList<double> total, parse, modelMs, frame;
        for (int run = 0; run < runs + 1; ++run) {
            model.clear();
            stage.waitFrame();
            QElapsedTimer timer;
            timer.start();
            QList<QList<hb::core::Card>> parsedCards;
            qsizetype findings = 0;
            for (const QByteArray &body : responses) {
                const auto parsed = hb::core::parseJsonObject(body);
                findings += hb::core::validateResponse(parsed.object, u"patient-view"_s).size();
                parsedCards << hb::core::CdsResponse::fromJson(parsed.object).cards;
            }
            const double parsedMs = msSince(timer);
            for (qsizetype i = 0; i < parsedCards.size(); ++i) {
                const QString service = u"bench-%1"_s.arg(i);
                model.setServiceCards(service, service, u"hook-%1"_s.arg(i), parsedCards.at(i));
            }
            const double modelDoneMs = msSince(timer);
            stage.waitFrame();
            const double doneMs = msSince(timer);
            if (model.rowCount() != cards)
                fail(u"%1 rows for %2 cards from %3 services (%4 findings)"_s.arg(model.rowCount())
                         .arg(cards)
                         .arg(responses.size())
                         .arg(findings));
            if (run == 0)
                continue; // warm-up: first delegate creation compiles bindings
            total << doneMs;
            parse << parsedMs;
            modelMs << modelDoneMs - parsedMs;
            frame << doneMs - modelDoneMs;
        }
        return QJsonObject {{u"cards"_s, cards},
                            {u"services"_s, int(responses.size())},
                            {u"bytes"_s, int(bytes)},
                            {u"total"_s, stats(total)},
                            {u"parseValidate"_s, stats(parse)},
                            {u"model"_s, stats(modelMs)},
                            {u"frame"_s, stats(frame)}};
    };
    return {{u"many"_s, measure(count)}, {u"one"_s, measure(1)}};
}

QList<hb::net::Exchange> realExchanges()
{
    hb::session::Workbench bench;
    QString error;
    if (!bench.start(&error))
        fail(error);
    const auto discovery = bench.client()->discoverAndWait(bench.embeddedDiscovery());
    if (!discovery.document)
        fail(u"discovery failed"_s);
    hb::core::ServiceRegistry registry;
    registry.addAll(*discovery.document);
    hb::session::EhrState state;
    state.patientId = u"pt-amelia-hart"_s;
    hb::session::InvocationOptions options;
    options.fhirServer = bench.embeddedFhir();
    for (const auto &service : registry.all()) {
        if (service.hook == u"patient-view"_s)
            bench.invoker()->invokeAndWait(bench.embeddedDiscovery(), service, state, options);
    }
    const auto exchanges = bench.log()->exchanges();
    if (exchanges.size() < 4)
        fail(u"too few exchanges from a real invocation"_s);
    return exchanges;
}

QByteArray ownCopy(const QByteArray &bytes)
{
    return QByteArray(bytes.constData(), bytes.size());
}

QJsonObject runLog(int count, int runs)
{
    const QList<hb::net::Exchange> templates = realExchanges();
    qint64 templateBytes = 0;
    for (const auto &exchange : templates)
        templateBytes += exchange.requestBody.size() + exchange.responseBody.size();

    hb::net::ExchangeLog log;
    log.setMaxExchanges(count);
    LogModel model;
    LogFilterModel filter; // the log panel's own filter proxy
    Stage stage(QByteArray(windowHead)
                + "LogPanel { objectName: 'log'; anchors.fill: parent } }\n");
    const qint64 rssBefore = hb::platform::residentKiB();
    const qint64 heapBefore = heapBytes();
    auto copyOf = [&](int i) {
        hb::net::Exchange exchange = templates.at(i % templates.size());
        exchange.requestBody = ownCopy(exchange.requestBody);
        exchange.responseBody = ownCopy(exchange.responseBody);
        exchange.url.setQuery(u"n=%1"_s.arg(i)); // its own URL string, as real traffic has
        return exchange;
    };
    // All but the last 1,000 go in before the panel shows the log (one model reset, as when the
    // log panel opens on a long session); the last 1,000 arrive one by one with the view live.
    const int live = std::min(count, 1000);
    for (int i = 0; i < count - live; ++i)
        log.append(copyOf(i));
    QElapsedTimer timer;
    timer.start();
    model.setLog(&log);
    filter.setLog(&model);
    stage.item("log")->setProperty("model", QVariant::fromValue(static_cast<QObject *>(&filter)));
    stage.waitFrame();
    const double loadMs = msSince(timer);
    timer.restart();
    for (int i = count - live; i < count; ++i) {
        log.append(copyOf(i));
        if (i % 100 == 99)
            stage.waitFrame(); // the model and the view catch up, as in the running app
    }
    stage.waitFrame();
    const double appendMs = msSince(timer);
    const qint64 rssAfter = hb::platform::residentKiB();
    const qint64 heapAfter = heapBytes();
    if (model.rowCount() != count)
        fail(u"the log model has %1 rows, expected %2"_s.arg(model.rowCount()).arg(count));

    // Filtering: every row is tested (the proxy asks the model for each row's text).
    QList<double> filterMs, clearMs;
    int matched = 0;
    for (int run = 0; run < runs; ++run) {
        timer.restart();
        filter.setText(u"Observation"_s);
        stage.waitFrame();
        filterMs << msSince(timer);
        matched = filter.rowCount();
        timer.restart();
        filter.clearFilters();
        stage.waitFrame();
        clearMs << msSince(timer);
    }
    if (matched == 0 || matched >= count)
        fail(u"the filter matched %1 of %2 rows"_s.arg(matched).arg(count));

    // Scrolling a page per frame through the whole log (every frame has new delegates).
    auto *list = stage.item("exchangeList");
    const double page = list->height();
    const int frames = std::max(30, 60 * runs);
    const double step
        = std::max(page, (list->property("contentHeight").toDouble() - page) / frames);
    QList<double> frameMs;
    list->setProperty("contentY", 0);
    stage.waitFrame();
    for (int i = 1; i <= frames; ++i) {
        timer.restart();
        list->setProperty("contentY", step * i);
        stage.waitFrame();
        frameMs << msSince(timer);
    }
    return {{u"exchanges"_s, count},
            {u"templateExchanges"_s, int(templates.size())},
            {u"templateBodyBytes"_s, templateBytes},
            {u"rssBeforeKiB"_s, rssBefore},
            {u"rssAfterKiB"_s, rssAfter},
            {u"heapBytesPerExchange"_s, double(heapAfter - heapBefore) / count},
            {u"exchangeStructBytes"_s, int(sizeof(hb::net::Exchange))},
            {u"peakKiB"_s, hb::platform::peakRssKiB()},
            {u"loadMs"_s, loadMs},
            {u"liveAppends"_s, live},
            {u"appendMs"_s, appendMs},
            {u"filter"_s, stats(filterMs)},
            {u"filterMatched"_s, matched},
            {u"clearFilter"_s, stats(clearMs)},
            {u"scrollFrame"_s, stats(frameMs)}};
}

} // namespace

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QQuickStyle::setStyle(u"Material"_s);
    QCommandLineParser parser;
    const QCommandLineOption countOption(u"count"_s, u"Cards or exchanges."_s, u"N"_s);
    const QCommandLineOption runsOption(u"runs"_s, u"Repetitions."_s, u"R"_s, u"5"_s);
    parser.addOptions({countOption, runsOption});
    parser.addPositionalArgument(u"mode"_s, u"cards or log"_s);
    parser.addHelpOption();
    parser.process(app);
    const QString mode = parser.positionalArguments().value(0);
    const int runs = std::max(1, parser.value(runsOption).toInt());
    QJsonObject out;
    if (mode == u"cards"_s)
        out = runCards(parser.isSet(countOption) ? parser.value(countOption).toInt() : 1000, runs);
    else if (mode == u"log"_s)
        out = runLog(parser.isSet(countOption) ? parser.value(countOption).toInt() : 100000, runs);
    else
        fail(u"mode must be cards or log"_s);
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
