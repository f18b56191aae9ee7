// Hostile answers to feedback POSTs, through the session's CDS client (the GUI sends feedback
// when a card is accepted or dismissed; the CLI has no feedback command). A feedback failure
// never affects the cards (C25) but must be reported with its reason, promptly and bounded.
#include "../clientkeys.h"
#include "hostilecases.h"

#include "net/cdsclient.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hostile;
using namespace hb::net;

class TestHostileFeedback : public QObject
{
    Q_OBJECT

    HostileServer m_server;
    ClientKeys m_keys;

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_keys.generate(&error), qPrintable(error));
    }

    void hostileFeedbackAnswer_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("status"); ///< HTTP status seen; 0 = no HTTP answer
        // message: in the error or a finding; empty = the exchange is not an error (the status
        // shows in the log, C25).
        QTest::addColumn<QString>("message");
        const QList<std::tuple<QString, HostileBehaviour, int, QString>> rows {
            {u"empty-body"_s, answerJson(200, ""), 200, u""_s},
            {u"not-json"_s, answerJson(200, "thanks!", "text/plain"), 200, u""_s},
            {u"100mb-body"_s, answerHuge(), 200, u"exceeds the 4,194,304-byte limit"_s},
            {u"status-500-html"_s, answerJson(500, "<html>oops</html>", "text/html"), 500, u""_s},
            {u"status-204"_s, answer("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n"), 204,
             u""_s},
            {u"status-301-loop"_s, redirectToSelf(), 302,
             u"Redirect loop: .* was already visited"_s},
            {u"never-answers"_s, neverAnswer(), 0, u"within 5000 ms"_s},
            {u"slow-drip"_s, drip(httpResponse(200, "application/json", "{}"), 300), 0,
             u"within 5000 ms"_s},
            // A reset after the status line: the 200 was seen, and the POST still failed (#16.7).
            {u"reset-mid-body"_s, resetMidBody(R"({"ok":true,"padding":"0123456789"})"), 200,
             u"closed before the response was complete"_s},
            {u"closes-without-answer"_s, closeSilently(), 0, u"did not answer with HTTP/1.x"_s},
            {u"garbage-status-line"_s, answer("220 smtp.example ESMTP\r\n"), 0,
             u"did not answer with HTTP/1.x"_s},
        };
        for (const auto &[name, behaviour, status, message] : rows) {
            m_server.add(u"feedback-"_s + name, behaviour);
            QTest::newRow(qPrintable(u"feedback/"_s + name)) << name << status << message;
        }
    }
    void hostileFeedbackAnswer()
    {
        QFETCH(QString, name);
        QFETCH(int, status);
        QFETCH(QString, message);
        hb::security::ClientJwtSigner signer(m_keys.store(), {});
        Transport transport;
        ExchangeLog log;
        CdsClientOptions options;
        options.corsEmulation = false;
        options.connectTimeoutMs = 5000;
        options.totalTimeoutMs = 5000;
        CdsClient client(&transport, &log, &signer, options);
        hb::core::Feedback feedback;
        feedback.card = u"6c1e2b1a-7f0e-4c3a-9a55-5c2a3d2c1b10"_s;
        feedback.outcome = hb::core::FeedbackOutcome::Accepted;
        feedback.outcomeTimestamp = QDateTime::currentDateTimeUtc();
        QElapsedTimer clock;
        clock.start();
        const QUrl discovery(m_server.base(u"feedback-"_s + name) + u"/cds-services"_s);
        const CdsCallResult sent = client.sendFeedbackAndWait(discovery, u"svc"_s, {feedback});
        QString said = sent.error;
        for (const auto &finding : sent.findings)
            said += u"\n"_s + finding.ruleId + u" "_s + finding.message;
        if (qEnvironmentVariableIsSet("HOSTILE_PROBE")) {
            qInfo().noquote() << name << sent.status() << clock.elapsed() << "ms" << said;
            return;
        }
        QVERIFY2(clock.elapsed() < 15000, qPrintable(said));
        QCOMPARE(sent.status(), status);
        if (message.isEmpty())
            QVERIFY2(sent.error.isEmpty(), qPrintable(said));
        else
            QVERIFY2(QRegularExpression(message).match(said).hasMatch(),
                     qPrintable(u"expected /%1/ in: %2"_s.arg(message, said)));
        // Every feedback exchange is in the log, whatever happened.
        QVERIFY(log.size() > 0);
    }
};

QTEST_GUILESS_MAIN(TestHostileFeedback)
#include "tst_hostile_feedback.moc"
