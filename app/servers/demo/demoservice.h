#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <functional>

namespace hb::fhir {
class Catalogue;
}

namespace hb::servers::demo {

/// Everything a demo service sees when it runs: the hook request and its prefetch, completed
/// by the framework (from the request, or fetched from fhirServer with the token).
struct ServiceCall
{
    QString hook;
    QJsonObject request;
    QJsonObject context;
    QJsonObject data; ///< prefetch key -> resource, Bundle or null
    QString appBaseUrl; ///< http://127.0.0.1:PORT, for links to the bundled SMART app
    const fhir::Catalogue *catalogue = nullptr;
};

/// One demo CDS service (V24). `prefetch` is advertised in discovery; `queries` are
/// not, so the service always reads them from the FHIR server with fhirAuthorization (and
/// answers 412 without it).
struct DemoService
{
    QString id;
    QStringList hooks;
    QString title;
    QString description;
    QString usageRequirements;
    QMap<QString, QString> prefetch;
    QMap<QString, QString> queries;
    std::function<QJsonObject(const ServiceCall &)> run; ///< returns the response body
};

/// The eight demo services (patient-view, order-select, order-sign, encounter-start,
/// encounter-discharge, appointment-book).
[[nodiscard]] QList<DemoService> demoServices();

// Registered by the files that implement them (grouped by clinical area).
void addPatientServices(
    QList<DemoService> &services); // greeting, care gaps, discharge, appointments
void addMedicationServices(QList<DemoService> &services); // safety, generic substitution, renal
void addImagingServices(QList<DemoService> &services); // imaging appropriateness

} // namespace hb::servers::demo
