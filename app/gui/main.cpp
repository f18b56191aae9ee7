// hookbench: the desktop app. A thin shell: read the command line, set up Qt, load the QML
// module, hand over to AppController.
#include "gui.h"
#include "navigationmodel.h"
#include "screenshot.h"

#include "core/buildinfo.h"
#include "storage/paths.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QIcon>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QTimer>

#include <cstdio>
#include <optional>

using namespace Qt::StringLiterals;

namespace {

struct Options
{
    QCommandLineOption screenshot {u"screenshot"_s,
                                   u"Render the window once it is loaded, write it as a PNG to "
                                   "<file>, print what it shows as JSON and exit."_s,
                                   u"file"_s};
    QCommandLineOption workspace {
        u"workspace"_s, u"Open this workspace file (default: the last session's)."_s, u"file"_s};
    QCommandLineOption patient {u"patient"_s, u"Open this patient's chart on launch."_s, u"id"_s};
    QCommandLineOption order {u"order"_s,
                              u"Order this catalogue code after the chart opens (fires "
                              "order-select; repeatable)."_s,
                              u"code"_s};
    QCommandLineOption sign {u"sign"_s,
                             u"Sign the --order orders once they are ordered (fires order-sign); "
                             "the Order dispatch screen then lists them."_s};
    QCommandLineOption grantPolicy {u"grant-policy"_s,
                                    u"How services get their FHIR token: pre-authorized "
                                    "(default) or ask-user (a consent step). Saved in the "
                                    "workspace."_s,
                                    u"policy"_s};
    QCommandLineOption discovery {u"discovery"_s,
                                  u"Add the CDS services at this URL as a source beside the "
                                  "workspace's (saved in it); 'lab' for the misbehaviour lab, "
                                  "'lab:ID,ID' for some of its services. Repeatable."_s,
                                  u"url"_s};
    QCommandLineOption screen {
        u"screen"_s,
        u"Show this screen first: "_s + NavigationModel::names().join(u", "_s) + u"."_s, u"name"_s};
    QCommandLineOption cancelAfter {u"cancel-after"_s,
                                    u"Cancel the hook calls still pending <ms> milliseconds "
                                    "after launch, as the Cancel button does (demos, "
                                    "screenshots of a cancelled fan-out)."_s,
                                    u"ms"_s};
    QCommandLineOption port {u"port"_s,
                             u"Run the embedded EHR on this port for this session (default: the "
                             "workspace's, 47470)."_s,
                             u"port"_s};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(
            u"Hookbench: a desktop CDS Hooks sandbox that plays the EHR."_s);
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({screenshot, workspace, patient, order, sign, screen, grantPolicy,
                           discovery, port, cancelAfter});
    }
};

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(u"Hookbench"_s);
    QCoreApplication::setOrganizationDomain(u"hookbench.org"_s);
    QCoreApplication::setApplicationName(u"hookbench"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
}

/// The icon the package installs, at every size it ships (taskbars and Alt+Tab pick one).
QIcon windowIcon()
{
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256})
        icon.addFile(u":/icons/%1.png"_s.arg(size), QSize(size, size));
    return icon;
}

int usageError(const QCommandLineParser &parser, const QString &error)
{
    std::fprintf(stderr, "hookbench: %s\n\n%s", qPrintable(error), qPrintable(parser.helpText()));
    return 2;
}

struct Parsed
{
    AppController::LaunchScenario scenario;
    QString screenshot;
    int cancelAfterMs = -1; ///< --cancel-after; -1: not set
};

/// Reads and checks the command line without a display (so --help, --version and usage errors
/// work in a terminal, over ssh and in CI). Returns the exit code when the app should not start.
std::optional<int> parseCommandLine(int argc, char *argv[], Parsed *parsed)
{
    QCoreApplication app(argc, argv);
    setApplicationNames();
    const Options options;
    QCommandLineParser parser;
    options.addTo(parser);
    if (!parser.parse(QCoreApplication::arguments()))
        return usageError(parser, parser.errorText());
    if (parser.isSet(u"help"_s))
        parser.showHelp(0); // exits
    if (parser.isSet(u"version"_s)) {
        // The build's full identity (commit, Qt, OpenSSL), as hookbench-cli --version prints it.
        std::fputs(qPrintable(hb::buildinfo::versionText(u"hookbench"_s)), stdout);
        return 0;
    }
    if (!parser.positionalArguments().isEmpty())
        return usageError(parser,
                          u"unexpected argument '%1'"_s.arg(parser.positionalArguments().first()));
    auto &scenario = parsed->scenario;
    if (parser.isSet(options.screen)) {
        scenario.screen = NavigationModel::indexOf(parser.value(options.screen));
        if (scenario.screen < 0)
            return usageError(
                parser,
                u"--screen '%1' is not one of %2"_s.arg(parser.value(options.screen),
                                                        NavigationModel::names().join(u", "_s)));
    }
    scenario.grantPolicy = parser.value(options.grantPolicy);
    if (parser.isSet(options.grantPolicy) && scenario.grantPolicy != u"pre-authorized"
        && scenario.grantPolicy != u"ask-user")
        return usageError(
            parser,
            u"--grant-policy '%1' is not pre-authorized or ask-user"_s.arg(scenario.grantPolicy));
    if (parser.isSet(options.port)) {
        bool ok = false;
        const uint port = parser.value(options.port).toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return usageError(
                parser,
                u"--port '%1' is not a port number (1-65535)"_s.arg(parser.value(options.port)));
        scenario.port = quint16(port);
    }
    if (parser.isSet(options.cancelAfter)) {
        bool ok = false;
        parsed->cancelAfterMs = parser.value(options.cancelAfter).toInt(&ok);
        if (!ok || parsed->cancelAfterMs < 0)
            return usageError(parser,
                              u"--cancel-after '%1' is not a number of milliseconds"_s.arg(
                                  parser.value(options.cancelAfter)));
    }
    scenario.workspacePath = parser.value(options.workspace);
    scenario.discoveries = parser.values(options.discovery);
    scenario.patientId = parser.value(options.patient);
    scenario.orderCodes = parser.values(options.order);
    scenario.signOrders = parser.isSet(options.sign);
    parsed->screenshot = parser.value(options.screenshot);
    return std::nullopt;
}

} // namespace

int main(int argc, char *argv[])
{
    Parsed parsed;
    if (const auto exitCode = parseCommandLine(argc, argv, &parsed))
        return *exitCode;

    // P7: WebEngine (card links, SMART launches) needs contexts shared with Qt Quick's, set up
    // before the application object. This is what QtWebEngineQuick::initialize() does, without
    // linking WebEngine: its libraries (Chromium) then load only when web/BrowserView.qml is
    // first shown, so launch time and memory do not pay for them (BENCHMARKS.md).
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QQuickWindow::setGraphicsApi(QSGRendererInterface::OpenGL);
    // The scene graph's texture atlas is sized from the screen (2048x1024 for this window) and
    // allocated whole on first use, for the style's few small icons. With a software OpenGL
    // (Mesa's llvmpipe: VMs, remote desktops, CI) that texture is 8 MiB of RAM.
    for (const char *name : {"QSG_ATLAS_WIDTH", "QSG_ATLAS_HEIGHT"}) {
        if (!qEnvironmentVariableIsSet(name))
            qputenv(name, "512");
    }
    QGuiApplication app(argc, argv);
    setApplicationNames();
    QGuiApplication::setApplicationDisplayName(u"Hookbench"_s);
    // Wayland matches the window to packaging/linux/<app id>.desktop by this name; X11 by
    // WM_CLASS, which Qt takes from applicationName() (the file's StartupWMClass).
    QGuiApplication::setDesktopFileName(QStringLiteral(HOOKBENCH_APP_ID));
    QGuiApplication::setWindowIcon(windowIcon());

    hb::storage::routeSettingsToHome();
    // P9: an explicit style keeps the look (and screenshots) the same on every desktop.
    QQuickStyle::setStyle(u"Material"_s);

    // Started before the QML loads: the embedded servers bind while the window compiles.
    AppController::instance().start(parsed.scenario);
    if (parsed.cancelAfterMs >= 0)
        QTimer::singleShot(parsed.cancelAfterMs, &app, [] { Gui::instance().invocation.cancel(); });

    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/qt/qml"_s); // P1
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/qt/qml/Hookbench/Main.qml"_s)); // P2
    if (engine.rootObjects().isEmpty())
        return 1;

    if (!parsed.screenshot.isEmpty())
        hb::gui::screenshotWhenReady(engine, parsed.screenshot);
    const int exitCode = QGuiApplication::exec();
    Gui::instance().context.shutdown(); // the embedded servers stop while Qt is still up
    return exitCode;
}
