#include "ehr/draftorders.h"

#include <algorithm>

#include <QUuid>

using namespace Qt::StringLiterals;

namespace hb::ehr {

QString DraftOrders::referenceOf(const QJsonObject &resource)
{
    const QString type = resource.value(u"resourceType"_s).toString();
    const QString id = resource.value(u"id"_s).toString();
    return type.isEmpty() || id.isEmpty() ? QString() : type + u'/' + id;
}

qsizetype DraftOrders::indexOf(const QString &reference) const
{
    for (qsizetype i = 0; i < m_resources.size(); ++i) {
        if (referenceOf(m_resources.at(i)) == reference)
            return i;
    }
    return -1;
}

QString DraftOrders::put(QJsonObject resource)
{
    if (resource.value(u"id"_s).toString().isEmpty())
        resource.insert(u"id"_s, QUuid::createUuid().toString(QUuid::WithoutBraces));
    const QString reference = referenceOf(resource);
    const qsizetype existing = indexOf(reference);
    if (existing >= 0)
        m_resources[existing] = resource;
    else
        m_resources.append(resource);
    return reference;
}

bool DraftOrders::remove(const QString &reference)
{
    const qsizetype index = indexOf(reference);
    if (index < 0)
        return false;
    m_resources.removeAt(index);
    m_selections.removeAll(reference);
    return true;
}

bool DraftOrders::contains(const QString &reference) const
{
    return indexOf(reference) >= 0;
}

QJsonObject DraftOrders::find(const QString &reference) const
{
    const qsizetype index = indexOf(reference);
    return index >= 0 ? m_resources.at(index) : QJsonObject();
}

QStringList DraftOrders::references() const
{
    QStringList all;
    for (const auto &resource : m_resources)
        all << referenceOf(resource);
    return all;
}

void DraftOrders::select(const QStringList &references)
{
    m_selections.clear();
    for (const auto &reference : references) {
        if (contains(reference) && !m_selections.contains(reference))
            m_selections << reference;
    }
}

QJsonObject DraftOrders::toBundle(const QString &resourceType) const
{
    QJsonArray entries;
    for (const auto &resource : m_resources) {
        if (resourceType.isEmpty() || resource.value(u"resourceType"_s).toString() == resourceType)
            entries.append(QJsonObject {{u"resource"_s, resource}});
    }
    QJsonObject bundle {{u"resourceType"_s, u"Bundle"_s}, {u"type"_s, u"collection"_s}};
    if (!entries.isEmpty())
        bundle.insert(u"entry"_s, entries);
    return bundle;
}

qsizetype DraftOrders::count(const QString &resourceType) const
{
    return std::count_if(m_resources.cbegin(), m_resources.cend(), [&](const QJsonObject &r) {
        return r.value(u"resourceType"_s).toString() == resourceType;
    });
}

DraftOrders DraftOrders::fromBundle(const QJsonObject &bundle, QStringList *problems)
{
    DraftOrders orders;
    const QJsonArray entries = bundle.value(u"entry"_s).toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject resource = entries.at(i).toObject().value(u"resource"_s).toObject();
        if (resource.value(u"resourceType"_s).toString().isEmpty()) {
            if (problems)
                *problems << u"entry %1 has no resource with a resourceType; skipped"_s.arg(i);
            continue;
        }
        orders.put(resource);
    }
    return orders;
}

QStringList DraftOrders::sign(const QStringList &references)
{
    QStringList moved;
    for (const QString &reference : references) {
        const qsizetype index = indexOf(reference);
        if (index < 0)
            continue;
        QJsonObject order = m_resources.takeAt(index);
        order.insert(u"status"_s, u"active"_s);
        m_signed.append(order);
        m_selections.removeAll(reference);
        moved.append(reference);
    }
    return moved;
}

QJsonObject DraftOrders::findSigned(const QString &reference) const
{
    for (const auto &order : m_signed) {
        if (referenceOf(order) == reference)
            return order;
    }
    return {};
}

bool DraftOrders::setPerformer(const QString &reference, const QString &performer)
{
    for (auto &order : m_signed) {
        if (referenceOf(order) != reference)
            continue;
        // MedicationRequest.performer is one reference, ServiceRequest.performer a list.
        const QJsonObject who {{u"reference"_s, performer}};
        if (order.value(u"resourceType"_s).toString() == u"MedicationRequest")
            order.insert(u"performer"_s, who);
        else
            order.insert(u"performer"_s, QJsonArray {who});
        return true;
    }
    return false;
}

void DraftOrders::addNote(const QString &reference, const QString &note)
{
    QStringList &notes = m_notes[reference];
    if (!notes.contains(note))
        notes.append(note);
}

QStringList DraftOrders::notesOf(const QString &reference) const
{
    return m_notes.value(reference);
}

} // namespace hb::ehr
