// validateRequest(): the request rules of C3, C4, C5, C6, C7 and C8, checked on what a
// service would receive.
#include "core/discovery.h"
#include "core/validator.h"
#include "testutil.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;
using namespace hb::core;

namespace {

QJsonObject validRequest()
{
    return loadCoreJson(u"samples/patient-greeting-request.json"_s);
}

QStringList rulesAt(const QList<Finding> &findings, Severity severity)
{
    QStringList out;
    for (const Finding &finding : findings) {
        if (finding.severity == severity)
            out.append(finding.ruleId + u' ' + finding.pointer);
    }
    return out;
}

ServiceDefinition greeter()
{
    ServiceDefinition service;
    service.id = u"patient-greeting"_s;
    service.hook = u"patient-view"_s;
    service.prefetch = {{u"patient"_s, u"Patient/{{context.patientId}}"_s},
                        {u"encounter"_s, u"Encounter/{{context.encounterId}}"_s}};
    return service;
}

} // namespace

class TestCoreRequest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validRequestIsClean()
    {
        const QList<Finding> findings = validateRequest(validRequest());
        QVERIFY2(findings.isEmpty(), describe(findings).constData());
    }

    void problems_data()
    {
        QTest::addColumn<QString>("member"); // JSON pointer of the member to change ("" = remove)
        QTest::addColumn<QJsonValue>("value"); // undefined = remove
        QTest::addColumn<QString>("expected"); // "rule pointer"
        QTest::addColumn<int>("severity");
        const QJsonValue remove(QJsonValue::Undefined);
        QTest::newRow("C3 not a uuid") << u"hookInstance"_s << QJsonValue(u"call-1"_s)
                                       << u"C3 /hookInstance"_s << int(Severity::Error);
        QTest::newRow("C3 time-based uuid")
            << u"hookInstance"_s << QJsonValue(u"6ba7b810-9dad-11d1-80b4-00c04fd430c8"_s)
            << u"C3 /hookInstance"_s << int(Severity::Warning);
        QTest::newRow("C3 missing")
            << u"hookInstance"_s << remove << u"C3 /hookInstance"_s << int(Severity::Error);
        QTest::newRow("C4 auth without server")
            << u"fhirServer"_s << remove << u"C4 /fhirServer"_s << int(Severity::Error);
        QTest::newRow("C4 relative server") << u"fhirServer"_s << QJsonValue(u"/fhir"_s)
                                            << u"C4 /fhirServer"_s << int(Severity::Error);
        QTest::newRow("C5 http server")
            << u"fhirServer"_s << QJsonValue(u"http://ehr.example.org/fhir"_s)
            << u"C5 /fhirServer"_s << int(Severity::Warning);
        QTest::newRow("C6 context missing")
            << u"context"_s << remove << u"C6 /context"_s << int(Severity::Error);
        QTest::newRow("C6 context lacks patientId")
            << u"context"_s << QJsonValue(QJsonObject {{u"userId"_s, u"Practitioner/1"_s}})
            << u"C6 /context/patientId"_s << int(Severity::Error);
        QTest::newRow("C7 prefetch value not a resource")
            << u"prefetch"_s << QJsonValue(QJsonObject {{u"patient"_s, u"123"_s}})
            << u"C7 /prefetch/patient"_s << int(Severity::Error);
        QTest::newRow("V2 empty prefetch") << u"prefetch"_s << QJsonValue(QJsonObject())
                                           << u"V2 /prefetch"_s << int(Severity::Error);
        QTest::newRow("V26 bad hook") << u"hook"_s << QJsonValue(u"patient view"_s)
                                      << u"V26 /hook"_s << int(Severity::Warning);
    }

    void problems()
    {
        QFETCH(QString, member);
        QFETCH(QJsonValue, value);
        QFETCH(QString, expected);
        QFETCH(int, severity);
        QJsonObject request = validRequest();
        if (value.isUndefined())
            request.remove(member);
        else
            request.insert(member, value);
        const QList<Finding> findings = validateRequest(request);
        QVERIFY2(rulesAt(findings, Severity(severity)).contains(expected),
                 describe(findings).constData());
    }

    void fhirAuthorizationFields_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<int>("severity");
        QTest::newRow("token_type")
            << u"token_type"_s << QJsonValue(u"bearer"_s) << int(Severity::Error);
        QTest::newRow("expires_in string")
            << u"expires_in"_s << QJsonValue(u"300"_s) << int(Severity::Error);
        QTest::newRow("expires_in fraction")
            << u"expires_in"_s << QJsonValue(300.5) << int(Severity::Error);
        QTest::newRow("access_token missing")
            << u"access_token"_s << QJsonValue(QJsonValue::Undefined) << int(Severity::Error);
        QTest::newRow("subject missing")
            << u"subject"_s << QJsonValue(QJsonValue::Undefined) << int(Severity::Error);
        QTest::newRow("patient missing with patient/ scope")
            << u"patient"_s << QJsonValue(QJsonValue::Undefined) << int(Severity::Warning);
    }

    void fhirAuthorizationFields()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QFETCH(int, severity);
        QJsonObject request = validRequest();
        QJsonObject auth = request.value(u"fhirAuthorization"_s).toObject();
        if (value.isUndefined())
            auth.remove(field);
        else
            auth.insert(field, value);
        request.insert(u"fhirAuthorization"_s, auth);
        const QList<Finding> findings = validateRequest(request);
        QVERIFY2(
            rulesAt(findings, Severity(severity)).contains(u"C4 /fhirAuthorization/"_s + field),
            describe(findings).constData());
    }

    void prefetchAgainstTheService()
    {
        const ServiceDefinition service = greeter();
        QJsonObject request = validRequest();
        QVERIFY(validateRequest(request, SpecVersion::V2_0, &service).isEmpty());

        // C7: a key the service did not ask for (e.g. another service's) must not be sent.
        QJsonObject prefetch = request.value(u"prefetch"_s).toObject();
        prefetch.insert(u"medications"_s, QJsonValue::Null);
        // C8: the encounter template needs context.encounterId, which this context lacks.
        prefetch.insert(u"encounter"_s, QJsonValue::Null);
        request.insert(u"prefetch"_s, prefetch);
        const QList<Finding> findings = validateRequest(request, SpecVersion::V2_0, &service);
        QCOMPARE(rulesAt(findings, Severity::Error),
                 (QStringList {u"C8 /prefetch/encounter"_s, u"C7 /prefetch/medications"_s}));

        // With an encounterId the same key is fine.
        QJsonObject context = request.value(u"context"_s).toObject();
        context.insert(u"encounterId"_s, u"enc-1"_s);
        request.insert(u"context"_s, context);
        prefetch.remove(u"medications"_s);
        request.insert(u"prefetch"_s, prefetch);
        QVERIFY(validateRequest(request, SpecVersion::V2_0, &service).isEmpty());

        // The request's hook must be the one the service was discovered for.
        request.insert(u"hook"_s, u"order-sign"_s);
        QVERIFY(rulesAt(validateRequest(request, SpecVersion::V2_0, &service), Severity::Error)
                    .contains(u"V26 /hook"_s));
    }

    void loopbackHttpIsOnlyInfo()
    {
        QJsonObject request = validRequest();
        request.insert(u"fhirServer"_s, u"http://127.0.0.1:4711/fhir"_s);
        const QList<Finding> c5 = withRule(validateRequest(request), u"C5"_s);
        QCOMPARE(c5.size(), 1);
        QCOMPARE(c5.first().severity, Severity::Info);
    }

    void spec10Differences()
    {
        QJsonObject request = validRequest();
        request.insert(u"fhirServer"_s, u"http://ehr.example.org/fhir"_s);
        const QList<Finding> v1 = validateRequest(request, SpecVersion::V1_0);
        QVERIFY(withRule(v1, u"C5"_s).first().message.contains(u"should"_s));
        QVERIFY(withRule(validateRequest(request), u"C5"_s).first().message.contains(u"MUST"_s));
    }
};

QTEST_GUILESS_MAIN(TestCoreRequest)
#include "tst_core_request.moc"
