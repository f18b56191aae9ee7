#pragma once

#include "net/enginecheck.h"

#include <QObject>
#include <QTimer>
#include <QtQml/qqml.h>

class AppContext;

/// "Check in Chromium" for one exchange of the log: Hookbench's CORS probe and a real engine's
/// page at the configured origin repeat the same call; this object prepares the call (net/
/// enginecheck.h), runs the probe, reads what the engine's page reports and compares. The engine
/// itself (a WebEngineView) lives in qml/web/CorsCheckView.qml, so Chromium loads only when a
/// check is opened.
class EngineCorsCheck : public QObject
{
    Q_OBJECT
    QML_ELEMENT

    Q_PROPERTY(QString state READ state NOTIFY changed) ///< idle, running, done, error
    Q_PROPERTY(QString error READ error NOTIFY changed)
    Q_PROPERTY(QString origin READ origin NOTIFY changed)
    Q_PROPERTY(QString requestLine READ requestLine NOTIFY changed)
    Q_PROPERTY(QString script READ script NOTIFY changed)
    Q_PROPERTY(QString page READ page CONSTANT)
    Q_PROPERTY(QVariant hookbench READ hookbenchVariant NOTIFY changed) ///< a map: see hookbench()
    Q_PROPERTY(QVariant engine READ engineVariant NOTIFY changed) ///< a map: see engine()
    Q_PROPERTY(QString chromiumVersion READ chromiumVersion NOTIFY changed)
    Q_PROPERTY(bool compared READ compared NOTIFY changed)
    Q_PROPERTY(bool agree READ agree NOTIFY changed)
    Q_PROPERTY(QString summary READ summary NOTIFY changed)

public:
    /// How long the engine may take before the check reports it gave no answer (a hang guard).
    static constexpr int EngineTimeoutMs = 45000;

    explicit EngineCorsCheck(QObject *parent = nullptr); ///< over the app's AppContext (Gui)
    explicit EngineCorsCheck(AppContext &context, QObject *parent = nullptr);

    /// Prepares the call of exchange `exchangeId` and starts Hookbench's probe; `script` is then
    /// what the engine's page must run (loaded at `origin`).
    Q_INVOKABLE void start(qint64 exchangeId);
    /// One console message of the engine's page (level as WebEngineView numbers it).
    Q_INVOKABLE void consoleMessage(int level, const QString &message);
    /// The engine's User-Agent, which names its Chromium version.
    Q_INVOKABLE void setUserAgent(const QString &userAgent);
    /// The page at the origin could not be loaded.
    Q_INVOKABLE void engineFailed(const QString &reason);

    [[nodiscard]] QString state() const { return m_state; }
    [[nodiscard]] QString error() const { return m_error; }
    [[nodiscard]] QString origin() const { return m_request ? m_request->origin : QString(); }
    [[nodiscard]] QString requestLine() const;
    [[nodiscard]] QString script() const { return m_script; }
    [[nodiscard]] QString page() const { return hb::net::engineCheckPage(); }
    /// {done, verdict, stage, message, hint}
    [[nodiscard]] QVariantMap hookbench() const;
    /// {done, verdict, status, errors, console}
    [[nodiscard]] QVariantMap engine() const;
    // As QVariant for QML (qmllint cannot see a QVariantMap's keys).
    [[nodiscard]] QVariant hookbenchVariant() const { return hookbench(); }
    [[nodiscard]] QVariant engineVariant() const { return engine(); }
    [[nodiscard]] QString chromiumVersion() const { return m_chromiumVersion; }
    [[nodiscard]] bool compared() const { return m_compared; }
    [[nodiscard]] bool agree() const { return m_comparison.agree(); }
    [[nodiscard]] QString summary() const { return m_comparison.summary; }

Q_SIGNALS:
    void changed();

private:
    void fail(const QString &error);
    void compareWhenBothDone();

    AppContext &m_context;
    QString m_state = QStringLiteral("idle");
    QString m_error;
    std::optional<hb::net::EngineCheckRequest> m_request;
    QString m_script;
    std::optional<hb::net::CorsEvaluation> m_hookbench;
    hb::net::EngineOutcome m_engine;
    QString m_engineFailure;
    QString m_chromiumVersion;
    bool m_compared = false;
    hb::net::EngineComparison m_comparison;
    QTimer m_timeout;
    int m_run = 0; ///< a late probe answer of an earlier start() is dropped
};
