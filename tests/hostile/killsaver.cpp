// Child process of tst_nolostwork: saves forever, alternating between two versions, until it is
// killed with SIGKILL. `killsaver workspace FILE` uses hb::storage::saveWorkspace; `killsaver
// settings` uses hb::storage::Settings (QSettings) in $HOOKBENCH_HOME. Prints "ready" once the
// first save of each version has completed, so the parent's kills land in steady state. With a
// last argument `once` it makes one clean save and exits 0 (the parent's final save).
#include "storage/paths.h"
#include "storage/settings.h"
#include "storage/workspacefile.h"

#include <QCoreApplication>

#include <cstdio>

// Version A and B differ in size, so a torn write would show as neither.
hb::storage::Workspace version(bool b)
{
    hb::storage::Workspace w = hb::storage::Workspace::defaults();
    w.timeouts.totalMs = b ? 45000 : 30000;
    w.grantPolicy = b ? QStringLiteral("ask-user") : QStringLiteral("pre-authorized");
    for (int i = 0; i < (b ? 40 : 3); ++i) {
        hb::storage::DiscoverySource source;
        source.url = QStringLiteral("http://127.0.0.1:%1/cds-services").arg(9000 + i);
        w.sources.append(source);
    }
    return w;
}

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("Hookbench"));
    QCoreApplication::setApplicationName(QStringLiteral("killsaver"));
    const QStringList args = app.arguments();
    if (args.size() < 2)
        return 2;
    const bool workspace = args.at(1) == u"workspace";
    if (workspace && args.size() < 3)
        return 2;
    const bool once = args.constLast() == u"once";
    hb::storage::routeSettingsToHome();
    for (unsigned long i = 0;; ++i) {
        const bool b = i % 2;
        if (workspace) {
            QString error;
            if (!hb::storage::saveWorkspace(args.at(2), version(b), &error)) {
                std::fprintf(stderr, "%s\n", qPrintable(error));
                return 1;
            }
        } else {
            // One setter and sync() is one save (without sync() it would wait for the end of the
            // event-loop turn, which this loop never reaches).
            hb::storage::Settings settings;
            settings.setSplitterSizes(QStringLiteral("main"),
                                      b ? QList<int> {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
                                        : QList<int> {7, 8});
            settings.sync();
        }
        if (once)
            return 0;
        if (i == 1) {
            std::printf("ready\n");
            std::fflush(stdout);
        }
    }
}
