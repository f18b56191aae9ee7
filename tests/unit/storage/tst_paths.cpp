// HOOKBENCH_HOME moves every file Hookbench writes (issue #2).
#include "storage/paths.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPaths : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void homeFollowsEnvironment()
    {
        QTemporaryDir tmp;
        const QString home = tmp.filePath(u"nested/home"_s);
        qputenv("HOOKBENCH_HOME", home.toUtf8());
        QCOMPARE(hb::storage::homeDir(), home);
        const QFileInfo info(home);
        QVERIFY(info.isDir());
        // The folder holds private keys: only the owner may enter it.
        QCOMPARE(info.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther),
                 QFileDevice::Permissions());
    }

    void homePathCreatesParents()
    {
        QTemporaryDir tmp;
        qputenv("HOOKBENCH_HOME", tmp.path().toUtf8());
        const QString path = hb::storage::homePath(u"keys/client.pem"_s);
        QCOMPARE(path, tmp.filePath(u"keys/client.pem"_s));
        QVERIFY(QFileInfo(tmp.filePath(u"keys"_s)).isDir());
    }

    void settingsAreWrittenInsideHome()
    {
        QTemporaryDir tmp;
        qputenv("HOOKBENCH_HOME", tmp.path().toUtf8());
        QCoreApplication::setOrganizationName(u"Hookbench"_s);
        QCoreApplication::setApplicationName(u"hookbench"_s);
        hb::storage::routeSettingsToHome();
        {
            QSettings settings;
            settings.setValue(u"probe"_s, 42);
            settings.sync();
            QVERIFY2(settings.fileName().startsWith(tmp.path()), qPrintable(settings.fileName()));
        }
        QSettings reread;
        QCOMPARE(reread.value(u"probe"_s).toInt(), 42);
    }
};

QTEST_GUILESS_MAIN(TestPaths)
#include "tst_paths.moc"
