// The custom hook screen's checker: prefill from the catalogue's builder, live checks (JSON,
// hook name, types, required fields, selections into draftOrders), prefetch tokens, dispatch.
#include "ehr/orderentry.h"
#include "session/customhook.h"
#include "session/ehrstate.h"
#include "session/pickers.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

class TestCustomHook : public QObject
{
    Q_OBJECT

    session::EhrState state()
    {
        session::EhrState s;
        s.patientId = u"pt-1"_s;
        s.encounterId = u"enc-1"_s;
        s.orders.put(*ehr::draftOrderFor(u"4548-4"_s, {s.patientId, {}, {}}));
        return s;
    }

private Q_SLOTS:
    void prefillIsTheBuildersContext()
    {
        const QString text = session::prefillContext(u"order-select"_s, state());
        const QJsonObject context = QJsonDocument::fromJson(text.toUtf8()).object();
        QCOMPARE(context[u"patientId"_s].toString(), u"pt-1"_s);
        QCOMPARE(context[u"userId"_s].toString(), u"Practitioner/pr-olivia-chen"_s);
        QCOMPARE(context[u"selections"_s].toArray().size(), 1);
        QCOMPARE(context[u"draftOrders"_s][u"resourceType"_s].toString(), u"Bundle"_s);
        QVERIFY(session::checkContext(u"order-select"_s, text).ok());

        const QJsonObject custom
            = QJsonDocument::fromJson(
                  session::prefillContext(u"org.example.triage"_s, state()).toUtf8())
                  .object();
        QCOMPARE(custom.keys(), QStringList({u"encounterId"_s, u"patientId"_s, u"userId"_s}));
    }

    void jsonErrorsSayWhere()
    {
        const auto check
            = session::checkContext(u"patient-view"_s, u"{\n  \"userId\": 1,\n  x\n}"_s);
        QVERIFY(!check.parsed);
        QVERIFY(!check.ok());
        QCOMPARE(check.errorLine, 3);
        QVERIFY2(check.parseError.startsWith(u"line 3, column"_s), qPrintable(check.parseError));
        QVERIFY(!session::checkContext(u"patient-view"_s, u"[]"_s).parsed);
    }

    void catalogueChecks_data()
    {
        QTest::addColumn<QString>("hook");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("expected"); ///< a piece of the first finding, empty = ok
        QTest::newRow("patient-view ok")
            << u"patient-view"_s << uR"({"userId":"Practitioner/a","patientId":"p"})"_s
            << QString();
        QTest::newRow("required missing")
            << u"patient-view"_s << uR"({"userId":"Practitioner/a"})"_s
            << u"requires context.patientId"_s;
        QTest::newRow("wrong type")
            << u"patient-view"_s << uR"({"userId":"Practitioner/a","patientId":7})"_s
            << u"patientId"_s;
        QTest::newRow("selection outside draftOrders")
            << u"order-select"_s
            << uR"({"userId":"Practitioner/a","patientId":"p","selections":["MedicationRequest/x"],"draftOrders":{"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"MedicationRequest","id":"y"}}]}})"_s
            << u"must reference a resource in draftOrders"_s;
        QTest::newRow("bad hook name") << u"not a hook"_s << u"{}"_s << u"reverse-DNS"_s;
        QTest::newRow("custom hook, anything goes")
            << u"org.example.triage"_s << uR"({"anything":{"at":"all"}})"_s << QString();
    }

    void catalogueChecks()
    {
        QFETCH(QString, hook);
        QFETCH(QString, context);
        QFETCH(QString, expected);
        const auto check = session::checkContext(hook, context);
        QVERIFY(check.parsed);
        if (expected.isEmpty()) {
            QVERIFY2(check.ok(), qPrintable(check.lines().join(u'\n')));
        } else {
            QVERIFY(!check.ok());
            QVERIFY2(check.lines().join(u'\n').contains(expected),
                     qPrintable(check.lines().join(u'\n')));
        }
    }

    void prefetchTokensOfAHook()
    {
        QVERIFY(session::prefetchTokens(u"patient-view"_s).contains(u"{{context.userId}}"_s));
        QVERIFY(
            session::prefetchTokens(u"org.example.triage"_s).contains(u"{{context.patientId}}"_s));
    }

    void dispatchNeedsASignedOrder()
    {
        session::EhrState s = state();
        const QString ref = s.orders.references().first();
        QVERIFY(
            session::dispatchOrder(s, ref, u"Organization/lab-1"_s).contains(u"not a signed"_s));
        s.orders.sign({ref});
        QVERIFY(session::dispatchOrder(s, ref, u"lab one"_s).contains(u"Type/id"_s));
        QCOMPARE(session::dispatchOrder(s, ref, u"Organization/lab-1"_s), QString());
        QList<core::Finding> problems;
        const QJsonObject context
            = core::buildContext(u"order-dispatch"_s, s.contextInput(), &problems);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).message));
        QCOMPARE(context[u"dispatchedOrders"_s].toArray(), QJsonArray {ref});
        QCOMPARE(context[u"performer"_s].toString(), u"Organization/lab-1"_s);
        QCOMPARE(context[u"fulfillmentTasks"_s][0][u"focus"_s][u"reference"_s].toString(), ref);
    }

    void typedUsers()
    {
        QCOMPARE(session::typedUserReference(u" PractitionerRole/prr-gp "_s).value_or(QString()),
                 u"PractitionerRole/prr-gp"_s);
        QString error;
        QVERIFY(!session::typedUserReference(u"Organization/x"_s, &error));
        QVERIFY(error.contains(u"Practitioner/id"_s));
    }
};

QTEST_GUILESS_MAIN(TestCustomHook)
#include "tst_customhook.moc"
