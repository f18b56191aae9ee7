// hookbench-cli against an HTTPS FHIR server on loopback whose certificate is self-signed (made
// here with openssl): without trust the error names the host, the reason and the certificate's
// SHA-256; --fhir-trust-cert with that fingerprint (a pin) or --fhir-ca-file with the
// certificate makes the same search work; a wrong pin or an unrelated CA does not.
#include "../processrunner.h"
#include "tlsfhirserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// A self-signed certificate for 127.0.0.1 (EC P-256, one day), as a developer's HAPI or
// Medplum on localhost has.
bool makeCertificate(const QString &dir, const QString &name)
{
    QProcess openssl;
    openssl.start(u"openssl"_s,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                   u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"1"_s, u"-subj"_s,
                   u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s, u"-addext"_s,
                   u"basicConstraints=critical,CA:TRUE"_s, u"-keyout"_s,
                   dir + u'/' + name + u"-key.pem"_s, u"-out"_s,
                   dir + u'/' + name + u"-cert.pem"_s});
    return openssl.waitForFinished(30000) && openssl.exitStatus() == QProcess::NormalExit
        && openssl.exitCode() == 0;
}

QString sha256Of(const QString &certFile)
{
    QFile file(certFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromLatin1(
        QSslCertificate(file.readAll(), QSsl::Pem).digest(QCryptographicHash::Sha256).toHex());
}

} // namespace

class TestCliFhirTls : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    fixtures::TlsFhirServer m_server;
    QString m_sha256;

    QString cert() const { return m_dir.filePath(u"server-cert.pem"_s); }

    ProcessResult patients(const QStringList &extra)
    {
        return runBinary(u"hookbench-cli"_s,
                         QStringList {u"patients"_s, u"--fhir"_s, m_server.fhirBase(),
                                      u"--search"_s, u"Overtls"_s, u"--json"_s}
                             + extra);
    }

    static int patientCount(const ProcessResult &result)
    {
        return int(QJsonDocument::fromJson(result.out.toUtf8()).array().size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(makeCertificate(m_dir.path(), u"server"_s));
        QVERIFY(makeCertificate(m_dir.path(), u"other"_s));
        QVERIFY(m_server.start(cert(), m_dir.filePath(u"server-key.pem"_s)));
        m_sha256 = sha256Of(cert());
        QCOMPARE(m_sha256.size(), 64);
    }

    void withoutTrustTheErrorNamesHostReasonAndCertificate()
    {
        const auto r = patients({});
        QCOMPARE(r.exitCode, 3); // could not connect
        const QString hostPort = u"127.0.0.1:%1"_s.arg(m_server.port());
        QVERIFY2(r.err.contains(u"TLS handshake with "_s) && r.err.contains(hostPort),
                 qPrintable(r.err));
        QVERIFY2(r.err.contains(u"self-signed"_s, Qt::CaseInsensitive), qPrintable(r.err));
        // What to pin, and how: the fingerprint is in the message.
        QVERIFY2(r.err.contains(m_sha256, Qt::CaseInsensitive), qPrintable(r.err));
        QVERIFY(r.err.contains(u"Trust this host's certificate"_s));
    }

    void pinningTheCertificateMakesTheSearchWork()
    {
        const auto r = patients({u"--fhir-trust-cert"_s, m_sha256});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(patientCount(r), 1);
    }

    void aPinOfAnotherCertificateIsRefused()
    {
        const auto r
            = patients({u"--fhir-trust-cert"_s, sha256Of(m_dir.filePath(u"other-cert.pem"_s))});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(u"TLS handshake with "_s), qPrintable(r.err));
    }

    void theCertificateAsCaFileMakesTheSearchWork()
    {
        const auto r = patients({u"--fhir-ca-file"_s, cert()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(patientCount(r), 1);
    }

    void anUnrelatedCaFileIsRefused()
    {
        const auto r = patients({u"--fhir-ca-file"_s, m_dir.filePath(u"other-cert.pem"_s)});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(u"TLS handshake with "_s), qPrintable(r.err));
    }

    void anUnreadableCaFileIsAUsageError()
    {
        const auto r = patients({u"--fhir-ca-file"_s, m_dir.filePath(u"missing.pem"_s)});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"cannot read the CA file"_s), qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestCliFhirTls)
#include "tst_cli_fhir_tls.moc"
