// The typed model: what goes on the wire (optional members omitted, never null or empty),
// hookInstance, the (id, hook) registry, lenient parsing that keeps raw JSON, feedback.
#include "core/discovery.h"
#include "core/feedback.h"
#include "core/hookrequest.h"
#include "core/response.h"
#include "testutil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace hb::core;

namespace {
QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}
} // namespace

class TestCoreModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void minimalRequestOmitsOptionalMembers()
    {
        HookRequest request;
        request.hook = u"patient-view"_s;
        request.hookInstance = u"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"_s;
        request.context = QJsonObject {{u"patientId"_s, u"1"_s}};
        QCOMPARE(
            compact(request.toJson()),
            QByteArray(
                R"({"context":{"patientId":"1"},"hook":"patient-view","hookInstance":"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea"})"));
    }

    void fullRequest()
    {
        HookRequest request;
        request.hook = u"patient-view"_s;
        request.hookInstance = HookRequest::newHookInstance();
        request.fhirServer = QUrl(u"https://ehr.example.org/fhir"_s);
        FhirAuthorization auth;
        auth.accessToken = u"opaque"_s;
        auth.scope = u"user/Patient.read"_s;
        auth.subject = u"cds-service4"_s;
        request.fhirAuthorization = auth;
        request.prefetch = QJsonObject {{u"lastVisit"_s, QJsonValue::Null}};
        request.extension = QJsonObject {{u"com.example.flag"_s, true}};
        const QJsonObject json = request.toJson();
        QCOMPARE(json.value(u"fhirServer"_s).toString(), u"https://ehr.example.org/fhir"_s);
        QCOMPARE(
            compact(json.value(u"fhirAuthorization"_s).toObject()),
            QByteArray(
                R"({"access_token":"opaque","expires_in":300,"scope":"user/Patient.read","subject":"cds-service4","token_type":"Bearer"})"));
        // A key with no data is sent as null (C7), not dropped.
        QVERIFY(json.value(u"prefetch"_s)[u"lastVisit"_s].isNull());
        QVERIFY(json.value(u"prefetch"_s).toObject().contains(u"lastVisit"_s));
        QCOMPARE(json.value(u"extension"_s)[u"com.example.flag"_s].toBool(), true);
        // Round trip.
        const HookRequest parsed = HookRequest::fromJson(json);
        QCOMPARE(parsed.fhirAuthorization->expiresIn, 300);
        QCOMPARE(parsed.fhirServer, request.fhirServer);
        QCOMPARE(parsed.toJson(), json);
        QCOMPARE(parsed.raw, json);
    }

    void hookInstanceIsRandomV4()
    {
        static const QRegularExpression v4(
            u"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"_s);
        QSet<QString> seen;
        for (int i = 0; i < 1000; ++i) {
            const QString id = HookRequest::newHookInstance();
            QVERIFY2(v4.match(id).hasMatch(), qPrintable(id));
            seen.insert(id);
        }
        QCOMPARE(seen.size(), 1000);
    }

    void registryKeysOnIdAndHook()
    {
        ServiceRegistry registry;
        ServiceDefinition a;
        a.id = u"greeter"_s;
        a.hook = u"patient-view"_s;
        a.description = u"first"_s;
        ServiceDefinition b = a;
        b.hook = u"order-sign"_s;
        registry.add(a);
        registry.add(b);
        QCOMPARE(registry.size(), 2);
        QCOMPARE(registry.withId(u"greeter"_s).size(), 2);
        QCOMPARE(registry.forHook(u"order-sign"_s).size(), 1);
        ServiceDefinition a2 = a;
        a2.description = u"replaced"_s;
        registry.add(a2);
        QCOMPARE(registry.size(), 2);
        QCOMPARE(registry.find(u"greeter"_s, u"patient-view"_s)->description, u"replaced"_s);
        QVERIFY(!registry.find(u"greeter"_s, u"order-select"_s));
        QVERIFY(!registry.contains(u"other"_s, u"patient-view"_s));
    }

    void serviceDefinitionJson()
    {
        const QJsonObject raw {
            {u"hook"_s, u"patient-view"_s},
            {u"id"_s, u"x"_s},
            {u"description"_s, u"d"_s},
            {u"prefetch"_s,
             QJsonObject {{u"p"_s, u"Patient/{{context.patientId}}"_s}, {u"bad"_s, 3}}},
            {u"unknownMember"_s, 1}};
        const ServiceDefinition service = ServiceDefinition::fromJson(raw);
        QCOMPARE(service.prefetch.keys(), QStringList {u"p"_s}); // non-strings skipped
        QCOMPARE(service.raw, raw); // kept as received, unknown members too
        QCOMPARE(
            compact(service.toJson()),
            QByteArray(
                R"({"description":"d","hook":"patient-view","id":"x","prefetch":{"p":"Patient/{{context.patientId}}"}})"));
    }

    void responseParsing()
    {
        const QJsonObject body = loadCoreJson(u"rules/V12-pass.json"_s);
        const CdsResponse response = CdsResponse::fromJson(body);
        QCOMPARE(response.cards.size(), 1);
        const Card &card = response.cards.first();
        QCOMPARE(card.indicatorLevel(), Indicator::Info);
        QCOMPARE(card.selectionBehavior, u"at-most-one"_s);
        const QList<Action> &actions = card.suggestions.first().actions;
        QCOMPARE(actions.size(), 2);
        QCOMPARE(actions.at(0).type, u"delete"_s);
        QCOMPARE(actions.at(0).resourceId, u"ServiceRequest/procedure-request-1"_s);
        QCOMPARE(actions.at(1).resource.value(u"resourceType"_s).toString(),
                 u"MedicationRequest"_s);
        QCOMPARE(card.raw, body.value(u"cards"_s)[0].toObject());

        // The 1.0 delete form: id string in resource.
        const Action legacy = Action::fromJson({{u"type"_s, u"delete"_s},
                                                {u"description"_s, u"d"_s},
                                                {u"resource"_s, u"MedicationRequest/1"_s}});
        QVERIFY(legacy.legacyResourceString);
        QCOMPARE(legacy.resourceId, u"MedicationRequest/1"_s);

        const Link link = Link::fromJson(
            loadCoreJson(u"rules/V18-pass.json"_s).value(u"cards"_s)[0][u"links"_s][0].toObject());
        QCOMPARE(link.autolaunchable, std::optional<bool>(true));
        QCOMPARE(link.url, QUrl(u"https://smart.example.org/launch"_s));
        QCOMPARE(Card::fromJson({{u"indicator"_s, u"hard-stop"_s}}).indicatorLevel(),
                 Indicator::Unknown);
    }

    void topLevelSystemActionsWinOverLegacy()
    {
        const QJsonObject action {{u"type"_s, u"update"_s}, {u"description"_s, u"x"_s}};
        const CdsResponse response = CdsResponse::fromJson(
            {{u"cards"_s, QJsonArray()},
             {u"systemActions"_s, QJsonArray {action}},
             {u"extension"_s, QJsonObject {{u"systemActions"_s, QJsonArray {action, action}}}}});
        QCOMPARE(response.systemActions.size(), 1);
        QVERIFY(!response.systemActionsFromLegacyExtension);
    }

    void responseRoundTrip_data()
    {
        QTest::addColumn<QString>("fixture");
        for (const char *name : {"V06-pass", "V08-pass", "V12-pass", "V13-pass", "V14-pass",
                                 "V15-pass", "V17-pass", "V18-pass", "V21-pass", "V22-pass"})
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void responseRoundTrip()
    {
        // What the demo services build with toJson() is exactly what was parsed.
        QFETCH(QString, fixture);
        const QJsonObject body = loadCoreJson(u"rules/"_s + fixture + u".json"_s);
        QCOMPARE(CdsResponse::fromJson(body).toJson(), body);
    }

    void legacySystemActionsAreWrittenAt20Place()
    {
        const QJsonObject body = loadCoreJson(u"samples/pama-imaging-response-rating.json"_s);
        const QJsonObject written = CdsResponse::fromJson(body).toJson();
        QVERIFY(!written.contains(u"extension"_s));
        QCOMPARE(written.value(u"systemActions"_s).toArray(),
                 body.value(u"extension"_s)[u"systemActions"_s].toArray());
        // An action with an id string in resource is written in the 2.0 form.
        const QJsonObject legacy {{u"type"_s, u"delete"_s},
                                  {u"description"_s, u"d"_s},
                                  {u"resource"_s, u"MedicationRequest/1"_s}};
        QCOMPARE(Action::fromJson(legacy).toJson(),
                 (QJsonObject {{u"type"_s, u"delete"_s},
                               {u"description"_s, u"d"_s},
                               {u"resourceId"_s, u"MedicationRequest/1"_s}}));
    }

    void feedbackParse()
    {
        const QList<Feedback> items
            = parseFeedbackBody(loadCoreJson(u"feedback/accepted-and-overridden.json"_s));
        QCOMPARE(items.size(), 2);
        QCOMPARE(items.at(0).acceptedSuggestions,
                 QStringList {u"e56e1945-20b3-4393-8503-a1a20fd73152"_s});
        QCOMPARE(items.at(0).outcomeTimestamp,
                 QDateTime(QDate(2021, 12, 11), QTime(10, 5, 31), QTimeZone::utc()));
        QCOMPARE(items.at(1).outcome, FeedbackOutcome::Overridden);
        QCOMPARE(items.at(1).overrideReason->reason->code, u"d7ecf885"_s);
        QCOMPARE(items.at(1).overrideReason->userComment, u"A comment entered by the clinician."_s);
    }

    void feedbackJson()
    {
        Feedback accepted;
        accepted.card = u"card-1"_s;
        accepted.acceptedSuggestions = {u"sug-1"_s};
        accepted.outcomeTimestamp = QDateTime(QDate(2021, 12, 11), QTime(11, 5, 31),
                                              QTimeZone(3600)); // 10:05:31 UTC
        QCOMPARE(
            compact(feedbackBody({accepted})),
            QByteArray(
                R"({"feedback":[{"acceptedSuggestions":[{"id":"sug-1"}],"card":"card-1","outcome":"accepted","outcomeTimestamp":"2021-12-11T10:05:31Z"}]})"));

        Feedback overridden;
        overridden.card = u"card-2"_s;
        overridden.outcome = FeedbackOutcome::Overridden;
        overridden.outcomeTimestamp
            = QDateTime(QDate(2020, 12, 11), QTime(0, 0, 0, 520), QTimeZone::utc());
        overridden.overrideReason = OverrideReason {}; // empty: never sent as {}
        QCOMPARE(
            compact(overridden.toJson()),
            QByteArray(
                R"({"card":"card-2","outcome":"overridden","outcomeTimestamp":"2020-12-11T00:00:00.520Z"})"));
        overridden.overrideReason = OverrideReason {
            Coding {u"d7ecf885"_s, u"https://example.com/override"_s, {}}, u"A comment"_s};
        // (No raw string here: AutoMoc in 6.4 reads "//" inside a raw string as a comment.)
        const QJsonObject reason = overridden.toJson().value(u"overrideReason"_s).toObject();
        QCOMPARE(reason.keys(), (QStringList {u"reason"_s, u"userComment"_s}));
        QCOMPARE(reason.value(u"reason"_s).toObject(),
                 (QJsonObject {{u"code"_s, u"d7ecf885"_s},
                               {u"system"_s, u"https://example.com/override"_s}}));
        QCOMPARE(reason.value(u"userComment"_s).toString(), u"A comment"_s);
    }
};

QTEST_GUILESS_MAIN(TestCoreModel)
#include "tst_core_model.moc"
