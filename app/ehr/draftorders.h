#pragma once

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace hb::ehr {

/// The unsigned orders of the current ordering session (what order-select and order-sign send as
/// `draftOrders`), plus which of them the clinician has just selected.
class DraftOrders
{
public:
    /// Adds or replaces (same resourceType + id) a resource; gives it an id when it has none.
    /// Returns its relative reference `Type/id`.
    QString put(QJsonObject resource);
    /// Removes the resource `Type/id`; returns false when there is none.
    bool remove(const QString &reference);
    [[nodiscard]] bool contains(const QString &reference) const;
    [[nodiscard]] QJsonObject find(const QString &reference) const;
    [[nodiscard]] QStringList references() const;
    [[nodiscard]] qsizetype size() const { return m_resources.size(); }
    [[nodiscard]] bool isEmpty() const { return m_resources.isEmpty(); }

    /// Selection (order-select's `selections`): references into this session only.
    void select(const QStringList &references);
    [[nodiscard]] QStringList selections() const { return m_selections; }

    /// A FHIR R4 Bundle (type collection) of every draft order, for the hook context; only
    /// those of `resourceType` when it is given (medication-prescribe's MedicationRequests).
    [[nodiscard]] QJsonObject toBundle(const QString &resourceType = {}) const;
    /// How many drafts are of `resourceType`.
    [[nodiscard]] qsizetype count(const QString &resourceType) const;
    /// Replaces the session with the resources of a Bundle (e.g. from --draft-orders FILE).
    /// Entries without a resourceType are reported in `problems` and skipped.
    static DraftOrders fromBundle(const QJsonObject &bundle, QStringList *problems = nullptr);

    /// `Type/id` of a resource, or an empty string when either part is missing.
    static QString referenceOf(const QJsonObject &resource);

    // --- signing and dispatch --------------------------------------------------------------
    /// order-sign succeeded: moves these drafts out of the draft list into the signed list
    /// (status active). Returns the references moved; unknown ones are skipped.
    QStringList sign(const QStringList &references);
    [[nodiscard]] QList<QJsonObject> signedOrders() const { return m_signed; }
    [[nodiscard]] QJsonObject findSigned(const QString &reference) const;
    /// order-dispatch: names the performer of a signed order (`performer` is a reference, e.g.
    /// Organization/radiology). False when the order is not signed.
    bool setPerformer(const QString &reference, const QString &performer);

    // --- what services did to an order -----------------------------------------------------
    /// A line shown on the order (e.g. "pama-imaging (system action): PAMA rating
    /// appropriate"); kept when the order is replaced by an update or signed.
    void addNote(const QString &reference, const QString &note);
    [[nodiscard]] QStringList notesOf(const QString &reference) const;

private:
    qsizetype indexOf(const QString &reference) const;
    QList<QJsonObject> m_resources;
    QStringList m_selections;
    QList<QJsonObject> m_signed;
    QHash<QString, QStringList> m_notes;
};

} // namespace hb::ehr
