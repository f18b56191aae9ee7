#include "settingscontroller.h"

#include "fhir/fhirsource.h"

#include "gui.h"

#include "security/jwtfault.h"
#include "storage/settings.h"

#include <QJSEngine>

using namespace Qt::StringLiterals;

SettingsController::SettingsController(AppContext &context, QObject *parent)
    : QObject(parent)
    , m_context(context)
{
    connect(&context, &AppContext::workspaceChanged, this, &SettingsController::changed);
    connect(&context, &AppContext::started, this, &SettingsController::changed);
}

SettingsController *SettingsController::create(QQmlEngine *, QJSEngine *)
{
    auto *controller = &Gui::instance().settings;
    QJSEngine::setObjectOwnership(controller, QJSEngine::CppOwnership);
    return controller;
}

QString SettingsController::origin() const
{
    const auto &cors = m_context.workspace().cors;
    return cors.mode == u"off" ? QString() : cors.origin;
}

void SettingsController::setOrigin(const QString &origin)
{
    const QString trimmed = origin.trimmed();
    m_context.editWorkspace([&](hb::storage::Workspace &workspace) {
        if (trimmed.isEmpty()) {
            workspace.cors.mode = u"off"_s; // the origin is kept for when it is turned on again
            return;
        }
        workspace.cors.origin = trimmed;
        if (workspace.cors.mode == u"off")
            workspace.cors.mode = u"browser"_s;
    });
}

void SettingsController::setCorsMode(const QString &mode)
{
    if (mode != u"browser" && mode != u"strict" && mode != u"off")
        return;
    m_context.editWorkspace([&](hb::storage::Workspace &workspace) { workspace.cors.mode = mode; });
}

bool SettingsController::setGrantPolicy(const QString &policy)
{
    if (policy != u"pre-authorized" && policy != u"ask-user")
        return false;
    m_context.editWorkspace(
        [&](hb::storage::Workspace &workspace) { workspace.grantPolicy = policy; });
    return true;
}

void SettingsController::setSpecVersion(const QString &version)
{
    if (version != u"1.0" && version != u"2.0")
        return;
    m_context.editWorkspace(
        [&](hb::storage::Workspace &workspace) { workspace.specVersion = version; });
}

void SettingsController::setTotalTimeoutMs(int ms)
{
    if (ms < 1 || ms > 3600000)
        return;
    m_context.editWorkspace(
        [&](hb::storage::Workspace &workspace) { workspace.timeouts.totalMs = ms; });
}

void SettingsController::setIssuer(const QString &issuer)
{
    m_context.editWorkspace(
        [&](hb::storage::Workspace &workspace) { workspace.client.issuer = issuer.trimmed(); });
}

void SettingsController::setMedicationPrescribe(bool on)
{
    m_context.editWorkspace(
        [&](hb::storage::Workspace &workspace) { workspace.ehr.medicationPrescribe = on; });
}

namespace {

hb::fhir::FhirSource storedFhirSource(const AppContext &context)
{
    return hb::fhir::FhirSource::fromWorkspace(context.workspace().fhir);
}

} // namespace

QString SettingsController::fhirUrl() const
{
    return storedFhirSource(m_context).base.toString();
}

QString SettingsController::fhirAuth() const
{
    return hb::fhir::fhirAuthName(storedFhirSource(m_context).auth);
}

QString SettingsController::fhirClientId() const
{
    return storedFhirSource(m_context).clientId;
}

QString SettingsController::fhirStatus() const
{
    if (!m_context.isRunning())
        return {};
    const QString base = m_context.workbench()->fhirBase().toString();
    if (!m_context.fhirError().isEmpty())
        return u"Not used: %1. The embedded server (%2) serves meanwhile."_s.arg(
            m_context.fhirError(), base);
    return u"In use: "_s + base;
}

QString SettingsController::setFhirSource(const QString &url, const QString &auth,
                                          const QString &token, const QString &clientId)
{
    auto source = storedFhirSource(m_context); // keeps its TLS trust and scope
    const auto kind = hb::fhir::fhirAuthFromName(auth);
    if (!kind)
        return u"unknown authentication '%1' (none, bearer, backend-services)"_s.arg(auth);
    source.base = url.trimmed().isEmpty() ? QUrl() : QUrl(url.trimmed());
    source.auth = *kind;
    source.clientId = clientId.trimmed();
    // For the check only: an empty field keeps the token pasted earlier this session.
    source.token
        = token.trimmed().isEmpty() && m_context.hasFhirToken() ? u"(kept)"_s : token.trimmed();
    if (const QString problem = source.problem(); !problem.isEmpty())
        return problem; // nothing changes
    if (!token.trimmed().isEmpty())
        m_context.setFhirToken(token.trimmed());
    m_context.editWorkspace([&](hb::storage::Workspace &workspace) {
        workspace.fhir = source.toWorkspace(); // without the token (FhirSource::toJson)
    });
    return m_context.fhirError();
}

int SettingsController::embeddedPort() const
{
    return m_context.isRunning() ? m_context.workbench()->embeddedFhir().port() : 0;
}

namespace {

QString *settingOf(hb::storage::ServiceSettings &settings, const QString &name)
{
    if (name == u"prefetch")
        return &settings.prefetchMode;
    if (name == u"accessToken")
        return &settings.accessToken;
    if (name == u"jwtFault")
        return &settings.jwtFault;
    return nullptr;
}

bool isValidValue(const QString &setting, const QString &value)
{
    if (setting == u"prefetch")
        return value == u"all" || value == u"none";
    if (setting == u"accessToken")
        return value == u"mock" || value == u"none" || value == u"expired";
    if (setting == u"jwtFault")
        return value == u"none" || hb::security::faultFromName(value).has_value();
    return false;
}

} // namespace

bool SettingsController::setForAllServices(const QString &setting, const QString &value)
{
    if (!isValidValue(setting, value))
        return false;
    m_context.editWorkspace([&](hb::storage::Workspace &workspace) {
        for (auto &source : workspace.sources) {
            for (auto &service : source.services)
                *settingOf(service.settings, setting) = value;
        }
    });
    return true;
}

QString SettingsController::commonServiceSetting(const QString &setting) const
{
    QString common;
    bool first = true;
    for (const auto &source : m_context.workspace().sources) {
        for (auto service : source.services) {
            const QString *value = settingOf(service.settings, setting);
            if (!value)
                return {};
            if (first)
                common = *value;
            else if (common != *value)
                return {};
            first = false;
        }
    }
    return common;
}

QVariantMap SettingsController::allServices() const
{
    return {{u"prefetch"_s, commonServiceSetting(u"prefetch"_s)},
            {u"accessToken"_s, commonServiceSetting(u"accessToken"_s)},
            {u"jwtFault"_s, commonServiceSetting(u"jwtFault"_s)}};
}

QRect SettingsController::windowGeometry() const
{
    return hb::storage::Settings().geometry();
}

void SettingsController::saveWindowGeometry(const QRect &rect)
{
    hb::storage::Settings().setGeometry(rect);
}

QList<int> SettingsController::splitterSizes(const QString &splitter) const
{
    return hb::storage::Settings().splitterSizes(splitter);
}

void SettingsController::saveSplitterSizes(const QString &splitter, const QList<int> &sizes)
{
    hb::storage::Settings().setSplitterSizes(splitter, sizes);
}

void SettingsController::saveLastScreen(const QString &name)
{
    hb::storage::Settings().setLastScreen(name);
}
