// The small pieces under the client identity (issue #5): 0600 file writing, the jti replay cache,
// and judging how a service answered a deliberately faulty token (401 expected).
#include "security/faultverdict.h"
#include "security/jticache.h"
#include "security/privatefile.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using namespace hb::security;

Q_DECLARE_METATYPE(hb::security::JwtFault)

class TestSecuritySupport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void privateFileReplacesAtomicallyWithMode0600()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(u"secret.pem"_s);
        QFile existing(path);
        QVERIFY(existing.open(QIODevice::WriteOnly));
        existing.write("old");
        existing.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadOther);
        existing.close();
        QString error;
        QVERIFY2(writePrivateFile(path, "new secret", &error), qPrintable(error));
        struct stat st
        {
        };
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), 0600);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("new secret"));
        QCOMPARE(QDir(tmp.path()).entryList(QDir::Files), QStringList {u"secret.pem"_s});
    }

    void privateFileReportsWhyItFailed()
    {
        QTemporaryDir tmp;
        QString error;
        QVERIFY(!writePrivateFile(tmp.filePath(u"missing/dir/key.pem"_s), "x", &error));
        QVERIFY2(error.contains(u"No such file"_s), qPrintable(error));
    }

    void replayCacheForgetsExpiredJtis()
    {
        JtiCache cache;
        cache.remember(u"a"_s, 1000, 900);
        QVERIFY(cache.contains(u"a"_s, 950));
        QVERIFY(!cache.contains(u"b"_s, 950));
        QVERIFY(!cache.contains(u"a"_s, 1001)); // past its token's exp a replay fails exp anyway
        cache.remember(u"b"_s, 2000, 1500); // purges a
        QCOMPARE(cache.size(), 1);
    }

    void replayCacheIsBounded()
    {
        JtiCache cache(3);
        for (int i = 0; i < 10; ++i)
            cache.remember(QString::number(i), 1000 + i, 0);
        QCOMPARE(cache.size(), 3);
        QVERIFY(cache.contains(u"9"_s, 0)); // the soonest-expiring entries were dropped
        QVERIFY(!cache.contains(u"0"_s, 0));
    }

    void faultResponsesAreJudged_data()
    {
        QTest::addColumn<JwtFault>("fault");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("severity");
        QTest::addColumn<QString>("text");
        QTest::newRow("valid accepted")
            << JwtFault::None << 200 << int(FaultVerdict::Ok) << u"accepted"_s;
        QTest::newRow("valid refused")
            << JwtFault::None << 401 << int(FaultVerdict::Failure) << u"refused with 401"_s;
        QTest::newRow("expired 401")
            << JwtFault::Expired << 401 << int(FaultVerdict::Ok) << u"expired rejected with 401"_s;
        QTest::newRow("alg none 403")
            << JwtFault::AlgNone << 403 << int(FaultVerdict::Warning) << u"best practice is 401"_s;
        QTest::newRow("hs256 accepted")
            << JwtFault::Hs256WithPublicKey << 200 << int(FaultVerdict::Failure) << u"ACCEPTED"_s;
        QTest::newRow("no auth 500") << JwtFault::NoAuthorizationHeader << 500
                                     << int(FaultVerdict::Warning) << u"instead of 401"_s;
        QTest::newRow("no response")
            << JwtFault::WrongAudience << 0 << int(FaultVerdict::Warning) << u"no HTTP response"_s;
    }

    void faultResponsesAreJudged()
    {
        QFETCH(JwtFault, fault);
        QFETCH(int, status);
        QFETCH(int, severity);
        QFETCH(QString, text);
        const FaultVerdict verdict = judgeFaultResponse(fault, status);
        QCOMPARE(int(verdict.severity), severity);
        QVERIFY2(verdict.summary.contains(text), qPrintable(verdict.summary));
    }
};

QTEST_GUILESS_MAIN(TestSecuritySupport)
#include "tst_security_support.moc"
