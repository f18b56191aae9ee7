#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace hb::fhir {

/// The bundled order catalogue (resources/fhir/catalogue.json): the RxNorm-coded formulary with
/// drug classes and brand -> generic mapping, renal limits, interaction rules, allergy classes and
/// the imaging catalogue. Immutable after load; safe to read from any thread.
class Catalogue
{
public:
    [[nodiscard]] static const Catalogue &builtin();
    explicit Catalogue(QJsonObject json);

    [[nodiscard]] QJsonArray formulary() const;
    [[nodiscard]] QJsonArray imaging() const;
    [[nodiscard]] QString imagingSystem() const;
    /// The formulary entry with this RxNorm code.
    [[nodiscard]] std::optional<QJsonObject> medication(const QString &rxnorm) const;
    [[nodiscard]] std::optional<QJsonObject> imagingItem(const QString &code) const;
    /// The CPT system URL imaging orders carry beside the catalogue code.
    [[nodiscard]] QString cptSystem() const;
    /// SNOMED CT reasons for imaging orders ({code, display}).
    [[nodiscard]] QJsonArray imagingReasons() const;
    /// LOINC-coded laboratory orders ({code, display}).
    [[nodiscard]] QJsonArray labs() const;
    [[nodiscard]] std::optional<QJsonObject> labItem(const QString &loinc) const;
    /// Medication routes (SNOMED CT {code, display}) and frequencies ({code, display,
    /// frequency, period, periodUnit[, when]}).
    [[nodiscard]] QJsonArray routes() const;
    [[nodiscard]] QJsonArray frequencies() const;
    /// The entry with `code` in one of the lists above (imagingReasons, routes, frequencies).
    [[nodiscard]] std::optional<QJsonObject> entry(const QString &list, const QString &code) const;
    /// Drug classes of a formulary code (e.g. "penicillin", "nsaid"); empty when unknown.
    [[nodiscard]] QStringList classesOf(const QString &rxnorm) const;
    /// Allergy classes a coded allergen belongs to (matched on system|code).
    [[nodiscard]] QStringList allergyClassesOf(const QString &system, const QString &code) const;
    /// Renal rule for an ingredient: {egfrBelow, advice}, empty when none.
    [[nodiscard]] QJsonObject renalRule(const QString &ingredient) const;
    [[nodiscard]] QJsonArray interactions() const;
    [[nodiscard]] const QJsonObject &json() const { return m_json; }

private:
    QJsonObject m_json;
};

} // namespace hb::fhir
