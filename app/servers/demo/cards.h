#pragma once

#include <QDate>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

// Small helpers that build spec-exact CDS Hooks JSON (V1-V22) and read FHIR data.
namespace hb::servers::demo {

[[nodiscard]] QString newUuid();

/// A card with uuid, summary, indicator and source (label + topic); detail only when non-empty.
[[nodiscard]] QJsonObject card(const QString &summary, const QString &indicator,
                               const QString &sourceLabel, const QString &detail = {});
/// Adds suggestions (with selectionBehavior) and the standard override reasons.
void addSuggestions(QJsonObject &card, const QJsonArray &suggestions,
                    const QString &selectionBehavior = QStringLiteral("at-most-one"));
void addOverrideReasons(QJsonObject &card);
[[nodiscard]] QJsonObject suggestion(const QString &label, const QJsonArray &actions,
                                     bool recommended = false);
[[nodiscard]] QJsonObject createAction(const QString &description, const QJsonObject &resource);
[[nodiscard]] QJsonObject updateAction(const QString &description, const QJsonObject &resource);
[[nodiscard]] QJsonObject deleteAction(const QString &description, const QString &resourceId);
[[nodiscard]] QJsonObject response(const QJsonArray &cards, const QJsonArray &systemActions = {});

// --- reading FHIR JSON ---------------------------------------------------------------------
/// Resources of a searchset Bundle (match entries) or a single resource; empty for null.
[[nodiscard]] QList<QJsonObject> resourcesOf(const QJsonValue &value);
/// The draft orders of the hook context; with `selectedOnly`, only those in `selections`.
[[nodiscard]] QList<QJsonObject> draftOrders(const QJsonObject &context, bool selectedOnly);
/// The first coding's code of a CodeableConcept (optionally of a given system).
[[nodiscard]] QString codeOf(const QJsonValue &codeable, const QString &system = {});
[[nodiscard]] QString displayOf(const QJsonValue &codeable);
[[nodiscard]] QString patientName(const QJsonObject &patient);
[[nodiscard]] int ageInYears(const QJsonObject &patient, const QDate &today);
/// valueQuantity.value of an Observation, NaN when absent.
[[nodiscard]] double quantityOf(const QJsonObject &observation);
/// effectiveDateTime (or issued) as a date.
[[nodiscard]] QDate effectiveDate(const QJsonObject &observation);
[[nodiscard]] bool hasCondition(const QList<QJsonObject> &conditions, const QString &snomed);

constexpr auto rxnormSystem = "http://www.nlm.nih.gov/research/umls/rxnorm";
constexpr auto snomedSystem = "http://snomed.info/sct";
constexpr auto loincSystem = "http://loinc.org";

} // namespace hb::servers::demo
