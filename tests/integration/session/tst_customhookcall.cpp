// The custom hook path end to end over loopback: a user picked from the FHIR source's
// practitioners and roles, a hand-written context for a hook the catalogue does not know, and
// a service whose prefetch uses {{context.userId}}: the service receives that user both as
// context.userId and as the prefetched resource.
#include "servers/httpserver.h"
#include "servers/serverhost.h"
#include "session/customhook.h"
#include "session/pickers.h"
#include "session/workbench.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

class TestCustomHookCall : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<session::Workbench> m_bench;
    servers::HttpServer m_service;
    QJsonObject m_received;

private Q_SLOTS:
    void initTestCase()
    {
        m_bench = std::make_unique<session::Workbench>();
        QString error;
        QVERIFY2(m_bench->start(&error), qPrintable(error));
        // A service for a hook no library knows, whose prefetch reads the user.
        m_service.setHandler([this](const servers::HttpRequest &request,
                                    const servers::Responder &respond) {
            if (request.method == "OPTIONS")
                return respond(servers::corsPreflight(request, true));
            servers::HttpResponse response;
            if (request.path == u"/cds-services") {
                response = servers::HttpResponse::json(
                    200,
                    QJsonObject {{u"services"_s,
                                  QJsonArray {QJsonObject {
                                      {u"id"_s, u"triage"_s},
                                      {u"hook"_s, u"org.example.triage-start"_s},
                                      {u"description"_s, u"custom hook fixture"_s},
                                      {u"prefetch"_s,
                                       QJsonObject {{u"user"_s, u"{{context.userId}}"_s}}}}}}});
            } else {
                m_received = QJsonDocument::fromJson(request.body).object();
                response
                    = servers::HttpResponse::json(200, QJsonObject {{u"cards"_s, QJsonArray {}}});
            }
            servers::addCorsHeaders(request, response, true);
            respond(response);
        });
        QVERIFY(m_service.listen());
    }

    void pickedUserReachesContextAndPrefetch()
    {
        // The user picker: practitioners and their roles from the (embedded) source.
        QList<session::UserRow> users;
        QString error;
        bool done = false;
        session::searchUsers(m_bench->fhirClient(), u"Chen"_s,
                             [&](const QList<session::UserRow> &rows, const QString &e) {
                                 users = rows;
                                 error = e;
                                 done = true;
                             });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const auto role = std::find_if(users.begin(), users.end(), [](const auto &u) {
            return u.reference.startsWith(u"PractitionerRole/"_s);
        });
        QVERIFY(role != users.end());
        QVERIFY2(role->name.contains(u"Chen"_s), qPrintable(role->name));
        QVERIFY(!role->role.isEmpty());

        // The custom hook screen: prefilled, then written by hand.
        session::EhrState state;
        state.patientId = u"pt-amelia-hart"_s;
        state.userId = role->reference;
        const QString hook = u"org.example.triage-start"_s;
        QJsonObject context
            = QJsonDocument::fromJson(session::prefillContext(hook, state).toUtf8()).object();
        QCOMPARE(context[u"userId"_s].toString(), role->reference);
        context.insert(u"triageLevel"_s, 2);
        context.insert(u"complaint"_s, QJsonObject {{u"text"_s, u"chest pain"_s}});
        const QString text = QString::fromUtf8(QJsonDocument(context).toJson());
        const auto check = session::checkContext(hook, text);
        QVERIFY(!check.knownHook);
        QVERIFY2(check.ok(), qPrintable(check.lines().join(u'\n')));

        const QUrl discovery(m_service.baseUrl().toString() + u"/cds-services"_s);
        const auto found = m_bench->client()->discoverAndWait(discovery);
        QVERIFY2(found.document, qPrintable(found.error));
        session::InvocationOptions options;
        options.context = check.context;
        options.fhirServer = m_bench->fhirBase();
        const auto result = m_bench->invoker()->invokeAndWait(
            discovery, found.document->services.first(), state, options);
        QCOMPARE(result.call.status(), 200);

        QCOMPARE(m_received[u"hook"_s].toString(), hook);
        QCOMPARE(m_received[u"context"_s].toObject(), context); // exactly as written
        QCOMPARE(m_received[u"context"_s][u"userId"_s].toString(), role->reference);
        const QJsonObject user = m_received[u"prefetch"_s][u"user"_s].toObject();
        QCOMPARE(user[u"resourceType"_s].toString(), u"PractitionerRole"_s);
        QCOMPARE(u"PractitionerRole/"_s + user[u"id"_s].toString(), role->reference);
    }

    void encountersOfThePatient()
    {
        QList<session::EncounterRow> rows;
        bool done = false;
        session::patientEncounters(m_bench->fhirClient(), u"pt-amelia-hart"_s,
                                   [&](const QList<session::EncounterRow> &r, const QString &) {
                                       rows = r;
                                       done = true;
                                   });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY(!rows.isEmpty());
        for (qsizetype i = 1; i < rows.size(); ++i)
            QVERIFY(rows.at(i - 1).label.left(10) >= rows.at(i).label.left(10)); // newest first
    }

    void patientSearchPagesOnTheServer()
    {
        session::PatientSearch search(m_bench->fhirClient(), 5);
        bool done = false;
        search.search({}, [&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(search.error().isEmpty(), qPrintable(search.error()));
        QCOMPARE(search.rows().size(), 5);
        QCOMPARE(search.total(), 14);
        QVERIFY(search.hasNext());
        const QString first = search.rows().first().id;
        done = false;
        search.next([&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(search.page(), 1);
        QVERIFY(search.rows().first().id != first);
        done = false;
        search.previous([&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(search.rows().first().id, first);

        done = false;
        search.search({u"hart"_s, {}, u"1958"_s}, [&] { done = true; });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(search.rows().size(), 1);
        QCOMPARE(search.rows().first().id, u"pt-amelia-hart"_s);
        QCOMPARE(search.rows().first().gender, u"female"_s);
    }
};

QTEST_GUILESS_MAIN(TestCustomHookCall)
#include "tst_customhookcall.moc"
