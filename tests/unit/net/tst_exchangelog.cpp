// The exchange log: thread-safe appends with one signal each, bounded bodies marked truncated,
// JWT decoding, updates.
#include "net/exchangelog.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace hb::net;

class TestExchangeLog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsFromManyThreads()
    {
        ExchangeLog log;
        // QSignalSpy is not thread-safe: count in the emitting threads with an atomic.
        std::atomic<int> added {0};
        connect(
            &log, &ExchangeLog::exchangeAdded, &log, [&added](quint64) { ++added; },
            Qt::DirectConnection);
        QList<QThread *> threads;
        for (int t = 0; t < 4; ++t) {
            threads.append(QThread::create([&log, t] {
                for (int i = 0; i < 250; ++i) {
                    Exchange e;
                    e.kind = u"t%1"_s.arg(t);
                    log.append(e);
                }
            }));
            threads.last()->start();
        }
        for (auto *thread : threads) {
            QVERIFY(thread->wait(30000));
            delete thread;
        }
        QCOMPARE(log.size(), 1000);
        QCOMPARE(added.load(), 1000);
        QSet<quint64> ids;
        for (const auto &e : log.exchanges())
            ids.insert(e.id);
        QCOMPARE(ids.size(), 1000);
    }

    void boundsBodiesAndCount()
    {
        ExchangeLog log;
        log.setMaxBodyBytes(10);
        log.setMaxExchanges(2);
        Exchange e;
        e.requestBody = "0123456789abc";
        e.responseBody = "short";
        const quint64 first = log.append(e);
        const auto stored = log.exchange(first);
        QVERIFY(stored);
        QCOMPARE(stored->requestBody, QByteArray("0123456789"));
        QVERIFY(stored->requestTruncated);
        QCOMPARE(stored->requestSize, 13);
        QVERIFY(!stored->responseTruncated);
        log.append(e);
        log.append(e);
        QCOMPARE(log.size(), 2);
        QVERIFY(!log.exchange(first)); // oldest dropped
    }

    void updateAddsFindings()
    {
        ExchangeLog log;
        QSignalSpy updated(&log, &ExchangeLog::exchangeUpdated);
        const quint64 id = log.append(Exchange {});
        QVERIFY(log.update(id, [](Exchange &e) {
            e.findings.append({u"V1"_s, hb::core::Severity::Error, u""_s, u"cards is required"_s});
        }));
        QCOMPARE(log.exchange(id)->findings.size(), 1);
        QCOMPARE(updated.size(), 1);
        QVERIFY(!log.update(9999, [](Exchange &) {}));
    }

    void decodesBearerJwt()
    {
        const auto jwt
            = decodeJwt("Bearer eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9."
                        "eyJpc3MiOiJodHRwczovL2hvb2tiZW5jaC5sb2NhbCIsImF1ZCI6IngifQ.c2ln");
        QVERIFY(jwt);
        QCOMPARE(jwt->header.value(u"alg"_s).toString(), u"ES384"_s);
        QCOMPARE(jwt->claims.value(u"aud"_s).toString(), u"x"_s);
        QVERIFY(!decodeJwt("Bearer not-a-jwt"));
        TransportRequest request;
        request.headers = {{"Authorization", "Basic dTpw"}};
        QVERIFY(!exchangeFor(request, u"hook"_s).jwt);
    }
};

QTEST_GUILESS_MAIN(TestExchangeLog)
#include "tst_exchangelog.moc"
