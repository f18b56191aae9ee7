#pragma once

// The process-wide set of QML-facing controllers, built once over one AppContext. Each
// controller's QML singleton factory (create()) returns its member here; tests build their own
// AppContext and the controllers they need instead.
#include "appcontext.h"
#include "appcontroller.h"
#include "consentcontroller.h"
#include "customhookcontroller.h"
#include "invocationcontroller.h"
#include "navigationmodel.h"
#include "orderscontroller.h"
#include "patientcontroller.h"
#include "servicescontroller.h"
#include "settingscontroller.h"
#include "workspacecontroller.h"

struct Gui
{
    static Gui &instance()
    {
        static Gui gui;
        return gui;
    }
    ~Gui() { context.shutdown(); }

    AppContext context;
    InvocationController invocation {context};
    ServicesController services {context};
    PatientController patient {context, invocation};
    OrdersController orders {context, invocation};
    ConsentController consent {context};
    SettingsController settings {context};
    WorkspaceController workspace {context, services};
    CustomHookController customHook {context};
    AppController app {context, services, invocation, patient, orders, consent};
};
