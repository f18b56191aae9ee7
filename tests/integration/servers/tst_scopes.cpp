// SMART scope decisions (v1 and v2 syntax) and scope derivation from prefetch templates.
#include "servers/scopes.h"

#include <QTest>

using namespace Qt::StringLiterals;
using hb::servers::FhirInteraction;

class TestScopes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decisions_data()
    {
        QTest::addColumn<QStringList>("scopes");
        QTest::addColumn<QString>("type");
        QTest::addColumn<bool>("read");
        QTest::addColumn<bool>("allowed");
        QTest::addColumn<QString>("by");
        QTest::addColumn<bool>("patientOnly");
        QTest::newRow("v1 read") << QStringList {u"patient/Observation.read"_s} << u"Observation"_s
                                 << true << true << u"patient/Observation.read"_s << true;
        QTest::newRow("v1 read allows search")
            << QStringList {u"user/Observation.read"_s} << u"Observation"_s << false << true
            << u"user/Observation.read"_s << false;
        QTest::newRow("wrong type") << QStringList {u"patient/Condition.read"_s} << u"Observation"_s
                                    << true << false << QString() << false;
        QTest::newRow("write only") << QStringList {u"user/Observation.write"_s} << u"Observation"_s
                                    << true << false << QString() << false;
        QTest::newRow("wildcard type") << QStringList {u"user/*.read"_s} << u"Patient"_s << true
                                       << true << u"user/*.read"_s << false;
        QTest::newRow("v1 star") << QStringList {u"system/Patient.*"_s} << u"Patient"_s << false
                                 << true << u"system/Patient.*"_s << false;
        QTest::newRow("v2 rs") << QStringList {u"patient/Observation.rs"_s} << u"Observation"_s
                               << false << true << u"patient/Observation.rs"_s << true;
        QTest::newRow("v2 r is not s") << QStringList {u"patient/Observation.r"_s}
                                       << u"Observation"_s << false << false << QString() << false;
        QTest::newRow("v2 s is not r") << QStringList {u"patient/Observation.s"_s}
                                       << u"Observation"_s << true << false << QString() << false;
        QTest::newRow("v2 wrong order") << QStringList {u"patient/Observation.sr"_s}
                                        << u"Observation"_s << true << false << QString() << false;
        QTest::newRow("user beats patient")
            << QStringList {u"patient/Observation.read"_s, u"user/Observation.read"_s}
            << u"Observation"_s << true << true << u"user/Observation.read"_s << false;
        QTest::newRow("garbage") << QStringList {u"launch"_s, u"openid"_s, u"Observation.read"_s}
                                 << u"Observation"_s << true << false << QString() << false;
    }

    void decisions()
    {
        QFETCH(QStringList, scopes);
        QFETCH(QString, type);
        QFETCH(bool, read);
        QFETCH(bool, allowed);
        QFETCH(QString, by);
        QFETCH(bool, patientOnly);
        const auto decision = hb::servers::checkScopes(
            scopes, type, read ? FhirInteraction::Read : FhirInteraction::Search);
        QCOMPARE(decision.allowed, allowed);
        QCOMPARE(decision.scope, by);
        QCOMPARE(decision.patientOnly, patientOnly);
    }

    void patientScopeDetection()
    {
        QVERIFY(hb::servers::hasPatientScope({u"user/Patient.read"_s, u"patient/Condition.rs"_s}));
        QVERIFY(!hb::servers::hasPatientScope({u"user/Patient.read"_s}));
    }
};

QTEST_GUILESS_MAIN(TestScopes)
#include "tst_scopes.moc"
