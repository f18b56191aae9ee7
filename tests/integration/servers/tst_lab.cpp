// The misbehaviour lab over loopback: each CORS-M row of docs/rules.md answers with exactly
// the headers it describes (bytes checked where Qt would merge them), and the failure services
// fail the way they say.
#include "httpclient.h"

#include "core/validator.h"
#include "servers/embeddedservers.h"

#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray origin = "https://sandbox.cds-hooks.org";
const QByteArray absent = "<absent>";
} // namespace

class TestLab : public QObject
{
    Q_OBJECT

private:
    hb::servers::EmbeddedServers servers;
    QString lab;

    HttpResult preflight(const QString &id)
    {
        return httpRequest("OPTIONS", lab + u'/' + id, {},
                           {{"Origin", origin},
                            {"Access-Control-Request-Method", "POST"},
                            {"Access-Control-Request-Headers", "authorization,content-type"}});
    }
    HttpResult actual(const QString &id)
    {
        return httpRequest("POST", lab + u'/' + id, "{\"hook\":\"patient-view\"}",
                           {{"Origin", origin},
                            {"Content-Type", "application/json"},
                            {"Authorization", "Bearer x"}});
    }
    static QByteArray header(const HttpResult &r, const QByteArray &name)
    {
        for (const auto &[key, value] : r.headers)
            if (key.compare(name, Qt::CaseInsensitive) == 0)
                return value;
        return absent;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(servers.start());
        lab = servers.baseUrls().lab;
        QVERIFY(lab.endsWith(u"/cds-services"_s));
        QVERIFY(QUrl(lab).port() != QUrl(servers.baseUrls().cdsServices).port()); // own origin
    }

    void discoveryCoversEveryCorsRow()
    {
        const auto result = httpGet(lab);
        QCOMPARE(result.status, 200);
        QSet<int> rows;
        QSet<QString> ids;
        static const QRegularExpression rowText(uR"(row ([\d, ]+)\))"_s);
        for (const auto &s : result.json()[u"services"_s].toArray()) {
            ids.insert(s[u"id"_s].toString());
            const auto m = rowText.match(s[u"description"_s].toString());
            if (m.hasMatch())
                for (const QString &n : m.captured(1).split(u',', Qt::SkipEmptyParts))
                    rows.insert(n.trimmed().toInt());
        }
        for (int row = 1; row <= 37; ++row)
            QVERIFY2(rows.contains(row), qPrintable(u"CORS-M%1 has no lab service"_s.arg(row)));
        for (const QString &id :
             {u"not-json"_s, u"html-error"_s, u"http-500"_s, u"http-401"_s, u"http-412"_s,
              u"slow"_s, u"hanging"_s, u"huge"_s, u"summary-too-long"_s, u"bad-indicator"_s,
              u"missing-source"_s, u"unknown-selection-behavior"_s, u"empty-arrays"_s,
              u"script-in-markdown"_s, u"javascript-link"_s})
            QVERIFY2(ids.contains(id), qPrintable(id));
    }

    void selectableByName()
    {
        const QString base = lab.section(u'/', 0, 2); // http://127.0.0.1:PORT
        const auto two = httpGet(base + u"/cors-acao-null,http-500/cds-services"_s);
        QCOMPARE(two.status, 200);
        const auto services = two.json()[u"services"_s].toArray();
        QCOMPARE(services.size(), 2);
        QCOMPARE(services[0][u"id"_s].toString(), u"cors-acao-null"_s);
        QCOMPARE(services[1][u"id"_s].toString(), u"http-500"_s);
        QCOMPARE(httpRequest("POST", base + u"/http-500/cds-services/http-500"_s, "{}",
                             {{"Content-Type", "application/json"}})
                     .status,
                 500);
        // Outside the selection, or unknown names: 404.
        QCOMPARE(httpRequest("POST", base + u"/http-500/cds-services/http-401"_s, "{}",
                             {{"Content-Type", "application/json"}})
                     .status,
                 404);
        QCOMPARE(httpGet(base + u"/no-such/cds-services"_s).status, 404);
    }

    void corsRows_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("preflightStatus");
        QTest::addColumn<QByteArray>("acao");
        QTest::addColumn<QByteArray>("acah");
        QTest::addColumn<QByteArray>("acam");
        QTest::addColumn<QByteArray>("acac");
        QTest::addColumn<int>("actualStatus");
        QTest::addColumn<QByteArray>("actualAcao");
        const QByteArray h = "Authorization, Content-Type";
        const QByteArray m = "POST, OPTIONS";
        auto row = [&](const char *name, int ps, QByteArray acao, QByteArray acah, QByteArray acam,
                       QByteArray acac, int as, QByteArray actualAcao) {
            QTest::newRow(name) << QString::fromLatin1(name) << ps << acao << acah << acam << acac
                                << as << actualAcao;
        };
        row("cors-default", 204, origin, h, m, absent, 200, origin);
        row("cors-preflight-200", 200, origin, h, m, absent, 200, origin);
        row("cors-acao-wildcard", 204, "*", h, m, absent, 200, "*");
        row("cors-acao-wildcard-credentials", 204, "*", h, m, "true", 200, "*");
        row("cors-acac-capitalised", 204, origin, h, m, "True", 200, origin);
        row("cors-acao-trailing-slash", 204, origin + '/', h, m, absent, 200, origin + '/');
        row("cors-acao-wrong-scheme", 204, "http://sandbox.cds-hooks.org", h, m, absent, 200,
            "http://sandbox.cds-hooks.org");
        row("cors-acao-comma-list", 204, "https://a.example, " + origin, h, m, absent, 200,
            "https://a.example, " + origin);
        row("cors-acao-null", 204, "null", h, m, absent, 200, "null");
        row("cors-preflight-no-cors", 200, absent, absent, absent, absent, 200, origin);
        row("cors-preflight-404", 404, absent, absent, absent, absent, 200, origin);
        row("cors-preflight-404-with-cors", 404, origin, h, m, absent, 200, origin);
        row("cors-preflight-401", 401, origin, h, m, absent, 200, origin);
        row("cors-acah-wildcard", 204, origin, "*", m, absent, 200, origin);
        row("cors-acah-content-type-only", 204, origin, "Content-Type", m, absent, 200, origin);
        row("cors-no-acah", 204, origin, absent, m, absent, 200, origin);
        row("cors-acah-space-separated", 204, origin, "authorization content-type", m, absent, 200,
            origin);
        row("cors-no-acam", 204, origin, h, absent, absent, 200, origin);
        row("cors-acam-lowercase", 204, origin, h, "post", absent, 200, origin);
        row("cors-actual-no-acao", 204, origin, h, m, absent, 200, absent);
        row("cors-actual-500-no-acao", 204, origin, h, m, absent, 500, absent);
        row("cors-actual-500-with-acao", 204, origin, h, m, absent, 500, origin);
    }

    void corsRows()
    {
        QFETCH(QString, id);
        QFETCH(int, preflightStatus);
        QFETCH(QByteArray, acao);
        QFETCH(QByteArray, acah);
        QFETCH(QByteArray, acam);
        QFETCH(QByteArray, acac);
        QFETCH(int, actualStatus);
        QFETCH(QByteArray, actualAcao);
        const auto pre = preflight(id);
        QCOMPARE(pre.status, preflightStatus);
        QCOMPARE(header(pre, "Access-Control-Allow-Origin"), acao);
        QCOMPARE(header(pre, "Access-Control-Allow-Headers"), acah);
        QCOMPARE(header(pre, "Access-Control-Allow-Methods"), acam);
        QCOMPARE(header(pre, "Access-Control-Allow-Credentials"), acac);
        const auto post = actual(id);
        QCOMPARE(post.status, actualStatus);
        QCOMPARE(header(post, "Access-Control-Allow-Origin"), actualAcao);
    }

    void duplicateAcaoIsTwoHeaderLines()
    {
        const quint16 port = QUrl(lab).port();
        const QByteArray bytes = rawExchange(
            port,
            "OPTIONS /cds-services/cors-acao-duplicate HTTP/1.1\r\nHost: x\r\nOrigin: " + origin
                + "\r\nAccess-Control-Request-Method: POST\r\nConnection: close\r\n\r\n");
        QCOMPARE(bytes.count("\r\nAccess-Control-Allow-Origin: " + origin + "\r\n"), 2);
    }

    void redirectsAndMaxAge()
    {
        const auto pre = preflight(u"cors-preflight-redirect"_s);
        QCOMPARE(pre.status, 301);
        QCOMPARE(header(pre, "Location"), (lab + u"/cors-preflight-redirect/"_s).toUtf8());
        const auto post = actual(u"cors-actual-redirect"_s);
        QCOMPARE(post.status, 307);
        QVERIFY(header(post, "Location").startsWith("http://localhost:"));
        QCOMPARE(header(post, "Access-Control-Allow-Origin"), origin);
        QCOMPARE(header(preflight(u"cors-max-age"_s), "Access-Control-Max-Age"),
                 QByteArray("86400"));
    }

    void httpFailures()
    {
        const auto notJson = actual(u"not-json"_s);
        QCOMPARE(notJson.status, 200);
        QVERIFY(QJsonDocument::fromJson(notJson.body).isNull());
        const auto html = actual(u"html-error"_s);
        QCOMPARE(html.status, 502);
        QVERIFY(header(html, "Content-Type").startsWith("text/html"));
        QCOMPARE(actual(u"http-500"_s).status, 500);
        QCOMPARE(actual(u"http-401"_s).status, 401);
        const auto precondition = actual(u"http-412"_s);
        QCOMPARE(precondition.status, 412);
        QCOMPARE(precondition.json()[u"resourceType"_s].toString(), u"OperationOutcome"_s);
        const auto huge = actual(u"huge"_s);
        QCOMPARE(huge.status, 200);
        QVERIFY(huge.body.size() > 12 * 1024 * 1024);
        QCOMPARE(actual(u"slow"_s).status, 200); // late, but it does answer
    }

    void hangingNeverAnswers()
    {
        QNetworkAccessManager nam;
        QNetworkRequest request {QUrl(lab + u"/hanging"_s)};
        request.setRawHeader("Content-Type", "application/json");
        request.setTransferTimeout(1500); // the client gives up; the server has sent nothing
        QNetworkReply *reply = nam.post(request, "{}");
        QEventLoop loop;
        connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        QCOMPARE(reply->error(), QNetworkReply::OperationCanceledError);
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
        delete reply;
        QCOMPARE(httpGet(lab).status, 200); // the lab still serves others
    }

    // The hostile rows (labhostile.cpp) serve exactly the body their description names.
    void hostileRows()
    {
        QCOMPARE(actual(u"hostile-empty-body"_s).body, QByteArray());
        QVERIFY(actual(u"hostile-bom"_s).body.startsWith("\xEF\xBB\xBF{"));
        QVERIFY(actual(u"hostile-deep-nesting"_s).body.contains(QByteArray(10000, '[')));
        QVERIFY(actual(u"hostile-invalid-utf8"_s).body.contains("\xC3\x28\xFF"));
        QVERIFY(actual(u"hostile-number-1e400"_s).body.contains("1e400"));
        QCOMPARE(actual(u"hostile-http-204"_s).status, 204);
        const auto loop = actual(u"hostile-redirect-loop"_s);
        QCOMPARE(loop.status, 302);
        QCOMPARE(header(loop, "Location"), (lab + u"/hostile-redirect-loop"_s).toUtf8());
        QCOMPARE(actual(u"hostile-10000-cards"_s).json()[u"cards"_s].toArray().size(), 10000);
        auto card = [&](const QString &id) { return actual(id).json()[u"cards"_s][0].toObject(); };
        QCOMPARE(card(u"hostile-1mb-summary"_s)[u"summary"_s].toString().size(), 1 << 20);
        QVERIFY(card(u"hostile-1mb-detail"_s)[u"detail"_s].toString().size() > 900000);
        QVERIFY(
            card(u"hostile-tracking-markdown"_s)[u"detail"_s].toString().contains(u"![a [b] c]"_s));
        QCOMPARE(card(u"hostile-non-http-links"_s)[u"links"_s][1][u"type"_s].toString(),
                 u"smart"_s);
    }

    void specViolationsAndHostileContent()
    {
        auto card = [&](const QString &id) { return actual(id).json()[u"cards"_s][0].toObject(); };
        QVERIFY(card(u"summary-too-long"_s)[u"summary"_s].toString().size() >= 140);
        QCOMPARE(card(u"bad-indicator"_s)[u"indicator"_s].toString(), u"hard-stop"_s);
        QVERIFY(!card(u"missing-source"_s).contains(u"source"_s));
        QCOMPARE(card(u"unknown-selection-behavior"_s)[u"selectionBehavior"_s].toString(),
                 u"exactly-one"_s);
        const auto empty = card(u"empty-arrays"_s);
        QVERIFY(empty[u"suggestions"_s].isArray() && empty[u"suggestions"_s].toArray().isEmpty());
        QVERIFY(empty[u"extension"_s].isObject() && empty[u"extension"_s].toObject().isEmpty());
        QVERIFY(card(u"script-in-markdown"_s)[u"detail"_s].toString().contains(u"<script>"_s));
        const auto js = card(u"javascript-link"_s);
        QVERIFY(js[u"links"_s][0][u"url"_s].toString().startsWith(u"javascript:"_s));
        QVERIFY(js[u"source"_s][u"url"_s].toString().startsWith(u"javascript:"_s));
        QCOMPARE(actual(u"no-such-lab-service"_s).status, 404);

        // The core validator flags each violation with the rule it breaks.
        auto rules = [&](const QString &id) {
            QStringList out;
            for (const auto &f : hb::core::validateResponse(actual(id).json(), u"patient-view"_s))
                if (f.severity != hb::core::Severity::Info)
                    out.append(f.ruleId);
            return out;
        };
        QVERIFY(rules(u"summary-too-long"_s).contains(u"V4"_s));
        QVERIFY(rules(u"bad-indicator"_s).contains(u"V5"_s));
        QVERIFY(rules(u"missing-source"_s).contains(u"V3"_s));
        QVERIFY(rules(u"unknown-selection-behavior"_s).contains(u"V7"_s));
        QVERIFY(rules(u"empty-arrays"_s).contains(u"V2"_s));
        QVERIFY(rules(u"script-in-markdown"_s).contains(u"V19"_s));
        QVERIFY(!rules(u"javascript-link"_s).isEmpty());
        QVERIFY(rules(u"cors-default"_s).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLab)
#include "tst_lab.moc"
