// hookbench: the desktop app. A thin shell: set up Qt, load the QML module, hand over.
#include "appcontroller.h"
#include "screenshot.h"

#include "core/buildinfo.h"
#include "storage/paths.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>

#include <algorithm>
#include <cstdio>
#include <cstring>

using namespace Qt::StringLiterals;

namespace {

const QStringList screenNames {u"chart"_s,    u"orders"_s,   u"scheduling"_s, u"encounter"_s,
                               u"services"_s, u"settings"_s, u"patients"_s,   u"custom-hook"_s};

struct Options
{
    QCommandLineOption screenshot {u"screenshot"_s,
                                   u"Render the window once it is loaded, write it as a PNG to "
                                   "<file>, print what it shows as JSON and exit."_s,
                                   u"file"_s};
    QCommandLineOption patient {u"patient"_s, u"Open this patient's chart on launch."_s, u"id"_s};
    QCommandLineOption order {u"order"_s,
                              u"Order this catalogue code after the chart opens (fires "
                              "order-select; repeatable)."_s,
                              u"code"_s};
    QCommandLineOption grantPolicy {u"grant-policy"_s,
                                    u"How services get their FHIR token: pre-authorized "
                                    "(default) or ask-user (a consent step)."_s,
                                    u"policy"_s};
    QCommandLineOption discovery {u"discovery"_s,
                                  u"Use the CDS services at this URL instead of the demo "
                                  "services; 'lab' for the misbehaviour lab, 'lab:ID,ID' for "
                                  "some of its services."_s,
                                  u"url"_s};
    QCommandLineOption screen {u"screen"_s,
                               u"Show this screen first: chart, orders, scheduling, encounter, "
                               "services or settings."_s,
                               u"name"_s};

    void addTo(QCommandLineParser &parser) const
    {
        parser.setApplicationDescription(
            u"Hookbench: a desktop CDS Hooks sandbox that plays the EHR."_s);
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addOptions({screenshot, patient, order, screen, grantPolicy, discovery});
    }
};

void setApplicationNames()
{
    QCoreApplication::setOrganizationName(u"Hookbench"_s);
    QCoreApplication::setOrganizationDomain(u"hookbench.org"_s);
    QCoreApplication::setApplicationName(u"hookbench"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
}

// --help and --version must work without a display (in a terminal, over ssh, in CI).
bool wantsTextOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        for (const char *flag : {"--help", "-h", "--version", "-v", "--help-all"}) {
            if (std::strcmp(argv[i], flag) == 0)
                return true;
        }
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    const Options options;
    if (wantsTextOnly(argc, argv)) {
        QCoreApplication app(argc, argv);
        setApplicationNames();
        // The build's full identity (commit, Qt, OpenSSL), as hookbench-cli --version prints it.
        if (app.arguments().contains(u"--version"_s) || app.arguments().contains(u"-v"_s)) {
            std::fputs(qPrintable(hb::buildinfo::versionText(u"hookbench"_s)), stdout);
            return 0;
        }
        QCommandLineParser parser;
        options.addTo(parser);
        parser.process(app); // prints and exits
        return 0;
    }

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
    QGuiApplication::setDesktopFileName(QStringLiteral(HOOKBENCH_APP_ID));

    QCommandLineParser parser;
    options.addTo(parser);
    parser.process(app);

    hb::storage::routeSettingsToHome();
    // P9: an explicit style keeps the look (and screenshots) the same on every desktop.
    QQuickStyle::setStyle(u"Material"_s);

    AppController::LaunchScenario scenario;
    scenario.patientId = parser.value(options.patient);
    scenario.orderCodes = parser.values(options.order);
    scenario.grantPolicy = parser.value(options.grantPolicy);
    scenario.discovery = parser.value(options.discovery);
    scenario.screen
        = int(std::max<qsizetype>(0, screenNames.indexOf(parser.value(options.screen))));
    // Started before the QML loads: the embedded servers bind while the window compiles.
    AppController::instance().start(scenario);

    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/qt/qml"_s); // P1
    QObject::connect(
        &engine, &QQmlApplicationEngine::objectCreationFailed, &app,
        [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
    engine.load(QUrl(u"qrc:/qt/qml/Hookbench/Main.qml"_s)); // P2
    if (engine.rootObjects().isEmpty())
        return 1;

    if (parser.isSet(options.screenshot))
        hb::gui::screenshotWhenReady(engine, parser.value(options.screenshot));
    return QGuiApplication::exec();
}
