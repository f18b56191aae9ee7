// The log panel's proxy: each filter of the filter bar, the order, rows appended while filtered,
// and the summary column (most important fact first, repeated warnings collapsed).
#include "logfiltermodel.h"
#include "logmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb::net;

namespace {

Exchange make(const QString &kind, const QString &url, int status)
{
    Exchange e;
    e.kind = kind;
    e.origin = u"hookbench"_s;
    e.method = kind == u"discovery"_s ? "GET" : "POST";
    e.url = QUrl(url);
    e.status = status;
    return e;
}

CorsEvaluation cors(CorsVerdict verdict, const QString &warning = {})
{
    CorsEvaluation c;
    c.verdict = verdict;
    if (verdict == CorsVerdict::Fail) {
        c.stage = CorsStage::Preflight;
        c.chromiumReason = u"No 'Access-Control-Allow-Origin' header is present."_s;
    }
    if (!warning.isEmpty())
        c.warnings.append({warning, u"Chrome 142+ asks the user first."_s, {}});
    return c;
}

QStringList column(const QAbstractItemModel &model, int role)
{
    QStringList out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.data(model.index(row, 0), role).toString());
    return out;
}

} // namespace

class TestLogFilterModel : public QObject
{
    Q_OBJECT

    ExchangeLog log;
    LogModel model;
    LogFilterModel proxy;

private Q_SLOTS:
    void initTestCase()
    {
        const QString base = u"http://127.0.0.1:4000/cds-services"_s;
        log.append(make(u"discovery"_s, base, 200)); // #1
        Exchange greet = make(u"hook"_s, base + u"/patient-greeting"_s, 200); // #2
        greet.cors = cors(CorsVerdict::PassWithWarning, u"local-network-access"_s);
        greet.responseBody = R"({"cards":[{"summary":"Hello Amelia"}]})";
        log.append(greet);
        Exchange broken = make(u"hook"_s, base + u"/cms-price-check"_s, 200); // #3
        broken.findings.append(
            {u"V3"_s, hb::core::Severity::Error, u"/cards/0"_s, u"card.source is required"_s});
        broken.cors = cors(CorsVerdict::PassWithWarning, u"local-network-access"_s);
        log.append(broken);
        Exchange blocked
            = make(u"hook"_s, u"http://127.0.0.1:4100/cds-services/cors-acao-null"_s, 0); // #4
        blocked.cors = cors(CorsVerdict::Fail);
        log.append(blocked);
        Exchange down = make(u"hook"_s, base + u"/patient-greeting"_s, 0); // #5
        down.error = u"Connection refused"_s;
        log.append(down);
        Exchange again = make(u"hook"_s, base + u"/patient-greeting"_s, 200); // #6
        again.cors = cors(CorsVerdict::PassWithWarning, u"local-network-access"_s);
        again.note = u"patient-greeting"_s;
        log.append(again);
        Exchange fb = make(u"feedback"_s, base + u"/patient-greeting/feedback"_s, 404); // #7
        fb.findings.append({u"C21"_s, hb::core::Severity::Warning, {}, u"feedback rejected"_s});
        log.append(fb);
        model.setLog(&log);
        proxy.setLog(&model);
    }

    void init()
    {
        proxy.clearFilters();
        proxy.setNewestFirst(false);
    }

    void isAWellBehavedModel()
    {
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setKind(u"hook"_s);
        proxy.setText(u"greeting"_s);
        proxy.setNewestFirst(true);
        QCOMPARE(proxy.count(), 3);
    }

    void filtersByKindAndService()
    {
        QCOMPARE(proxy.count(), 7);
        proxy.setKind(u"hook"_s);
        QCOMPARE(proxy.count(), 5);
        proxy.setService(u"patient-greeting"_s);
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), (QStringList {u"2"_s, u"5"_s, u"6"_s}));
        proxy.setKind({});
        QCOMPARE(proxy.count(), 4); // the feedback call belongs to the service too
        QCOMPARE(model.services(),
                 (QStringList {u"cms-price-check"_s, u"cors-acao-null"_s, u"patient-greeting"_s}));
        QVERIFY(model.kinds().contains(u"feedback"_s));
    }

    void filtersByStatusClass()
    {
        proxy.setStatusClass(u"4xx"_s);
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), QStringList {u"7"_s});
        proxy.setStatusClass(u"none"_s); // no HTTP answer: blocked by CORS or refused
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), (QStringList {u"4"_s, u"5"_s}));
        proxy.setStatusClass(u"2xx"_s);
        QCOMPARE(proxy.count(), 4);
    }

    void filtersByCorsVerdictAndSeverity()
    {
        proxy.setCorsVerdict(u"fail"_s);
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), QStringList {u"4"_s});
        proxy.setCorsVerdict(u"none"_s);
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), (QStringList {u"1"_s, u"5"_s, u"7"_s}));
        proxy.setCorsVerdict({});
        proxy.setMinSeverity(u"error"_s);
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), QStringList {u"3"_s});
        proxy.setMinSeverity(u"warning"_s); // warning or worse
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), (QStringList {u"3"_s, u"7"_s}));
    }

    void freeTextSearchesUrlsAndBodies()
    {
        proxy.setText(u"AMELIA"_s); // in a response body, case-insensitive
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), QStringList {u"2"_s});
        proxy.setText(u"acao-null"_s); // in the URL
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), QStringList {u"4"_s});
        proxy.setText(u"no such text"_s);
        QCOMPARE(proxy.count(), 0);
        QVERIFY(proxy.filtered());
        proxy.clearFilters();
        QVERIFY(!proxy.filtered());
        QCOMPARE(proxy.count(), 7);
    }

    void newestOrOldestFirst()
    {
        proxy.setNewestFirst(true);
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole).first(), u"7"_s);
        QCOMPARE(proxy.sourceRow(0), 6);
        QCOMPARE(proxy.rowOfExchange(1), 6);
        proxy.setNewestFirst(false);
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole).first(), u"1"_s);
    }

    void appendedRowsLandInPlaceAndAreFiltered()
    {
        proxy.setNewestFirst(true);
        proxy.setStatusClass(u"5xx"_s);
        QCOMPARE(proxy.count(), 0);
        log.append(make(u"hook"_s, u"http://127.0.0.1:4000/cds-services/lab-500"_s, 500));
        log.append(make(u"hook"_s, u"http://127.0.0.1:4000/cds-services/ok"_s, 200));
        QTRY_COMPARE(model.rowCount(), 9); // the model follows the log on its own thread
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole), QStringList {u"8"_s});
        proxy.clearFilters();
        QCOMPARE(column(proxy, LogModel::ExchangeIdRole).first(), u"9"_s); // newest on top
    }

    void summaryShowsTheMostImportantFact()
    {
        const QStringList summaries = column(model, LogModel::SummaryRole);
        const QStringList kinds = column(model, LogModel::SummaryKindRole);
        // #2: the first local-network warning is shown in full.
        QCOMPARE(kinds.at(1), u"warning"_s);
        QCOMPARE(summaries.at(1), u"Chrome 142+ asks the user first."_s);
        // #3: findings outrank the warning.
        QCOMPARE(kinds.at(2), u"findings"_s);
        QVERIFY2(summaries.at(2).contains(u"V3 card.source is required"_s),
                 qPrintable(summaries.at(2)));
        // #4: the CORS failure.
        QCOMPARE(kinds.at(3), u"cors"_s);
        QVERIFY(summaries.at(3).contains(u"Access-Control-Allow-Origin"_s));
        // #5: a transport error outranks everything.
        QCOMPARE(kinds.at(4), u"error"_s);
        QCOMPARE(summaries.at(4), u"Connection refused"_s);
        // #6: the same warning for the same service host collapses to a pointer at #2.
        QCOMPARE(kinds.at(5), u"repeat"_s);
        QCOMPARE(summaries.at(5), u"patient-greeting · same local-network-access warning as #2"_s);
        QCOMPARE(column(model, LogModel::FindingsRole).at(6), u"warning"_s);
    }
};

QTEST_GUILESS_MAIN(TestLogFilterModel)
#include "tst_logfiltermodel.moc"
