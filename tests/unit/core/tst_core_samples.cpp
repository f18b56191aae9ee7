// Documents shaped like the public sample services (cds-hooks/sandbox-cds-services:
// patient-greeting, cms-price-check, pama-imaging) get the findings a careful reviewer expects.
#include "core/discovery.h"
#include "core/response.h"
#include "core/validator.h"
#include "testutil.h"

using namespace Qt::StringLiterals;
using namespace hb::core;

class TestCoreSamples : public QObject
{
    Q_OBJECT

private:
    static QStringList ids(const QList<Finding> &findings)
    {
        QStringList out;
        for (const Finding &finding : findings)
            out.append(finding.ruleId + u' ' + finding.pointer);
        return out;
    }

private Q_SLOTS:
    void discoveryIsClean()
    {
        const QList<Finding> findings
            = validateDiscovery(loadCoreJson(u"samples/sandbox-discovery.json"_s));
        QVERIFY2(findings.isEmpty(), describe(findings).constData());
        ServiceRegistry registry;
        registry.addAll(
            DiscoveryDocument::fromJson(loadCoreJson(u"samples/sandbox-discovery.json"_s)));
        QCOMPARE(registry.size(), 3);
        QCOMPARE(registry.forHook(u"order-select"_s).size(), 2);
        QCOMPARE(
            registry.find(u"patient-greeting"_s, u"patient-view"_s)->prefetch.value(u"patient"_s),
            u"Patient/{{context.patientId}}"_s);
    }

    void patientGreetingOnlyMissesUuid()
    {
        const QList<Finding> findings = validateResponse(
            loadCoreJson(u"samples/patient-greeting-response.json"_s), u"patient-view"_s);
        // No uuid: valid, but the client cannot send feedback. Nothing else.
        QCOMPARE(ids(findings), QStringList {u"V20 /cards/0"_s});
        QCOMPARE(findings.first().severity, Severity::Warning);
    }

    void cmsPriceCheckLacksSelectionBehavior()
    {
        // The sample sends suggestions without selectionBehavior, which STU2 requires ("If
        // suggestions are present, selectionBehavior MUST also be provided"): a true error,
        // and the only error or warning.
        const QList<Finding> findings = validateResponse(
            loadCoreJson(u"samples/cms-price-check-response.json"_s), u"order-select"_s);
        QCOMPARE(ids(withSeverity(findings, Severity::Error)),
                 QStringList {u"V6 /cards/0/selectionBehavior"_s});
        QVERIFY(withSeverity(findings, Severity::Warning).isEmpty());
        // "Cost: $360. Save $343.66 ..." is two sentences: advisory only.
        QCOMPARE(ids(withSeverity(findings, Severity::Info)),
                 QStringList {u"V4 /cards/0/summary"_s});
    }

    void pamaRatingWarnsAboutLegacySystemActions()
    {
        const QJsonObject body = loadCoreJson(u"samples/pama-imaging-response-rating.json"_s);
        const QList<Finding> findings = validateResponse(body, u"order-select"_s);
        QVERIFY2(!hasErrors(findings), describe(findings).constData());
        QCOMPARE(ids(withSeverity(findings, Severity::Warning)),
                 (QStringList {u"V21 /extension/systemActions"_s,
                               u"V21 /extension/systemActions/0/description"_s}));
        QVERIFY(withSeverity(findings, Severity::Warning).first().message.contains(u"2.0"_s));
        // The model still reads them, and remembers where they came from.
        const CdsResponse response = CdsResponse::fromJson(body);
        QVERIFY(response.systemActionsFromLegacyExtension);
        QCOMPARE(response.systemActions.size(), 1);
        QCOMPARE(response.systemActions.first().type, u"update"_s);
        QCOMPARE(response.systemActions.first().resource.value(u"id"_s).toString(),
                 u"example-MRI-59879846"_s);
    }

    void pamaCardiacMriCard()
    {
        const QList<Finding> findings = validateResponse(
            loadCoreJson(u"samples/pama-imaging-response-cardiac-mri.json"_s), u"order-select"_s);
        QCOMPARE(ids(withSeverity(findings, Severity::Error)),
                 QStringList {u"V6 /cards/0/selectionBehavior"_s});
        QCOMPARE(ids(withSeverity(findings, Severity::Warning)),
                 (QStringList {u"V20 /cards/0"_s, u"V21 /extension/systemActions"_s,
                               u"V21 /extension/systemActions/0/description"_s}));
    }

    void sampleRequestsAreClean()
    {
        const DiscoveryDocument discovery
            = DiscoveryDocument::fromJson(loadCoreJson(u"samples/sandbox-discovery.json"_s));
        const QList<Finding> greeting
            = validateRequest(loadCoreJson(u"samples/patient-greeting-request.json"_s),
                              SpecVersion::V2_0, &discovery.services.at(0));
        QVERIFY2(greeting.isEmpty(), describe(greeting).constData());
        const QList<Finding> pama
            = validateRequest(loadCoreJson(u"samples/pama-imaging-request.json"_s),
                              SpecVersion::V2_0, &discovery.services.at(2));
        QVERIFY2(pama.isEmpty(), describe(pama).constData());
    }
};

QTEST_GUILESS_MAIN(TestCoreSamples)
#include "tst_core_samples.moc"
