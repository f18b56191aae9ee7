// hookbench: the desktop app. A thin shell: set up Qt, load the QML module, hand over.
#include "appcontroller.h"
#include "screenshot.h"

#include "storage/paths.h"

#include <QCommandLineParser>
#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQuickStyle>

#include <QtWebEngineQuick/qtwebenginequickglobal.h>
#include <algorithm>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    // P7: WebEngine (SMART app launches) must be initialised before the application object.
    QtWebEngineQuick::initialize();
    QGuiApplication app(argc, argv);
    QGuiApplication::setOrganizationName(u"Hookbench"_s);
    QGuiApplication::setOrganizationDomain(u"hookbench.org"_s);
    QGuiApplication::setApplicationName(u"hookbench"_s);
    QGuiApplication::setApplicationDisplayName(u"Hookbench"_s);
    QGuiApplication::setApplicationVersion(QStringLiteral(HOOKBENCH_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral(HOOKBENCH_APP_ID));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Hookbench: a desktop CDS Hooks sandbox that plays the EHR."_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(u"screenshot"_s,
                                        u"Render the window once it is loaded, write it as a PNG "
                                        "to <file> and exit."_s,
                                        u"file"_s);
    parser.addOption(screenshot);
    const QCommandLineOption patient(u"patient"_s, u"Open this patient's chart on launch."_s,
                                     u"id"_s);
    parser.addOption(patient);
    const QCommandLineOption order(u"order"_s,
                                   u"Order this catalogue code after the chart opens "
                                   "(fires order-select; repeatable)."_s,
                                   u"code"_s);
    parser.addOption(order);
    const QCommandLineOption screen(u"screen"_s,
                                    u"Show this screen first: chart, orders, scheduling, "
                                    "encounter, services or settings."_s,
                                    u"name"_s);
    parser.addOption(screen);
    parser.process(app);

    hb::storage::routeSettingsToHome();
    // P9: an explicit style keeps the look (and screenshots) the same on every desktop.
    QQuickStyle::setStyle(u"Material"_s);

    AppController::LaunchScenario scenario;
    scenario.patientId = parser.value(patient);
    scenario.orderCodes = parser.values(order);
    const QStringList screens {u"chart"_s,     u"orders"_s,   u"scheduling"_s,
                               u"encounter"_s, u"services"_s, u"settings"_s};
    scenario.screen = int(std::max<qsizetype>(0, screens.indexOf(parser.value(screen))));
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

    if (parser.isSet(screenshot))
        hb::gui::screenshotWhenReady(engine, parser.value(screenshot));
    return QGuiApplication::exec();
}
