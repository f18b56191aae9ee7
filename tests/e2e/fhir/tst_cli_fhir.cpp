// hookbench-cli against a remote FHIR server (a second embedded EHR on loopback with 134
// patients): --fhir-token, --fhir-auth backend-services, paging, a clear 401, and `fire` whose
// service only ever sees the audit proxy.
#include "../processrunner.h"

#include "security/keystore.h"
#include "servers/embeddedservers.h"
#include "session/clienttrust.h"
#include "storage/paths.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace hb;

class TestCliFhir : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    servers::EmbeddedServers m_remote;
    /// A remote without the embedded EHR's people: its only practitioner is pr-rosa-remote.
    servers::EmbeddedServers m_userless;
    QString m_token;

    QJsonObject fireOnUserless(const QStringList &extra, QString *err)
    {
        const auto r
            = runBinary(u"hookbench-cli"_s,
                        QStringList {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                                     u"patient-greeting"_s, u"--fhir"_s, m_userless.baseUrls().fhir,
                                     u"--patient"_s, u"pt-remote-one"_s, u"--json"_s}
                            + extra);
        *err = r.err;
        if (r.exitCode != 0)
            qWarning() << r.err << r.out;
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    QString fhir() const { return m_remote.baseUrls().fhir; }

private Q_SLOTS:
    void initTestCase()
    {
        // The CLI and this test share HOOKBENCH_HOME, so the remote trusts the CLI's key.
        QString error;
        const auto keys = security::KeyStore::openDefault(&error);
        QVERIFY2(!keys.activeKid().isEmpty(), qPrintable(error));
        QJsonArray entries;
        for (int i = 0; i < 120; ++i)
            entries.append(QJsonObject {
                {u"resource"_s,
                 QJsonObject {{u"resourceType"_s, u"Patient"_s},
                              {u"id"_s, u"cli-%1"_s.arg(i)},
                              {u"name"_s, QJsonArray {QJsonObject {{u"family"_s, u"Clipaging"_s}}}},
                              {u"birthDate"_s, u"1975-05-05"_s}}}});
        const QString bundle = m_dir.filePath(u"bundle.json"_s);
        QSaveFile file(bundle);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(QJsonObject {{u"resourceType"_s, u"Bundle"_s},
                                              {u"type"_s, u"collection"_s},
                                              {u"entry"_s, entries}})
                       .toJson());
        QVERIFY(file.commit());
        servers::ServerOptions options;
        options.bundleFiles = {bundle};
        m_remote.setOptions(options);
        m_remote.setClientAssertionVerifier(
            session::clientTrustFor(storage::homePath(u"keys"_s), {}).assertions);
        QVERIFY2(m_remote.start(&error), qPrintable(error));
        servers::ServerOptions userless;
        userless.builtinData = false;
        userless.requireTokens = false;
        userless.shiftDates = false;
        userless.bundleFiles = {QStringLiteral(HOOKBENCH_TEST_DATA "/bridge/remote-fhir.json")};
        m_userless.setOptions(userless);
        QVERIFY2(m_userless.start(&error), qPrintable(error));
        m_token
            = m_remote.issueServiceToken(u"cli-user"_s, {u"user/*.read"_s}, {}, 3600).accessToken;
    }

    void patientsWithABearerTokenPageThroughAll()
    {
        const auto r = runBinary(u"hookbench-cli"_s,
                                 {u"patients"_s, u"--fhir"_s, fhir(), u"--fhir-token"_s, m_token,
                                  u"--search"_s, u"Clipaging"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 120);
        const auto limited
            = runBinary(u"hookbench-cli"_s,
                        {u"patients"_s, u"--fhir"_s, fhir(), u"--fhir-token"_s, m_token,
                         u"--birthdate"_s, u"1975-05-05"_s, u"--limit"_s, u"30"_s, u"--json"_s});
        QCOMPARE(limited.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(limited.out.toUtf8()).array().size(), 30);
        QVERIFY2(limited.err.contains(u"stopped after 30"_s), qPrintable(limited.err));
    }

    void patientsWithBackendServices()
    {
        const auto r = runBinary(u"hookbench-cli"_s,
                                 {u"patients"_s, u"--fhir"_s, fhir(), u"--fhir-auth"_s,
                                  u"backend-services"_s, u"--fhir-client-id"_s, u"cli-backend"_s,
                                  u"--search"_s, u"Clipaging"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8()).array().size(), 120);
        QCOMPARE(m_remote.audit().last().subject, u"cli-backend"_s);
    }

    void aRefusedTokenIsAClearError()
    {
        const auto r
            = runBinary(u"hookbench-cli"_s,
                        {u"patients"_s, u"--fhir"_s, fhir(), u"--fhir-token"_s, u"stale"_s});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"HTTP 401 Unauthorized"_s), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"unknown bearer token"_s), qPrintable(r.err));
        QVERIFY(!r.err.contains(u"stale"_s)); // the token itself is never printed
    }

    void badOptionsAreUsageErrors()
    {
        const auto noClient = runBinary(
            u"hookbench-cli"_s,
            {u"patients"_s, u"--fhir"_s, fhir(), u"--fhir-auth"_s, u"backend-services"_s});
        QCOMPARE(noClient.exitCode, 2);
        QVERIFY2(noClient.err.contains(u"client id"_s), qPrintable(noClient.err));
        const auto noUrl
            = runBinary(u"hookbench-cli"_s, {u"patients"_s, u"--fhir-token"_s, u"x"_s});
        QCOMPARE(noUrl.exitCode, 2);
        const auto badKind
            = runBinary(u"hookbench-cli"_s,
                        {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                         u"patient-greeting"_s, u"--fhir"_s, fhir(), u"--fhir-auth"_s, u"magic"_s});
        QCOMPARE(badKind.exitCode, 2);
    }

    void fireSendsTheServiceToTheProxyNotTheRemote()
    {
        const auto r = runBinary(u"hookbench-cli"_s,
                                 {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                                  u"patient-greeting"_s, u"--fhir"_s, fhir(), u"--fhir-token"_s,
                                  m_token, u"--patient"_s, u"cli-7"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        const QJsonObject json = QJsonDocument::fromJson(r.out.toUtf8()).object();
        const QJsonObject request = json[u"request"_s].toObject();
        QCOMPARE(request[u"prefetch"_s][u"patient"_s][u"id"_s].toString(), u"cli-7"_s);
        const QString server = request[u"fhirServer"_s].toString();
        QVERIFY2(server.startsWith(u"http://127.0.0.1:"_s), qPrintable(server));
        QVERIFY(server != fhir());
        QVERIFY(!r.out.contains(m_token));
    }

    // As in the GUI: context.userId is a user the remote source has (its first Practitioner,
    // as it lacks the embedded default user), with a notice on stderr; --user still wins.
    void fireActsAsTheSourcesUser()
    {
        QString err;
        QJsonObject json = fireOnUserless({}, &err);
        QCOMPARE(json[u"request"_s][u"context"_s][u"userId"_s].toString(),
                 u"Practitioner/pr-rosa-remote"_s);
        QVERIFY2(err.contains(u"FHIR source: The FHIR source has no Practitioner/pr-olivia-chen: "
                              u"acting as Practitioner/pr-rosa-remote"_s),
                 qPrintable(err));

        json = fireOnUserless({u"--user"_s, u"Practitioner/someone-else"_s}, &err);
        QCOMPARE(json[u"request"_s][u"context"_s][u"userId"_s].toString(),
                 u"Practitioner/someone-else"_s);
        QVERIFY2(!err.contains(u"acting as"_s), qPrintable(err));

        // A source that has the default user keeps them, without a notice.
        const auto r = runBinary(u"hookbench-cli"_s,
                                 {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                                  u"patient-greeting"_s, u"--fhir"_s, fhir(), u"--fhir-token"_s,
                                  m_token, u"--patient"_s, u"cli-7"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err + r.out));
        QCOMPARE(QJsonDocument::fromJson(r.out.toUtf8())
                     .object()[u"request"_s][u"context"_s][u"userId"_s]
                     .toString(),
                 u"Practitioner/pr-olivia-chen"_s);
        QVERIFY2(!r.err.contains(u"FHIR source:"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliFhir)
#include "tst_cli_fhir.moc"
