// The bearer token of a remote FHIR source, pasted on the settings screen: used for this
// session's FHIR reads (patient search, prefetch), never written to the workspace, the
// settings or the log, and asked for again after a relaunch. The "remote" server is the
// fixture's own embedded FHIR server reached by URL, with a token its authorization server
// issued (as a user would paste one from their sandbox).
#include "controllerfixture.h"

#include "net/har.h"

#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace {

QStringList g_messages; // everything Qt's logging printed while the test ran

void collect(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages << message;
}

bool hasHeader(const hb::net::Exchange &exchange, const QByteArray &name, const QByteArray &value)
{
    for (const auto &line : exchange.requestHeaders) {
        if (line.name.compare(name, Qt::CaseInsensitive) == 0 && line.value == value)
            return true;
    }
    return false;
}

// Files under `dir` whose bytes contain `secret`.
QStringList filesContaining(const QString &dir, const QByteArray &secret)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile file(it.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(secret))
            found << file.fileName();
    }
    return found;
}

} // namespace

class TestFhirToken : public QObject
{
    Q_OBJECT

private:
    ControllerFixture f;
    QString m_token;
    QUrl m_fhir;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(f.start(hb::storage::Workspace::defaults()));
        auto *servers = f.context.workbench()->servers();
        servers->registerServiceClient({u"sandbox-user"_s, {u"user/*.read"_s}});
        const auto grant
            = servers->issueServiceToken(u"sandbox-user"_s, {u"user/*.read"_s}, {}, 3600);
        QCOMPARE(grant.status, hb::servers::TokenGrant::Status::Granted);
        m_token = grant.accessToken;
        m_fhir = f.context.workbench()->embeddedFhir();
        qInstallMessageHandler(collect);
    }

    void cleanupTestCase() { qInstallMessageHandler(nullptr); }

    void aBearerSourceWithoutATokenIsRefused()
    {
        const QString error
            = f.settings.setFhirSource(m_fhir.toString(), u"bearer"_s, QString(), QString());
        QCOMPARE(error, u"bearer authentication needs a token"_s);
        QVERIFY(!f.settings.fhirTokenSet());
        QCOMPARE(f.settings.fhirUrl(), QString()); // nothing changed: still embedded
    }

    void thePastedTokenCarriesTheSessionsFhirReads()
    {
        const auto start = f.exchanges(u"fhir"_s).size();
        QSignalSpy listed(f.patient.patients(), &QAbstractItemModel::modelReset);
        QCOMPARE(f.settings.setFhirSource(m_fhir.toString(), u"bearer"_s, m_token, QString()),
                 QString());
        // The banner's patient list is the source's now (its first page, read with the token).
        QTRY_VERIFY_WITH_TIMEOUT(listed.count() >= 1, 10000);
        QVERIFY(f.patient.patients()->rowCount() > 0);
        bool listedFromSource = false;
        for (const auto &exchange : f.exchanges(u"fhir"_s).mid(start)) {
            listedFromSource |= exchange.origin == u"hookbench"
                && exchange.url.path().endsWith(u"/Patient"_s)
                && hasHeader(exchange, "Authorization", "Bearer " + m_token.toUtf8());
        }
        QVERIFY2(listedFromSource, "the patient list was not read from the FHIR source");
        QVERIFY(f.settings.fhirTokenSet());
        QCOMPARE(f.settings.fhirUrl(), m_fhir.toString());
        QCOMPARE(f.settings.fhirAuth(), u"bearer"_s);
        QVERIFY2(f.settings.fhirStatus().startsWith(u"In use: "_s),
                 qPrintable(f.settings.fhirStatus()));

        const auto before = f.exchanges(u"fhir"_s).size();
        auto *search = f.patient.search();
        QSignalSpy changed(search, &PatientSearchModel::changed);
        search->search(QString(), QString(), QString());
        QTRY_VERIFY_WITH_TIMEOUT(!search->busy() && changed.count() >= 2, 10000);
        QVERIFY2(search->error().isEmpty(), qPrintable(search->error()));
        QVERIFY(search->rowCount() > 0);
        QCOMPARE(search->source(), m_fhir.toString());
        // Hookbench's own reads (the server, embedded here, also logs what it received: origin
        // "service", without the request headers).
        QList<hb::net::Exchange> reads;
        for (const auto &exchange : f.exchanges(u"fhir"_s).mid(before)) {
            if (exchange.origin == u"hookbench")
                reads << exchange;
        }
        QVERIFY(!reads.isEmpty());
        for (const auto &exchange : reads)
            QVERIFY2(hasHeader(exchange, "Authorization", "Bearer " + m_token.toUtf8()),
                     qPrintable(exchange.url.toString()));
    }

    // The chart of a patient comes from the FHIR source in use, read with its credentials: it
    // was built from the embedded server's store whatever the source, so a remote patient had
    // an empty chart and no patientId (#10).
    void theChartIsReadFromTheSourceWithItsToken()
    {
        const auto before = f.exchanges(u"fhir"_s).size();
        QSignalSpy chart(&f.context, &AppContext::chartChanged);
        f.patient.openChart(u"pt-bruno-keller"_s);
        QCOMPARE(f.context.state().patientId, u"pt-bruno-keller"_s); // the context at once
        QVERIFY(chart.wait(10000));
        QVERIFY2(f.context.chartError().isEmpty(), qPrintable(f.context.chartError()));
        const auto embedded
            = hb::ehr::chartFor(f.context.workbench()->servers()->store(), u"pt-bruno-keller"_s);
        QCOMPARE(f.context.chart().summary.id, u"pt-bruno-keller"_s);
        QCOMPARE(f.context.chart().allergies, embedded.allergies);
        QCOMPARE(f.context.chart().medications, embedded.medications);
        QCOMPARE(f.context.chart().encounters, embedded.encounters);
        QCOMPARE(f.patient.fhirServer(), m_fhir.toString());
        QStringList read;
        for (const auto &exchange : f.exchanges(u"fhir"_s).mid(before)) {
            if (exchange.origin != u"hookbench")
                continue;
            read << exchange.url.path().section(u'/', 2, 2);
            QVERIFY2(hasHeader(exchange, "Authorization", "Bearer " + m_token.toUtf8()),
                     qPrintable(exchange.url.toString()));
        }
        for (const QString &type : {u"Patient"_s, u"AllergyIntolerance"_s, u"Condition"_s,
                                    u"MedicationRequest"_s, u"Observation"_s, u"Encounter"_s})
            QVERIFY2(read.contains(type), qPrintable(read.join(u' ')));

        // A patient the source does not have: said on an error card, not an empty chart.
        f.patient.openChart(u"nobody-here"_s);
        QVERIFY(chart.wait(10000));
        QVERIFY2(!f.context.chartError().isEmpty(), "no error for an unknown patient");
        auto *cards = f.invocation.cards();
        QTRY_COMPARE(cards->rowCount(), 1);
        QCOMPARE(cards->data(cards->index(0), CardsModel::IndicatorRole).toString(), u"error"_s);
        f.patient.openChart(u"pt-amelia-hart"_s);
        QVERIFY(chart.wait(10000));
    }

    void theTokenIsNeverSavedOrLogged()
    {
        const QByteArray secret = m_token.toUtf8();
        QFile workspace(f.workspacePath());
        QVERIFY(workspace.open(QIODevice::ReadOnly));
        const QByteArray saved = workspace.readAll();
        QVERIFY(saved.contains("\"auth\": \"bearer\""));
        QVERIFY(saved.contains(m_fhir.toString().toUtf8()));
        QVERIFY(!saved.contains(secret));
        // Nor anywhere else Hookbench writes: the settings, the key store, backups.
        QCOMPARE(filesContaining(f.dir.path(), secret), QStringList());
        QCOMPARE(filesContaining(qEnvironmentVariable("HOOKBENCH_HOME"), secret), QStringList());
        // Nor in what Qt's logging printed, nor in an export of the exchange log.
        QVERIFY(!g_messages.join(u'\n').contains(m_token));
        const auto har = QJsonDocument(hb::net::toHar(f.exchanges(u"fhir"_s))).toJson();
        QVERIFY(har.contains("[redacted]"));
        QVERIFY(!har.contains(secret));
    }

    void anEmptyTokenFieldKeepsTheSessionsToken()
    {
        // Changing something else (here: nothing) with the field left empty keeps the token.
        QCOMPARE(f.settings.setFhirSource(m_fhir.toString(), u"bearer"_s, QString(), QString()),
                 QString());
        QVERIFY(f.context.workbench()->fhirSource().token == m_token);
    }

    void aRelaunchAsksForTheTokenAgain()
    {
        AppContext relaunched;
        AppContext::Launch launch;
        launch.workspacePath = f.workspacePath();
        QVERIFY(relaunched.start(launch));
        QCOMPARE(relaunched.fhirError(), u"bearer authentication needs a token"_s);
        QVERIFY(relaunched.workbench()->fhirSource().isEmbedded()); // serves meanwhile
        relaunched.shutdown();
    }

    void backToTheEmbeddedServer()
    {
        QCOMPARE(f.settings.setFhirSource(QString(), u"none"_s, QString(), QString()), QString());
        QVERIFY(f.context.workbench()->fhirSource().isEmbedded());
        QCOMPARE(f.settings.fhirUrl(), QString());
    }
};

QTEST_GUILESS_MAIN(TestFhirToken)
#include "tst_fhirtoken.moc"
