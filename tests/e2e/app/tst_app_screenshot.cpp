// `hookbench --screenshot FILE` renders the loaded window to a PNG and exits (issue #2).
#include "../processrunner.h"

#include "storage/workspacefile.h"

#include <QColor>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestAppScreenshot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void versionAndHelp()
    {
        auto result = runBinary(u"hookbench"_s, {u"--version"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(QStringLiteral(HOOKBENCH_VERSION)));
        result = runBinary(u"hookbench"_s, {u"--help"_s});
        QCOMPARE(result.exitCode, 0);
        QVERIFY(result.out.contains(u"--screenshot"_s));
    }

    // Defect (#9): `hookbench --bogus` without a display aborted instead of printing usage.
    void badArgumentsPrintUsageAndExit2WithoutADisplay()
    {
        auto env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_s);
        env.remove(u"WAYLAND_DISPLAY"_s);
        env.insert(u"QT_QPA_PLATFORM"_s, u"xcb"_s); // no display: a GUI start would abort
        const QList<QPair<QStringList, QString>> cases {
            {{u"--bogus"_s}, u"Unknown option 'bogus'"_s},
            {{u"--screen"_s, u"nowhere"_s}, u"--screen 'nowhere' is not one of chart, orders"_s},
            {{u"--grant-policy"_s, u"always"_s}, u"--grant-policy 'always' is not"_s},
            {{u"--port"_s, u"99999"_s}, u"--port '99999' is not a port number"_s},
        };
        for (const auto &[args, message] : cases) {
            const auto result = runBinary(u"hookbench"_s, args, env);
            QCOMPARE(result.exitCode, 2);
            QVERIFY2(result.err.contains(message), qPrintable(result.err));
            QVERIFY2(result.err.contains(u"--workspace"_s), qPrintable(result.err)); // the usage
        }
    }

    // Issue #9 acceptance: a fresh home, --discovery of a second source, quit, launch again:
    // the same services, the same embedded port, the origin setting kept.
    void relaunchRemembersServicesPortAndOrigin()
    {
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        auto first = runBinary(
            u"hookbench"_s,
            {u"--screenshot"_s, tmp.filePath(u"1.png"_s), u"--discovery"_s, u"lab:not-json"_s},
            env);
        QVERIFY2(first.exitCode == 0, qPrintable(first.err));
        const QJsonObject one = QJsonDocument::fromJson(first.out.trimmed().toUtf8()).object();
        const QJsonArray services = one.value(u"services"_s).toArray();
        QCOMPARE(services.size(), 11); // 10 demo services + the lab's not-json
        QCOMPARE(services.last().toObject().value(u"source"_s).toString(),
                 u"embedded:lab:not-json"_s);
        QVERIFY(one.value(u"workspace"_s).toString().startsWith(tmp.filePath(u"home"_s)));
        const int port = one.value(u"embeddedPort"_s).toInt();
        QVERIFY(port > 0);

        // Change the origin the way the settings screen does: it is saved in the workspace.
        const QString path = one.value(u"workspace"_s).toString();
        auto workspace = hb::storage::loadWorkspace(path).workspace;
        QVERIFY(workspace);
        workspace->cors.origin = u"http://localhost:8080"_s;
        QVERIFY(hb::storage::saveWorkspace(path, *workspace));

        auto second = runBinary(u"hookbench"_s, {u"--screenshot"_s, tmp.filePath(u"2.png"_s)}, env);
        QVERIFY2(second.exitCode == 0, qPrintable(second.err));
        const QJsonObject two = QJsonDocument::fromJson(second.out.trimmed().toUtf8()).object();
        QCOMPARE(two.value(u"services"_s).toArray(), services);
        QCOMPARE(two.value(u"embeddedPort"_s).toInt(), port);
        QCOMPARE(two.value(u"origin"_s).toString(), u"http://localhost:8080"_s);
        QCOMPARE(two.value(u"workspace"_s).toString(), path);
    }

    void unknownPatientShowsAnErrorCard()
    {
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result = runBinary(
            u"hookbench"_s,
            {u"--screenshot"_s, tmp.filePath(u"x.png"_s), u"--patient"_s, u"nobody"_s}, env);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        const QJsonObject card = state.value(u"cards"_s).toArray().at(0).toObject();
        QCOMPARE(card.value(u"indicator"_s).toString(),
                 u"error"_s); // never a silently empty screen
    }

    // A service a browser-based EHR could not call is an error card with the browser's verdict
    // and the fix, where the official sandbox shows "No recommendations to display".
    void corsFailureIsAnErrorCardWithTheFix()
    {
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result = runBinary(u"hookbench"_s,
                                      {u"--screenshot"_s, tmp.filePath(u"x.png"_s),
                                       u"--discovery"_s, u"lab:cors-acao-null"_s},
                                      env);
        QCOMPARE(result.exitCode, 0);
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        const QJsonObject card = state.value(u"cards"_s).toArray().at(0).toObject();
        QCOMPARE(card.value(u"indicator"_s).toString(), u"error"_s);
        const QString error = card.value(u"error"_s).toString();
        QVERIFY2(error.contains(u"has been blocked by CORS policy"_s), qPrintable(error));
        QVERIFY2(
            error.contains(
                u"Fix: Send exactly one 'Access-Control-Allow-Origin: https://sandbox.cds-hooks.org'"_s),
            qPrintable(error));
    }

    // Every row of the screen table (NavigationModel: the --screen names) loads without one QML
    // warning. The Orders screen once failed to load after a merge (a delegate declared a
    // required 'display', AbstractButton's FINAL property) and only a screenshot showed it.
    void everyScreenLoadsWithoutAQmlWarning()
    {
        const auto help = runBinary(u"hookbench"_s, {u"--help"_s});
        const QString flat = help.out.simplified();
        const auto names = QRegularExpression(u"Show this screen first: ([a-z, -]+)\\."_s)
                               .match(flat)
                               .captured(1)
                               .split(u", "_s, Qt::SkipEmptyParts);
        QVERIFY2(names.size() >= 8, qPrintable(flat));
        // A QML diagnostic names its file and line; these are the texts of the common ones.
        const QRegularExpression qmlWarning(
            u"\\.qml:\\d+|ReferenceError|TypeError|Required property|Cannot assign|"
            "Unable to assign|Binding loop|is not a type|failed to load"_s);
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        for (const QString &name : names) {
            const auto result = runBinary(
                u"hookbench"_s,
                {u"--screen"_s, name, u"--screenshot"_s, tmp.filePath(name + u".png"_s)}, env);
            QVERIFY2(result.exitCode == 0, qPrintable(name + u": "_s + result.err));
            QStringList warnings;
            for (const QString &line : result.err.split(u'\n')) {
                if (qmlWarning.match(line).hasMatch())
                    warnings << line;
            }
            QVERIFY2(warnings.isEmpty(),
                     qPrintable(u"screen '%1':\n%2"_s.arg(name, warnings.join(u'\n'))));
        }
    }

    // --sign signs the --order orders at launch, so the Order dispatch screen has one to show.
    void signedOrdersAtLaunchForTheDispatchScreen()
    {
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result = runBinary(u"hookbench"_s,
                                      {u"--screenshot"_s, tmp.filePath(u"x.png"_s), u"--patient"_s,
                                       u"pt-amelia-hart"_s, u"--order"_s, u"IMG-MRI-LSPINE"_s,
                                       u"--sign"_s, u"--screen"_s, u"dispatch"_s},
                                      env);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        QVERIFY2(state.value(u"lastFire"_s).toString().startsWith(u"order-sign"_s),
                 qPrintable(result.out));
    }

    void screenshotShowsTheWindow()
    {
        QTemporaryDir tmp;
        const QString png = tmp.filePath(u"window.png"_s);
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result = runBinary(u"hookbench"_s, {u"--screenshot"_s, png}, env);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));

        // The app opened the first patient, fired patient-view and drew the greeting card.
        const QJsonObject state = QJsonDocument::fromJson(result.out.trimmed().toUtf8()).object();
        QCOMPARE(state.value(u"patient"_s).toString(), u"pt-amelia-hart"_s);
        const QJsonArray cards = state.value(u"cards"_s).toArray();
        QVERIFY2(!cards.isEmpty(), qPrintable(result.out));
        QCOMPARE(cards.at(0).toObject().value(u"service"_s).toString(), u"patient-greeting"_s);
        QVERIFY(cards.at(0).toObject().value(u"summary"_s).toString().contains(u"Amelia"_s));
        QVERIFY(state.value(u"exchanges"_s).toInt()
                >= 4); // discovery, prefetch, the call (+ preflights)

        QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 960 && image.height() >= 600);
        // The patient banner is the dark band at the top; the cards column, the screen area and
        // (in the light theme the test runs in) the log panel are light. Sampling them proves the
        // layout was drawn.
        // (Below the File menu bar.)
        const QColor banner = image.pixelColor(image.width() / 2, 60);
        const QColor middle = image.pixelColor(image.width() / 2, image.height() / 2);
        const QColor log = image.pixelColor(image.width() / 2, image.height() - 4);
        QVERIFY2(banner.lightness() < 80, qPrintable(banner.name()));
        QVERIFY2(middle.lightness() > 200, qPrintable(middle.name()));
        QVERIFY2(log.lightness() > 200, qPrintable(log.name()));
    }

    // Issue #11: the desktop shows the window with the package's icon and name. Wayland matches
    // it to a .desktop file by QGuiApplication::desktopFileName, X11 by WM_CLASS (Qt's
    // applicationName), so both must name what packaging/linux installs.
    void windowHasTheDesktopFileAndAnIcon()
    {
        QTemporaryDir tmp;
        auto env = QProcessEnvironment::systemEnvironment();
        env.insert(u"HOOKBENCH_HOME"_s, tmp.filePath(u"home"_s));
        const auto result
            = runBinary(u"hookbench"_s, {u"--screenshot"_s, tmp.filePath(u"w.png"_s)}, env);
        QVERIFY2(result.exitCode == 0, qPrintable(result.err));
        const QJsonObject window = QJsonDocument::fromJson(result.out.trimmed().toUtf8())
                                       .object()
                                       .value(u"window"_s)
                                       .toObject();
        const QString appId = window.value(u"desktopFileName"_s).toString();
        QCOMPARE(appId, QStringLiteral(HOOKBENCH_APP_ID));
        QFile desktop(QStringLiteral(HOOKBENCH_SOURCE_DIR "/packaging/linux/") + appId
                      + u".desktop"_s);
        QVERIFY2(desktop.open(QIODevice::ReadOnly), qPrintable(desktop.fileName()));
        const QString entry = QString::fromUtf8(desktop.readAll());
        QVERIFY(entry.contains(u"\nIcon="_s + appId + u'\n'));
        QVERIFY(entry.contains(u"\nStartupWMClass="_s
                               + window.value(u"applicationName"_s).toString() + u'\n'));
        QCOMPARE(window.value(u"iconNull"_s).toBool(true), false);
        const QJsonArray sizes = window.value(u"iconSizes"_s).toArray();
        QVERIFY2(sizes.contains(48) && sizes.contains(256),
                 QJsonDocument(window).toJson().constData());
    }
};

QTEST_GUILESS_MAIN(TestAppScreenshot)
#include "tst_app_screenshot.moc"
