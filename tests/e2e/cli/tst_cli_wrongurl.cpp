// A wrong discovery URL through the real hookbench-cli against the misbehaviour lab: the lab
// answers the preflight of an unknown service id with 404 and an OperationOutcome, which
// Chromium reports as a missing Access-Control-Allow-Origin header. discover, cors and fire keep
// Chromium's text and their exit code, and their fix says in Hookbench's words that the
// preflight got "404 Not Found" with the lab's "No lab service 'many-cards'", so the URL is
// probably wrong.
#include "../processrunner.h"

#include "servers/embeddedservers.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

ProcessResult cli(const QStringList &args)
{
    return runBinary(u"hookbench-cli"_s, args);
}

const QString Chromium = u"has been blocked by CORS policy: Response to preflight request doesn't "
                         u"pass access control check: No 'Access-Control-Allow-Origin' header is "
                         u"present on the requested resource."_s;
const QString Why = u"was answered 404 Not Found (\u201cNo lab service 'many-cards'\u201d), so "
                    u"the URL is probably wrong"_s;

} // namespace

class TestCliWrongUrl : public QObject
{
    Q_OBJECT

private:
    hb::servers::EmbeddedServers m_servers; // in its own thread: answers while the CLI runs
    QString m_wrongBase; ///< the lab with an id it does not have

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_servers.start(&error), qPrintable(error));
        QUrl lab(m_servers.baseUrls().lab);
        lab.setPath(u"/many-cards"_s);
        m_wrongBase = lab.toString();
        QCOMPARE(cli({u"jwks"_s}).exitCode, 0); // the client key exists before the checks
    }

    void discoverSaysThePreflightGot404()
    {
        const auto text = cli({u"discover"_s, m_wrongBase});
        QCOMPARE(text.exitCode, 1); // a check failed, as before
        QVERIFY2(text.out.contains(Chromium), qPrintable(text.out));
        QVERIFY2(text.out.contains(u"Fix: The preflight OPTIONS "_s + m_wrongBase
                                   + u"/cds-services "_s + Why),
                 qPrintable(text.out));

        const auto json = cli({u"discover"_s, m_wrongBase, u"--json"_s});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject cors
            = QJsonDocument::fromJson(json.out.toUtf8()).object()[u"cors"_s].toObject();
        QVERIFY2(cors[u"chromium"_s].toString().contains(Chromium), qPrintable(json.out));
        QVERIFY2(cors[u"hint"_s].toString().contains(Why), qPrintable(json.out));
    }

    void corsSaysThePreflightGot404()
    {
        const auto r = cli({u"cors"_s, m_wrongBase + u"/cds-services"_s});
        QCOMPARE(r.exitCode, 1); // a CORS failure, as before
        QVERIFY2(r.out.contains(Chromium), qPrintable(r.out));
        QVERIFY2(r.out.contains(Why), qPrintable(r.out));
    }

    void fireSaysThePreflightGot404()
    {
        const auto r
            = cli({u"fire"_s, u"--discovery"_s, m_wrongBase, u"--service"_s, u"many-cards"_s,
                   u"--fhir"_s, u"none"_s, u"--patient"_s, u"pt-hana-sato"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(Chromium), qPrintable(r.err));
        QVERIFY2(r.err.contains(Why), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliWrongUrl)
#include "tst_cli_wrongurl.moc"
