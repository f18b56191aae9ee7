#pragma once

#include "logmodel.h"

#include <QObject>
#include <QtQml/qqml.h>

class AppContext;
class ConsentController;
class InvocationController;
class OrdersController;
class PatientController;
class ServicesController;
class QQmlEngine;
class QJSEngine;

/// The app as a whole: version, the launch sequence and when it is done (`ready`), what the user
/// must be told (`notices`), the first screen, and the exchange log (`log`, shown by the log
/// panel). Everything else lives in the controller of its concern (Gui lists them).
class AppController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString version READ version CONSTANT)
    Q_PROPERTY(bool ready READ isReady NOTIFY readyChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY readyChanged)
    Q_PROPERTY(QStringList notices READ notices NOTIFY noticesChanged)
    Q_PROPERTY(int initialScreen READ initialScreen CONSTANT)
    Q_PROPERTY(LogModel *log READ log CONSTANT)

public:
    AppController(AppContext &context, ServicesController &services,
                  InvocationController &invocation, PatientController &patient,
                  OrdersController &orders, ConsentController &consent, QObject *parent = nullptr);
    ~AppController() override;
    static AppController &instance();
    static AppController *create(QQmlEngine *, QJSEngine *);

    /// What the app does on launch (the desktop app's command line).
    struct LaunchScenario
    {
        QString workspacePath; ///< --workspace; empty: the last session's
        QStringList discoveries; ///< --discovery: sources added beside the workspace's
        std::optional<quint16> port; ///< --port
        QString grantPolicy; ///< --grant-policy (already validated)
        QString patientId; ///< empty: the first patient
        QStringList orderCodes; ///< catalogue codes to order after the chart opens
        bool signOrders = false; ///< --sign: then sign them (order-sign)
        int screen = -1; ///< --screen row; -1: the last session's screen
    };

    /// Opens the workspace, starts the embedded EHR, discovers every source, opens the
    /// scenario's patient, fires patient-view and then order-select for each order; `ready`
    /// turns true when the last cards are in (or a consent waits for the user).
    void start(const LaunchScenario &scenario);

    [[nodiscard]] QString version() const;
    [[nodiscard]] bool isReady() const { return m_ready; }
    [[nodiscard]] QString statusText() const;
    [[nodiscard]] QStringList notices() const;
    [[nodiscard]] int initialScreen() const { return m_initialScreen; }
    [[nodiscard]] LogModel *log() { return &m_log; }
    /// Forgets a notice the user has read.
    Q_INVOKABLE void dismissNotice(int index);

Q_SIGNALS:
    void readyChanged();
    void noticesChanged();

private:
    void setReady(bool ready);
    void openFirstPatient();
    void showDiscoveryErrors();

    AppContext &m_context;
    ServicesController &m_services;
    InvocationController &m_invocation;
    PatientController &m_patient;
    OrdersController &m_orders;
    LogModel m_log;
    LaunchScenario m_scenario;
    bool m_ready = false;
    int m_initialScreen = 0;
    int m_dismissedNotices = 0;
};
