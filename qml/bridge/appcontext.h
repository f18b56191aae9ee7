#pragma once

// The GUI's composition root, shared by the QML-facing controllers (not itself a QML type): the
// running Workbench, the open workspace and its file, the EHR state the window shows, and the
// services' live status. Controllers take it in their constructor, so each one is testable
// without a window and without the others; the app uses one process-wide instance (Gui).
#include "ehr/patientchart.h"
#include "session/ehrstate.h"
#include "session/workbench.h"
#include "storage/workspace.h"

#include <QHash>
#include <QObject>

#include <functional>
#include <memory>

/// What a service's last call did, for its row on the services screen (not saved).
struct ServiceStatus
{
    QString status; ///< "HTTP 200", "cancelled", "could not connect", ...
    double latencyMs = -1;
    QString cors; ///< pass, pass-with-warning, fail; empty when not evaluated
    bool ok = false;
};

class AppContext : public QObject
{
    Q_OBJECT

public:
    struct Launch
    {
        QString workspacePath; ///< empty: the last session's workspace, else the default file
        QStringList discoveries; ///< sources to add: URLs, "lab" or "lab:ID,ID"
        std::optional<quint16> port; ///< --port: the embedded EHR's port for this session
        QString grantPolicy; ///< --grant-policy: saved into the workspace
        bool embeddedServers = true;
    };

    explicit AppContext(QObject *parent = nullptr);
    ~AppContext() override;

    /// Opens the workspace and starts the embedded EHR; false with the reason in statusText().
    bool start(const Launch &launch);
    /// Stops the embedded EHR and drops every call in flight. Whoever owns the controllers calls
    /// it before destroying them, so no late answer reaches a destroyed controller (their
    /// callbacks check isRunning()).
    void shutdown();

    [[nodiscard]] hb::session::Workbench *workbench() const { return m_workbench.get(); }
    [[nodiscard]] bool isRunning() const { return m_workbench && m_workbench->client(); }
    [[nodiscard]] QString statusText() const { return m_status; }
    /// Things the user should know (a port that was taken, a corrupt workspace file, ...).
    [[nodiscard]] QStringList notices() const { return m_notices; }
    void addNotice(const QString &notice);

    // The workspace and its file.
    [[nodiscard]] const hb::storage::Workspace &workspace() const { return m_workspace; }
    [[nodiscard]] QString workspacePath() const { return m_workspacePath; }
    /// Changes the workspace, applies it to the running parts and saves it (the app remembers
    /// every change; Save As picks another file).
    void editWorkspace(const std::function<void(hb::storage::Workspace &)> &change);
    /// Replaces the workspace (File > New / Open) and makes `path` its file.
    void replaceWorkspace(const hb::storage::Workspace &workspace, const QString &path);
    /// Writes the workspace to `path` and makes it the current file; false with `error`.
    bool saveWorkspaceAs(const QString &path, QString *error);
    /// The discovery URL a source of the workspace stands for (embedded:... resolved).
    [[nodiscard]] QUrl discoveryUrlOf(const QString &sourceUrl) const;

    // The FHIR source (the workspace's `fhir`) and the bearer token pasted for it, which is kept
    // for this session only: never in the workspace, the settings or the log.
    void setFhirToken(const QString &token) { m_fhirToken = token; }
    [[nodiscard]] bool hasFhirToken() const { return !m_fhirToken.isEmpty(); }
    /// Why the workspace's FHIR source is not in use (the embedded server is, meanwhile).
    [[nodiscard]] QString fhirError() const { return m_fhirError; }

    // The EHR state.
    [[nodiscard]] hb::session::EhrState &state() { return m_state; }
    [[nodiscard]] const hb::ehr::PatientChart &chart() const { return m_chart; }
    /// Opens a patient's chart: new EHR state (no draft orders; the user stays),
    /// patientChanged(). From the
    /// embedded server at once; from a remote FHIR source the patient is the context at once
    /// and the chart follows over FHIR (chartChanged(), or chartError() when it cannot be read).
    void openChart(const QString &patientId);
    /// Why the open patient's chart could not be read from the FHIR source; "" when it was.
    [[nodiscard]] QString chartError() const { return m_chartError; }
    void notifyOrdersChanged() { Q_EMIT ordersChanged(); }

    // Live status per service ("sourceUrl|id|hook").
    static QString serviceKey(const QString &sourceUrl, const QString &id, const QString &hook);
    [[nodiscard]] ServiceStatus serviceStatus(const QString &key) const;
    void setServiceStatus(const QString &key, const ServiceStatus &status);

    /// Shows consent requests under the ask-user grant policy (set by the consent controller).
    std::function<void(const hb::servers::ConsentRequest &, std::function<void(bool)>)> askConsent;

Q_SIGNALS:
    void started();
    void workspaceChanged(); ///< anything in the workspace (sources, services, settings, file)
    void patientChanged();
    /// The open patient's chart arrived from a remote FHIR source (the context is unchanged).
    void chartChanged();
    void ordersChanged();
    void serviceStatusChanged(const QString &key);
    void noticesChanged();

private:
    void applyWorkspace();
    void registerServiceClients();
    void applyFhirSource();
    void loadRemoteChart(const QString &patientId);
    /// The EHR state of a newly opened chart: no orders, the same user.
    [[nodiscard]] hb::session::EhrState freshState() const;
    void save();

    std::unique_ptr<hb::session::Workbench> m_workbench;
    hb::storage::Workspace m_workspace;
    QString m_workspacePath;
    hb::session::EhrState m_state;
    hb::ehr::PatientChart m_chart;
    QString m_chartError;
    quint64 m_chartGeneration
        = 0; ///< a chart read that answers after the next openChart is dropped
    QHash<QString, ServiceStatus> m_serviceStatus;
    QString m_status;
    QStringList m_notices;
    QString m_fhirToken;
    QString m_fhirError;
};
