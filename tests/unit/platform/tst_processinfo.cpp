// hb::platform's process facts on this machine (Linux): the memory figures benchmarks and the
// server limit tests compare move with what the process really touches, and agree with each
// other (the peak is never below the current figure).
#include "platform/processinfo.h"

#include <QTest>

#include <vector>

class TestProcessInfo : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void processAgeIsKnown() { QVERIFY(hb::platform::processAgeMs() >= 0); }

    void residentMemoryFollowsWhatIsTouched()
    {
#ifdef HOOKBENCH_SANITIZED
        QSKIP("memory bound: a sanitizer's shadow memory moves the resident figure");
#endif
        const qint64 before = hb::platform::residentKiB();
        QVERIFY(before > 0);
        QVERIFY(hb::platform::peakRssKiB() >= before);
        // 64 MiB, every page written, so each is resident (not a lazily mapped zero page).
        constexpr qsizetype size = 64 * 1024 * 1024;
        std::vector<char> block(size);
        for (qsizetype i = 0; i < size; i += 4096)
            block[size_t(i)] = char(i / 4096 + 1);
        const qint64 after = hb::platform::residentKiB();
        qInfo("resident %lld KiB -> %lld KiB", before, after);
        QVERIFY2(after - before >= 48 * 1024, "64 MiB touched, not seen as resident");
        QVERIFY(hb::platform::peakRssKiB() >= after);
        QCOMPARE(block[4096], char(2)); // the block is live up to here
    }
};

QTEST_GUILESS_MAIN(TestProcessInfo)
#include "tst_processinfo.moc"
