// The traps a new user of hookbench-cli fell into (issue #12, "Why"), each against the real binary
// and the embedded demo services / misbehaviour lab: an invalid order-select that went out and
// passed CI, a context file that could not override, a malformed URL that became
// "http://http//...", --json silent on failure, usage lines with the absolute path, and a CORS
// failure that never named the way out. Also the conventions: --no-cors everywhere, help CMD,
// one-line usage errors, --quiet, colour only on a terminal, systemActions, the size cap.
#include "../processrunner.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTcpServer>

using namespace Qt::StringLiterals;

namespace {

QJsonObject parseJson(const ProcessResult &r)
{
    return QJsonDocument::fromJson(r.out.toUtf8()).object();
}

ProcessResult cli(const QStringList &args)
{
    return runBinary(u"hookbench-cli"_s, args);
}

QString data(const QString &name)
{
    return QStringLiteral(HOOKBENCH_TEST_DATA "/cli/") + name;
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

const QStringList orderSelect {u"fire"_s,         u"--discovery"_s,       u"embedded"_s,
                               u"--service"_s,    u"medication-safety"_s, u"--hook"_s,
                               u"order-select"_s, u"--patient"_s,         u"pt-amelia-hart"_s};

} // namespace

class TestCliTraps : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        // Create the client key once, so no test's stderr carries "generated ... key".
        QCOMPARE(cli({u"jwks"_s}).exitCode, 0);
    }

    // Trap: order-select without --draft-orders sent no selections, printed C6 twice, exit 0.
    void orderSelectWithoutDraftOrdersIsNotSent()
    {
        const auto text = cli(orderSelect);
        QCOMPARE(text.exitCode, 1);
        QVERIFY2(text.err.contains(u"not sent: the request breaks error C6 /context/selections"_s),
                 qPrintable(text.err));
        QCOMPARE(text.err.count(u"requires context.selections"_s), 1);
        QCOMPARE(text.out.count(u"requires context.selections"_s), 0);
        QVERIFY(!text.out.contains(u"-> HTTP"_s));

        const auto json = cli(orderSelect + QStringList {u"--json"_s});
        QCOMPARE(json.exitCode, 1);
        const QJsonObject o = parseJson(json);
        QCOMPARE(o.value(u"ok"_s).toBool(true), false);
        QCOMPARE(o.value(u"sent"_s).toBool(true), false);
        QCOMPARE(o.value(u"status"_s).toInt(-1), 0);
        QVERIFY(o.value(u"error"_s).toString().startsWith(u"not sent:"_s));
        int selectionFindings = 0;
        for (const auto &f : o.value(u"requestFindings"_s).toArray())
            selectionFindings += f[u"pointer"_s].toString() == u"/context/selections";
        QCOMPARE(selectionFindings, 1);
    }

    void allowInvalidRequestSendsItAnyway()
    {
        const auto r = cli(orderSelect + QStringList {u"--allow-invalid-request"_s, u"--json"_s});
        const QJsonObject o = parseJson(r);
        QCOMPARE(o.value(u"sent"_s).toBool(false), true);
        QVERIFY2(o.value(u"status"_s).toInt() > 0, qPrintable(r.out));
    }

    void selectionsSendASubset()
    {
        const auto r
            = cli(orderSelect
                  + QStringList {u"--draft-orders"_s, data(u"two-orders-amelia.json"_s),
                                 u"--selections"_s, u"MedicationRequest/mr-acet"_s, u"--json"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        const QJsonObject context = parseJson(r)[u"request"_s][u"context"_s].toObject();
        QCOMPARE(context.value(u"selections"_s).toArray(),
                 QJsonArray {u"MedicationRequest/mr-acet"_s});
        QCOMPARE(context[u"draftOrders"_s][u"entry"_s].toArray().size(), 2);
        // The allergy card is about the order that was not selected: none comes back.
        QCOMPARE(parseJson(r)[u"cards"_s].toArray().size(), 0);

        const auto unknown
            = cli(orderSelect
                  + QStringList {u"--draft-orders"_s, data(u"two-orders-amelia.json"_s),
                                 u"--selections"_s, u"MedicationRequest/nope"_s});
        QCOMPARE(unknown.exitCode, 2);
        QVERIFY2(unknown.err.contains(u"MedicationRequest/nope is not a draft order"_s),
                 qPrintable(unknown.err));
    }

    void ordersForAnotherPatientAreAWarning()
    {
        const auto r = cli(orderSelect
                           + QStringList {u"--draft-orders"_s,
                                          data(u"order-for-other-patient.json"_s), u"--json"_s});
        bool warned = false;
        for (const auto &f : parseJson(r)[u"requestFindings"_s].toArray())
            warned = warned
                || (f[u"severity"_s] == u"warning"_s
                    && f[u"message"_s].toString().contains(u"Patient/pt-bruno-keller"_s));
        QVERIFY2(warned, qPrintable(r.out));
    }

    // Trap: --context-file could not override built-in fields, silently.
    void contextFileOverridesBuiltInFields()
    {
        const QStringList args {u"fire"_s,
                                u"--discovery"_s,
                                u"embedded"_s,
                                u"--service"_s,
                                u"patient-greeting"_s,
                                u"--context-file"_s,
                                data(u"context-user-override.json"_s)};
        const auto json = cli(args + QStringList {u"--json"_s});
        QVERIFY2(json.exitCode == 0, qPrintable(json.out + json.err));
        const QJsonObject o = parseJson(json);
        QCOMPARE(o[u"request"_s][u"context"_s][u"userId"_s].toString(),
                 u"Practitioner/pr-someone-else"_s);
        QCOMPARE(o[u"request"_s][u"context"_s][u"com.example.flag"_s].toBool(), true);
        const QJsonArray overrides = o.value(u"contextOverrides"_s).toArray();
        QCOMPARE(overrides.size(), 1);
        QCOMPARE(overrides[0][u"field"_s].toString(), u"userId"_s);
        QCOMPARE(overrides[0][u"replacement"_s].toString(), u"Practitioner/pr-someone-else"_s);
        QVERIFY(overrides[0][u"builtIn"_s].toString().startsWith(u"Practitioner/"_s));

        const auto text = cli(args);
        QVERIFY2(text.err.contains(u"context-file: replaced built-in userId \"Practitioner/"_s),
                 qPrintable(text.err));
    }

    // Trap: http://127.0.0.1:99999 became http://http//... reported as mixed content.
    void malformedUrlsAreRefusedBeforeUse_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        const QString bad = u"http://127.0.0.1:99999"_s;
        QTest::newRow("fire") << QStringList {u"fire"_s, u"--discovery"_s, bad, u"--service"_s,
                                              u"x"_s}
                              << u"port '99999'"_s;
        QTest::newRow("discover") << QStringList {u"discover"_s, bad} << u"port '99999'"_s;
        QTest::newRow("cors") << QStringList {u"cors"_s, bad + u"/cds-services/x"_s}
                              << u"port '99999'"_s;
        QTest::newRow("bench") << QStringList {u"bench"_s, u"--discovery"_s, bad, u"--service"_s,
                                               u"x"_s}
                               << u"port '99999'"_s;
        QTest::newRow("feedback") << QStringList {u"feedback"_s,  u"--discovery"_s, bad,
                                                  u"--service"_s, u"x"_s,           u"--card"_s,
                                                  u"c"_s,         u"--override"_s}
                                  << u"port '99999'"_s;
        QTest::newRow("scheme") << QStringList {u"discover"_s, u"ftp://127.0.0.1/x"_s}
                                << u"not an http(s) URL"_s;
        QTest::newRow("remote fhir without patient") << QStringList {u"fire"_s,
                                                                     u"--discovery"_s,
                                                                     u"embedded"_s,
                                                                     u"--service"_s,
                                                                     u"patient-greeting"_s,
                                                                     u"--fhir"_s,
                                                                     u"http://127.0.0.1:1/fhir"_s}
                                                     << u"needs a patient id (--patient)"_s;
    }

    void malformedUrlsAreRefusedBeforeUse()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        const auto r = cli(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(reason), qPrintable(r.err));
        QVERIFY(!r.err.contains(u"http//"_s));
        QVERIFY(!r.err.contains(u"Mixed Content"_s));
    }

    // Trap: --json printed nothing on stdout when discovery failed.
    void jsonIsAlwaysAnObjectWithOk()
    {
        const QString down = u"http://127.0.0.1:%1"_s.arg(closedPort());
        const QList<QStringList> failing {
            {u"fire"_s, u"--discovery"_s, down, u"--service"_s, u"x"_s, u"--fhir"_s, u"none"_s,
             u"--json"_s},
            {u"discover"_s, down, u"--json"_s},
            {u"fire"_s, u"--json"_s},
            {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s, u"nope"_s, u"--json"_s},
            {u"bench"_s, u"--discovery"_s, down, u"--service"_s, u"x"_s, u"--fhir"_s, u"none"_s,
             u"--json"_s},
            {u"feedback"_s, u"--discovery"_s, down, u"--service"_s, u"x"_s, u"--card"_s, u"c"_s,
             u"--override"_s, u"--json"_s}};
        for (const auto &args : failing) {
            const auto r = cli(args);
            QVERIFY2(r.exitCode != 0, qPrintable(args.join(u' ')));
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
            QVERIFY2(doc.isObject(), qPrintable(args.join(u' ') + u": "_s + r.out));
            QCOMPARE(doc[u"ok"_s].toBool(true), false);
            QVERIFY2(!doc[u"error"_s].toString().isEmpty(), qPrintable(r.out));
        }
        const auto ok = cli({u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                             u"patient-greeting"_s, u"--json"_s});
        QCOMPARE(ok.exitCode, 0);
        QCOMPARE(parseJson(ok).value(u"ok"_s).toBool(false), true);
        QVERIFY(!parseJson(ok).contains(u"error"_s));
    }

    // Trap: each usage line showed the binary's absolute path and no subcommand.
    void usageLinesNameTheCommand()
    {
        const auto root = cli({u"--help"_s});
        QStringList names;
        bool on = false;
        for (const auto &line : root.out.split(u'\n')) {
            if (line == u"Commands:") {
                on = true;
                continue;
            }
            if (on && line.startsWith(u"  "_s))
                names.append(line.trimmed().section(u' ', 0, 0));
            else if (on)
                break;
        }
        QVERIFY(names.contains(u"run"_s) && names.contains(u"bench"_s)
                && names.contains(u"feedback"_s));
        for (const auto &name : names) {
            const auto help = cli({name, u"--help"_s});
            QCOMPARE(help.exitCode, 0);
            const QString first = help.out.section(u'\n', 0, 0);
            QVERIFY2(first.startsWith(u"Usage: hookbench-cli %1 [options]"_s.arg(name)),
                     qPrintable(first));
            QCOMPARE(cli({u"help"_s, name}).out, help.out);
        }
    }

    void usageErrorIsOneLineAndAPointer()
    {
        const auto r = cli({u"fire"_s, u"--discovery"_s, u"embedded"_s});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.out.isEmpty());
        QCOMPARE(r.err,
                 u"hookbench-cli fire: --discovery (or --workspace) and --service are required\n"
                 u"Run 'hookbench-cli fire --help' for the options.\n"_s);
        const auto unknown = cli({u"discover"_s, u"--frob"_s, u"http://127.0.0.1:1"_s});
        QCOMPARE(unknown.exitCode, 2);
        QCOMPARE(unknown.err.count(u'\n'), 2);
    }

    // Trap: a correct server-to-server service failed `fire` and nothing named --no-cors.
    void corsFailureNamesNoCors()
    {
        const QStringList args {u"fire"_s,      u"--discovery"_s,         u"lab"_s,
                                u"--service"_s, u"cors-actual-no-acao"_s, u"--fhir"_s,
                                u"none"_s,      u"--patient"_s,           u"pt-hana-sato"_s};
        const auto browser = cli(args);
        QCOMPARE(browser.exitCode, 1);
        QVERIFY2(browser.out.contains(u"--no-cors turns the browser emulation off"_s),
                 qPrintable(browser.out));
        QVERIFY(parseJson(cli(args + QStringList {u"--json"_s}))
                    .value(u"error"_s)
                    .toString()
                    .contains(u"--no-cors"_s));
        const auto direct = cli(args + QStringList {u"--no-cors"_s, u"--json"_s});
        QVERIFY2(direct.exitCode == 0, qPrintable(direct.out + direct.err));
        QVERIFY(parseJson(direct).value(u"cors"_s).isNull());
        // The old spelling stays.
        QCOMPARE(cli(args + QStringList {u"--origin"_s, u"none"_s}).exitCode, 0);
        for (const auto &command : {u"fire"_s, u"discover"_s, u"bench"_s, u"feedback"_s, u"run"_s})
            QVERIFY2(cli({command, u"--help"_s}).out.contains(u"--no-cors"_s), qPrintable(command));
    }

    void quietSilencesInfoLines()
    {
        const QStringList args {u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                                u"patient-greeting"_s};
        const auto loud = cli(args);
        QVERIFY2(loud.err.contains(u"hookbench.servers:"_s), qPrintable(loud.err));
        const auto quiet = cli(args + QStringList {u"--quiet"_s});
        QCOMPARE(quiet.exitCode, 0);
        QCOMPARE(quiet.err, QString());
        QVERIFY(quiet.out.contains(u"-> HTTP 200"_s));
        // Every command takes it, also those without a service call.
        const auto validate = cli({u"validate"_s, u"-q"_s, data(u"two-orders-amelia.json"_s)});
        QVERIFY2(!validate.err.contains(u"Unknown option"_s), qPrintable(validate.err));
    }

    // Colour only when stdout is a terminal: `script` gives the CLI a pseudo-terminal.
    void colourOnlyOnATerminal()
    {
        const QStringList args {u"fire"_s,
                                u"--discovery"_s,
                                u"embedded"_s,
                                u"--service"_s,
                                u"medication-safety"_s,
                                u"--hook"_s,
                                u"order-select"_s,
                                u"--patient"_s,
                                u"pt-amelia-hart"_s,
                                u"--order"_s,
                                u"308191"_s,
                                u"-q"_s};
        const auto piped = cli(args);
        QCOMPARE(piped.exitCode, 0);
        QVERIFY(piped.out.contains(u"card [critical]"_s));
        QVERIFY(!piped.out.contains(u'\x1b'));

        const QString script = QStandardPaths::findExecutable(u"script"_s);
        QVERIFY2(!script.isEmpty(), "util-linux script is not installed");
        QStringList quoted;
        for (const auto &a : QStringList {hookbenchBinary(u"hookbench-cli"_s)} + args)
            quoted.append(u"'"_s + a + u"'"_s);
        QProcess tty;
        tty.start(script, {u"-qec"_s, quoted.join(u' '), u"/dev/null"_s});
        QVERIFY(tty.waitForFinished(60000));
        const QString out = QString::fromUtf8(tty.readAllStandardOutput());
        QVERIFY2(out.contains(u"card [\x1b[31mcritical\x1b[0m]"_s), qPrintable(out));
    }

    void systemActionsAreSummarised()
    {
        const auto r
            = cli({u"fire"_s, u"--discovery"_s, u"embedded"_s, u"--service"_s,
                   u"imaging-appropriateness"_s, u"--hook"_s, u"order-select"_s, u"--patient"_s,
                   u"pt-george-lindqvist"_s, u"--order"_s, u"IMG-MRI-LSPINE"_s, u"-q"_s});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"system actions (1): update ServiceRequest/"_s),
                 qPrintable(r.out));
    }

    void responseSizeCapIsAnOption()
    {
        const QStringList args {u"fire"_s,      u"--discovery"_s,      u"embedded"_s,
                                u"--service"_s, u"patient-greeting"_s, u"--json"_s};
        QCOMPARE(cli(args).exitCode, 0);
        const auto capped = cli(args + QStringList {u"--max-response-bytes"_s, u"64"_s});
        QCOMPARE(capped.exitCode, 1);
        QVERIFY2(parseJson(capped).value(u"error"_s).toString().contains(u"byte limit"_s),
                 qPrintable(capped.out));
        QCOMPARE(cli(args + QStringList {u"--max-response-bytes"_s, u"lots"_s}).exitCode, 2);
    }

    // fire --accept / --override send feedback; the demo service answers 200.
    void fireAcceptsAndOverrides()
    {
        const QStringList args {u"fire"_s,
                                u"--discovery"_s,
                                u"embedded"_s,
                                u"--service"_s,
                                u"medication-safety"_s,
                                u"--hook"_s,
                                u"order-select"_s,
                                u"--patient"_s,
                                u"pt-amelia-hart"_s,
                                u"--order"_s,
                                u"308191"_s,
                                u"--json"_s};
        const auto accepted = cli(
            args + QStringList {u"--accept"_s, u"Replace with Azithromycin 250 MG Oral Tablet"_s});
        QVERIFY2(accepted.exitCode == 0, qPrintable(accepted.out + accepted.err));
        const QJsonObject o = parseJson(accepted);
        const QJsonObject feedback = o.value(u"feedback"_s).toObject();
        QCOMPARE(feedback.value(u"status"_s).toInt(), 200);
        const QJsonObject item = feedback[u"sent"_s][u"feedback"_s][0].toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"accepted"_s);
        QCOMPARE(item.value(u"card"_s).toString(), o[u"cards"_s][0][u"uuid"_s].toString());
        QCOMPARE(item[u"acceptedSuggestions"_s][0][u"id"_s].toString(),
                 o[u"cards"_s][0][u"suggestions"_s][0][u"uuid"_s].toString());
        QVERIFY(feedback.value(u"appliedOk"_s).toBool());

        const auto overridden = cli(
            args + QStringList {u"--override"_s, u"1"_s, u"--reason"_s, u"patient-refuses"_s});
        QVERIFY2(overridden.exitCode == 0, qPrintable(overridden.out + overridden.err));
        const QJsonObject sent
            = parseJson(overridden)[u"feedback"_s][u"sent"_s][u"feedback"_s][0].toObject();
        QCOMPARE(sent.value(u"outcome"_s).toString(), u"overridden"_s);
        QCOMPARE(sent[u"overrideReason"_s][u"reason"_s][u"code"_s].toString(),
                 u"patient-refuses"_s);
        QCOMPARE(sent[u"overrideReason"_s][u"reason"_s][u"system"_s].toString(),
                 u"http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes"_s);

        const auto missing = cli(args + QStringList {u"--accept"_s, u"no-such-suggestion"_s});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(parseJson(missing).value(u"error"_s).toString().contains(u"no suggestion"_s));
    }
};

QTEST_GUILESS_MAIN(TestCliTraps)
#include "tst_cli_traps.moc"
