// What the desktop app does for a user, without a window: the controller behind the QML drives
// the real embedded EHR over loopback (C14 suggestions change the draft orders, C21 feedback
// reaches the service, C20 stale cards go, settings change the next call).
#include "appcontroller.h"

#include "session/workbench.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAppController : public QObject
{
    Q_OBJECT

private:
    AppController &app = AppController::instance();

    int rowOfService(const QString &serviceId)
    {
        for (int row = 0; row < app.cards()->rowCount(); ++row) {
            if (app.cards()->data(app.cards()->index(row), CardsModel::ServiceIdRole).toString()
                == serviceId)
                return row;
        }
        return -1;
    }

    // The newest log row of this kind (hook, feedback, fhir, ...), or -1.
    int lastRowOfKind(const QString &kind, int from = 0)
    {
        for (int row = app.log()->rowCount() - 1; row >= from; --row) {
            if (app.log()->data(app.log()->index(row), LogModel::KindRole).toString() == kind)
                return row;
        }
        return -1;
    }

    QStringList orderNames()
    {
        QStringList names;
        for (const auto &order : app.draftOrders())
            names << order.toMap().value(u"display"_s).toString();
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QSignalSpy ready(&app, &AppController::readyChanged);
        AppController::LaunchScenario scenario;
        scenario.patientId = u"pt-amelia-hart"_s;
        scenario.orderCodes = {u"308191"_s}; // amoxicillin for a penicillin allergy
        app.start(scenario);
        QVERIFY(ready.wait(20000));
        QVERIFY(app.isReady());
    }

    void launchScenarioShowsTheAllergyCard()
    {
        QCOMPARE(app.patientName(), u"Amelia Hart"_s);
        const int row = rowOfService(u"medication-safety"_s);
        QVERIFY2(row >= 0, qPrintable(app.lastFire()));
        QCOMPARE(app.cards()->data(app.cards()->index(row), CardsModel::IndicatorRole).toString(),
                 u"critical"_s);
        QCOMPARE(row, 0); // critical first
        QVERIFY(orderNames().join(u' ').contains(u"Amoxicillin"_s));
    }

    void acceptingTheSuggestionReplacesTheOrderAndSendsFeedback()
    {
        const int row = rowOfService(u"medication-safety"_s);
        const auto *entry = app.cards()->entry(row);
        QVERIFY(entry);
        int replace = -1;
        for (int i = 0; i < entry->card.suggestions.size(); ++i) {
            if (entry->card.suggestions.at(i).label.startsWith(u"Replace"_s))
                replace = i;
        }
        QVERIFY(replace >= 0);
        const QString cardUuid = entry->card.uuid;
        const QString suggestionUuid = entry->card.suggestions.at(replace).uuid;
        QSignalSpy orders(&app, &AppController::ordersChanged);
        app.acceptSuggestion(row, replace);
        QCOMPARE(orders.count(), 1);
        const QString names = orderNames().join(u' ');
        QVERIFY2(!names.contains(u"Amoxicillin"_s), qPrintable(names));
        QVERIFY2(names.contains(u"Azithromycin"_s), qPrintable(names));

        // The service received {"card": uuid, "outcome": "accepted", "acceptedSuggestions": [...]}.
        QTRY_VERIFY_WITH_TIMEOUT(lastRowOfKind(u"feedback"_s) >= 0, 5000);
        const int feedback = lastRowOfKind(u"feedback"_s);
        QTRY_COMPARE_WITH_TIMEOUT(
            app.log()->data(app.log()->index(feedback), LogModel::StatusRole).toInt() / 100, 2,
            5000);
        const QString sent = app.log()->details(feedback).value(u"request"_s).toString();
        QVERIFY(sent.contains(u"\"outcome\": \"accepted\""_s));
        QVERIFY(sent.contains(cardUuid));
        QVERIFY(sent.contains(suggestionUuid));
    }

    void refiringReplacesTheServicesCards()
    {
        QSignalSpy fired(&app, &AppController::lastFireChanged);
        app.fireHook(u"order-select"_s);
        QVERIFY(fired.wait(10000));
        // Azithromycin is no longer contraindicated: the stale allergy card is gone (C20).
        QCOMPARE(rowOfService(u"medication-safety"_s), -1);
    }

    void prefetchNoneMakesTheServiceReadWithItsToken()
    {
        app.setPrefetchMode(u"none"_s);
        const int before = app.log()->rowCount();
        QSignalSpy fired(&app, &AppController::lastFireChanged);
        app.fireHook(u"patient-view"_s);
        QVERIFY(fired.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(lastRowOfKind(u"fhir"_s, before) >= 0, 5000);
        QVERIFY(app.log()
                    ->data(app.log()->index(lastRowOfKind(u"fhir"_s, before)), LogModel::NoteRole)
                    .toString()
                    .startsWith(u"patient-greeting"_s));
        QVERIFY(app.lastFire().contains(u"0 of 2 prefetch keys"_s));
        app.setPrefetchMode(u"all"_s);
    }

    void jwtFaultAndOriginSettingsApplyToTheNextCall()
    {
        app.setJwtFault(u"expired"_s);
        QCOMPARE(app.jwtFault(), u"expired"_s);
        app.setOrigin(QString());
        QCOMPARE(app.origin(), QString());
        app.fireHook(u"patient-view"_s);
        // The log model follows the exchange log through queued signals; the call without CORS
        // emulation is the one without a CORS evaluation.
        auto newestUnemulatedHook = [&] {
            for (int row = app.log()->rowCount() - 1; row >= 0; --row) {
                const QModelIndex index = app.log()->index(row);
                if (app.log()->data(index, LogModel::KindRole).toString() == u"hook"
                    && app.log()->data(index, LogModel::CorsVerdictRole).toString().isEmpty())
                    return row;
            }
            return -1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(newestUnemulatedHook() >= 0, 10000);
        const QVariantMap details = app.log()->details(newestUnemulatedHook());
        QVERIFY2(details.value(u"jwt"_s).toString().contains(u"\"fault\": \"expired\""_s),
                 qPrintable(details.value(u"jwt"_s).toString()));
        app.setJwtFault(u"none"_s);
        app.setOrigin(u"https://sandbox.cds-hooks.org"_s);
    }

    void askUserPolicyShowsTheConsentAndWaits()
    {
        app.setGrantPolicy(u"ask-user"_s);
        QSignalSpy consent(&app, &AppController::consentChanged);
        QSignalSpy fired(&app, &AppController::lastFireChanged);
        app.fireHook(u"patient-view"_s);
        QVERIFY(consent.wait(10000));
        QCOMPARE(app.consentService(), u"patient-greeting"_s);
        QVERIFY(app.consentScopes().contains(u"patient/Patient.read"_s));
        QCOMPARE(fired.count(), 0); // the call waits for the user
        app.answerConsent(true);
        QVERIFY(app.consentService().isEmpty());
        QVERIFY(fired.wait(10000));
        QVERIFY2(app.lastFire().contains(u"HTTP 200"_s), qPrintable(app.lastFire()));
        app.setGrantPolicy(u"pre-authorized"_s);
    }

    void logExportsAsHarWithTokensRedacted()
    {
        const QString sentence = app.log()->exportHar();
        const QString path = sentence.section(u" written to "_s, 1).section(u" (tokens"_s, 0, 0);
        QFile file(path);
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(sentence));
        const QByteArray bytes = file.readAll();
        const QJsonObject log = QJsonDocument::fromJson(bytes).object().value(u"log"_s).toObject();
        QCOMPARE(log.value(u"version"_s).toString(), u"1.2"_s);
        QVERIFY(log.value(u"entries"_s).toArray().size() >= app.log()->rowCount());
        QVERIFY(bytes.contains("[redacted]"));
        QVERIFY(!bytes.contains("Bearer ey")); // no client JWT went out in the file
    }

    void discoveringABadUrlKeepsTheServices()
    {
        const QVariantList before = app.services();
        QSignalSpy fired(&app, &AppController::lastFireChanged);
        app.discover(u"http://127.0.0.1:1/"_s);
        QVERIFY(fired.wait(10000));
        QVERIFY(app.lastFire().startsWith(u"Discovery failed"_s));
        QCOMPARE(app.services(), before);
    }
};

QTEST_GUILESS_MAIN(TestAppController)
#include "tst_appcontroller.moc"
