#pragma once

// The GUI's controllers over one AppContext, built the way Gui builds them but per test, with a
// workspace file of the test's own (embedded servers on free ports, so tests run in parallel).
#include "gui.h"

#include "net/exchangelog.h"
#include "storage/workspacefile.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

struct ControllerFixture
{
    QTemporaryDir dir;
    AppContext context;
    InvocationController invocation {context};
    ServicesController services {context};
    PatientController patient {context, invocation};
    OrdersController orders {context, invocation};
    ConsentController consent {context};
    SettingsController settings {context};
    WorkspaceController workspace {context, services};

    ~ControllerFixture()
    {
        // Let discoveries still in flight (File > Open starts some) end first.
        auto *sources = services.sources();
        (void)QTest::qWaitFor(
            [&] {
                for (int row = 0; row < sources->rowCount(); ++row) {
                    if (sources->data(sources->index(row), SourcesModel::BusyRole).toBool())
                        return false;
                }
                return invocation.pendingCalls() == 0;
            },
            5000);
        context.shutdown();
    }

    QString workspacePath() const { return dir.filePath(QStringLiteral("ws.json")); }

    /// Writes `ws` (ports forced to 0) as the workspace file and starts on it; discovers every
    /// source. False when the start failed.
    bool start(hb::storage::Workspace ws)
    {
        ws.embedded = {0, 0};
        if (!hb::storage::saveWorkspace(workspacePath(), ws))
            return false;
        AppContext::Launch launch;
        launch.workspacePath = workspacePath();
        if (!context.start(launch))
            return false;
        bool done = false;
        services.discoverAll([&] { done = true; });
        return QTest::qWaitFor([&] { return done; }, 20000);
    }

    /// Fires and waits until every call of the fan-out ended.
    bool fireAndWait(const QString &hook)
    {
        QSignalSpy finished(&invocation, &InvocationController::fanOutFinished);
        invocation.fireHook(hook);
        return finished.count() > 0 || finished.wait(20000);
    }

    QList<hb::net::Exchange> exchanges(const QString &kind) const
    {
        QList<hb::net::Exchange> list;
        for (const auto &exchange : context.workbench()->log()->exchanges()) {
            if (exchange.kind == kind)
                list << exchange;
        }
        return list;
    }

    int rowOfCard(const QString &serviceId) const
    {
        auto *cards = const_cast<InvocationController &>(invocation).cards();
        for (int row = 0; row < cards->rowCount(); ++row) {
            if (cards->data(cards->index(row), CardsModel::ServiceIdRole).toString() == serviceId)
                return row;
        }
        return -1;
    }

    int rowOfService(const QString &serviceId, const QString &hook) const
    {
        auto *model = const_cast<ServicesController &>(services).services();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row);
            if (model->data(index, ServicesModel::ServiceIdRole).toString() == serviceId
                && model->data(index, ServicesModel::HookRole).toString() == hook)
                return row;
        }
        return -1;
    }
};
