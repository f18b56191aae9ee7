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

    // The log and its views share each stored exchange (LogModel keeps the log's objects, not
    // copies); an update must not change what an earlier holder sees until it asks again.
    void updateCopiesOnWrite()
    {
        ExchangeLog log;
        Exchange e;
        e.kind = u"hook"_s;
        CorsEvaluation cors;
        cors.hint = u"before"_s;
        e.cors = cors;
        const quint64 id = log.append(e);
        const ExchangeRef held = log.find(id);
        QVERIFY(held);
        QCOMPARE(log.snapshot().value(0).get(), held.get()); // the same object, no copy
        QVERIFY(log.update(id, [](Exchange &stored) {
            stored.cors->hint = u"after"_s;
            stored.note = u"updated"_s;
        }));
        QCOMPARE(held->cors->hint, u"before"_s);
        QVERIFY(held->note.isEmpty());
        QCOMPARE(log.find(id)->cors->hint, u"after"_s);
        QCOMPARE(log.find(id)->note, u"updated"_s);
        QVERIFY(!log.find(id + 1));
    }

    // Copies of an exchange share its CORS verdict, certificate and JWT; writing through one
    // copy detaches it.
    void sharedPartsDetachOnWrite()
    {
        Exchange a;
        QVERIFY(!a.jwt && !a.cors.has_value() && !a.certificate);
        a.jwt = decodeJwt("Bearer eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9."
                          "eyJpc3MiOiJodHRwczovL2hvb2tiZW5jaC5sb2NhbCIsImF1ZCI6IngifQ.c2ln");
        QVERIFY(a.jwt);
        Exchange b = a;
        QCOMPARE(&*std::as_const(b).jwt, &*std::as_const(a).jwt);
        b.jwt->fault = u"expired"_s;
        QVERIFY(a.jwt->fault.isEmpty());
        QCOMPARE(b.jwt->fault, u"expired"_s);
        const std::optional<DecodedJwt> plain = b.jwt;
        QCOMPARE(plain->fault, u"expired"_s);
        b.jwt = std::nullopt;
        QVERIFY(!b.jwt);
        QVERIFY(a.jwt);
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
