#pragma once

#include "appcontext.h"

#include <QObject>
#include <QRect>
#include <QtQml/qqml.h>

class QQmlEngine;
class QJSEngine;

/// Settings: how every call is made (kept in the workspace: CORS origin and mode, grant policy,
/// spec version, timeouts, client identity; a per-service setting applied to every service at
/// once) and the window's state (kept in QSettings: geometry, splitters, last screen). The
/// theme and font scale are UiSettings'.
class SettingsController : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    QML_SINGLETON
    Q_PROPERTY(QString origin READ origin WRITE setOrigin NOTIFY changed)
    Q_PROPERTY(QString corsMode READ corsMode WRITE setCorsMode NOTIFY changed)
    Q_PROPERTY(QString grantPolicy READ grantPolicy WRITE setGrantPolicy NOTIFY changed)
    Q_PROPERTY(QString specVersion READ specVersion WRITE setSpecVersion NOTIFY changed)
    Q_PROPERTY(int totalTimeoutMs READ totalTimeoutMs WRITE setTotalTimeoutMs NOTIFY changed)
    Q_PROPERTY(QString issuer READ issuer WRITE setIssuer NOTIFY changed)
    Q_PROPERTY(int embeddedPort READ embeddedPort NOTIFY changed)
    /// The deprecated medication-prescribe hook on the Orders screen (workspace ehr member).
    Q_PROPERTY(bool medicationPrescribe READ medicationPrescribe WRITE setMedicationPrescribe NOTIFY
                   changed)
    // The FHIR source: embedded (empty URL) or a remote FHIR R4 base with its authentication.
    Q_PROPERTY(QString fhirUrl READ fhirUrl NOTIFY changed)
    Q_PROPERTY(QString fhirAuth READ fhirAuth NOTIFY changed)
    Q_PROPERTY(QString fhirClientId READ fhirClientId NOTIFY changed)
    /// Whether a bearer token was pasted this session (the token itself is never read back).
    Q_PROPERTY(bool fhirTokenSet READ fhirTokenSet NOTIFY changed)
    /// The FHIR base in use and, when the workspace's source could not be used, why.
    Q_PROPERTY(QString fhirStatus READ fhirStatus NOTIFY changed)
    Q_PROPERTY(QString statusText READ statusText NOTIFY changed)
    /// {prefetch, accessToken, jwtFault}: the value every service shares, empty where they differ.
    Q_PROPERTY(QVariantMap allServices READ allServices NOTIFY changed)
    Q_PROPERTY(QString allPrefetch READ allPrefetch NOTIFY changed)
    Q_PROPERTY(QString allAccessToken READ allAccessToken NOTIFY changed)
    Q_PROPERTY(QString allJwtFault READ allJwtFault NOTIFY changed)

public:
    explicit SettingsController(AppContext &context, QObject *parent = nullptr);
    static SettingsController *create(QQmlEngine *, QJSEngine *);

    [[nodiscard]] QString origin() const;
    /// The page origin the CORS emulation plays; empty turns the emulation off.
    void setOrigin(const QString &origin);
    [[nodiscard]] QString corsMode() const { return m_context.workspace().cors.mode; }
    void setCorsMode(const QString &mode);
    [[nodiscard]] QString grantPolicy() const { return m_context.workspace().grantPolicy; }
    /// pre-authorized or ask-user; anything else is refused (false).
    Q_INVOKABLE bool setGrantPolicy(const QString &policy);
    [[nodiscard]] QString specVersion() const { return m_context.workspace().specVersion; }
    void setSpecVersion(const QString &version);
    [[nodiscard]] int totalTimeoutMs() const { return m_context.workspace().timeouts.totalMs; }
    void setTotalTimeoutMs(int ms);
    [[nodiscard]] QString issuer() const { return m_context.workspace().client.issuer; }
    void setIssuer(const QString &issuer);
    [[nodiscard]] int embeddedPort() const;
    [[nodiscard]] bool medicationPrescribe() const
    {
        return m_context.workspace().ehr.medicationPrescribe;
    }
    void setMedicationPrescribe(bool on);
    [[nodiscard]] QString statusText() const { return m_context.statusText(); }

    /// Applies one per-service setting ("prefetch", "accessToken" or "jwtFault") to every
    /// service of every source; false for an unknown setting or value.
    Q_INVOKABLE bool setForAllServices(const QString &setting, const QString &value);
    /// The value every service shares for that setting, or empty when they differ.
    Q_INVOKABLE [[nodiscard]] QString commonServiceSetting(const QString &setting) const;
    [[nodiscard]] QVariantMap allServices() const;
    [[nodiscard]] QString allPrefetch() const
    {
        return commonServiceSetting(QStringLiteral("prefetch"));
    }
    [[nodiscard]] QString allAccessToken() const
    {
        return commonServiceSetting(QStringLiteral("accessToken"));
    }
    [[nodiscard]] QString allJwtFault() const
    {
        return commonServiceSetting(QStringLiteral("jwtFault"));
    }

    [[nodiscard]] QString fhirUrl() const;
    [[nodiscard]] QString fhirAuth() const;
    [[nodiscard]] QString fhirClientId() const;
    [[nodiscard]] bool fhirTokenSet() const { return m_context.hasFhirToken(); }
    [[nodiscard]] QString fhirStatus() const;
    /// Uses the FHIR source at `url` (empty: the embedded server) with `auth` (none, bearer,
    /// backend-services). A bearer `token` is kept for this session only (empty: keep the one
    /// pasted before); the rest is saved in the workspace. Returns the error, empty when in use.
    Q_INVOKABLE QString setFhirSource(const QString &url, const QString &auth, const QString &token,
                                      const QString &clientId);

    // Appearance and window state (QSettings, not the workspace).
    Q_INVOKABLE [[nodiscard]] QRect windowGeometry() const;
    Q_INVOKABLE void saveWindowGeometry(const QRect &rect);
    Q_INVOKABLE [[nodiscard]] QList<int> splitterSizes(const QString &splitter) const;
    Q_INVOKABLE void saveSplitterSizes(const QString &splitter, const QList<int> &sizes);
    Q_INVOKABLE void saveLastScreen(const QString &name);

Q_SIGNALS:
    void changed();

private:
    AppContext &m_context;
};
