// A smart link opens with iss and launch appended, its own query and fragment kept (C16).
#include "ehr/smartlaunch.h"

#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

class TestSmartLaunch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void appendsIssAndLaunch()
    {
        const QUrl url
            = hb::ehr::smartLaunchUrl(QUrl(u"http://127.0.0.1:9000/app/launch.html?mode=x#top"_s),
                                      QUrl(u"http://127.0.0.1:8080/fhir"_s), u"L1 2"_s);
        const QUrlQuery query(url);
        QCOMPARE(query.queryItemValue(u"mode"_s), u"x"_s);
        QCOMPARE(query.queryItemValue(u"iss"_s, QUrl::FullyDecoded),
                 u"http://127.0.0.1:8080/fhir"_s);
        QCOMPARE(query.queryItemValue(u"launch"_s, QUrl::FullyDecoded), u"L1 2"_s);
        QCOMPARE(url.fragment(), u"top"_s);
        QCOMPARE(url.path(), u"/app/launch.html"_s);
    }

    void replacesStaleLaunchParameters()
    {
        const QUrl url
            = hb::ehr::smartLaunchUrl(QUrl(u"https://app.example/launch?launch=old&iss=old"_s),
                                      QUrl(u"https://ehr.example/fhir"_s), u"new"_s);
        const QUrlQuery query(url);
        QCOMPARE(query.allQueryItemValues(u"launch"_s), QStringList {u"new"_s});
        QCOMPARE(query.allQueryItemValues(u"iss"_s).size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSmartLaunch)
#include "tst_smartlaunchurl.moc"
