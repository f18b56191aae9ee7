// A FHIR source as the workspace file keeps it: round trip through storage::Workspace, no
// secret written, and the checks that make a source unusable.
#include "fhir/fhirsource.h"
#include "storage/workspace.h"

#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

class TestFhirSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsThroughTheWorkspaceWithoutTheToken()
    {
        hb::fhir::FhirSource source;
        source.base = QUrl(u"https://fhir.example.org/r4"_s);
        source.auth = hb::fhir::FhirAuth::BackendServices;
        source.clientId = u"my-backend"_s;
        source.scope = u"system/Patient.read system/Observation.read"_s;
        source.trustedCertificateSha256 = QString(64, u'a');
        source.passRealToken = true;
        source.token = u"secret-token"_s;

        hb::storage::Workspace workspace;
        workspace.fhir = source.toWorkspace();
        const QByteArray file = QJsonDocument(workspace.toJson()).toJson();
        QVERIFY(!file.contains("secret-token"));
        QString error;
        const auto loaded
            = hb::storage::Workspace::fromJson(QJsonDocument::fromJson(file).object(), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->fhir.kind, u"remote"_s);
        const auto back = hb::fhir::FhirSource::fromWorkspace(loaded->fhir);
        QCOMPARE(back.base, source.base);
        QCOMPARE(back.auth, source.auth);
        QCOMPARE(back.clientId, source.clientId);
        QCOMPARE(back.scope, source.scope);
        QCOMPARE(back.trustedCertificateSha256, source.trustedCertificateSha256);
        QVERIFY(back.passRealToken);
        QVERIFY(back.token.isEmpty());
    }

    void embeddedIsTheDefault()
    {
        QVERIFY(hb::fhir::FhirSource::fromJson({}).isEmbedded());
        QVERIFY(hb::fhir::FhirSource::fromJson({{u"kind"_s, u"embedded"_s}}).isEmbedded());
        QCOMPARE(hb::fhir::FhirSource().toJson(), QJsonObject({{u"kind"_s, u"embedded"_s}}));
    }

    void problems_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("auth");
        QTest::addColumn<QString>("detail");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not http") << u"ftp://x/fhir"_s << u"none"_s << QString() << u"http(s)"_s;
        QTest::newRow("bearer without token")
            << u"https://x/fhir"_s << u"bearer"_s << QString() << u"needs a token"_s;
        QTest::newRow("backend without client")
            << u"https://x/fhir"_s << u"backend-services"_s << QString() << u"client id"_s;
        QTest::newRow("bad pin") << u"https://x/fhir"_s << u"none"_s << u"abc"_s << u"SHA-256"_s;
        QTest::newRow("fine") << u"https://x/fhir"_s << u"none"_s << QString() << QString();
    }

    void problems()
    {
        QFETCH(QString, url);
        QFETCH(QString, auth);
        QFETCH(QString, detail);
        QFETCH(QString, expected);
        hb::fhir::FhirSource source;
        source.base = QUrl(url);
        source.auth = *hb::fhir::fhirAuthFromName(auth);
        source.trustedCertificateSha256 = detail;
        const QString problem = source.problem();
        if (expected.isEmpty())
            QVERIFY2(problem.isEmpty(), qPrintable(problem));
        else
            QVERIFY2(problem.contains(expected), qPrintable(problem));
    }

    void capabilityReport()
    {
        const auto dstu2 = hb::fhir::capabilityReportFrom(
            {{u"resourceType"_s, u"CapabilityStatement"_s}, {u"fhirVersion"_s, u"1.0.2"_s}});
        QVERIFY(!dstu2.isR4);
        QVERIFY(dstu2.problems.join(u' ').contains(u"FHIR R4"_s));
        QVERIFY(!dstu2.smartOnFhir);
        QVERIFY(!hb::fhir::capabilityReportFrom({{u"resourceType"_s, u"Patient"_s}}).isR4);
    }

    void errorSentences()
    {
        hb::fhir::FhirFailure failure;
        const QJsonObject outcome
            = QJsonDocument::fromJson(
                  R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"forbidden","diagnostics":"needs Observation.read"}]})")
                  .object();
        const QString forbidden = hb::fhir::describeFhirError(
            QUrl(u"https://x.org/fhir/Observation?patient=1"_s), 403, outcome, &failure);
        QCOMPARE(failure, hb::fhir::FhirFailure::Forbidden);
        QVERIFY(forbidden.contains(u"HTTP 403 Forbidden (forbidden: needs Observation.read)"_s));
        QVERIFY(!forbidden.contains(u"patient=1"_s)); // the query stays out of the sentence
        QVERIFY(hb::fhir::describeFhirError(QUrl(u"https://x.org/fhir/Patient"_s), 200,
                                            {{u"resourceType"_s, u"Bundle"_s}}, &failure)
                    .isEmpty());
        QCOMPARE(failure, hb::fhir::FhirFailure::None);
        QVERIFY(
            !hb::fhir::describeFhirError(QUrl(u"https://x.org/fhir/Patient"_s), 200, {}, &failure)
                 .isEmpty());
        QCOMPARE(failure, hb::fhir::FhirFailure::NotFhir);
    }
};

QTEST_GUILESS_MAIN(TestFhirSource)
#include "tst_fhirsource.moc"
