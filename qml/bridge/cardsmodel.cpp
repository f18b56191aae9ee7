#include "cardsmodel.h"

#include "ehr/markdownsafety.h"

#include <algorithm>

using namespace Qt::StringLiterals;

CardsModel::CardsModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int CardsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

namespace {

QString indicatorName(const CardsModel::Entry &entry)
{
    if (!entry.error.isEmpty())
        return u"error"_s;
    switch (entry.card.indicatorLevel()) {
    case hb::core::Indicator::Critical:
        return u"critical"_s;
    case hb::core::Indicator::Warning:
        return u"warning"_s;
    case hb::core::Indicator::Info:
        return u"info"_s;
    case hb::core::Indicator::Unknown:
        break;
    }
    return u"info"_s; // unknown indicators render as info; the validator reports V5
}

QVariantList suggestionsOf(const CardsModel::Entry &entry)
{
    QVariantList list;
    for (int i = 0; i < entry.card.suggestions.size(); ++i) {
        const auto &suggestion = entry.card.suggestions.at(i);
        list << QVariantMap {{u"label"_s, suggestion.label},
                             {u"recommended"_s, suggestion.isRecommended},
                             {u"accepted"_s, entry.acceptedSuggestions.contains(i)}};
    }
    return list;
}

QVariantList linksOf(const hb::core::Card &card)
{
    QVariantList list;
    for (const auto &link : card.links) {
        list << QVariantMap {{u"label"_s, link.label},
                             {u"url"_s, link.url.toString()},
                             {u"type"_s, link.type},
                             {u"openable"_s, hb::ehr::isOpenableLinkUrl(link.url)}};
    }
    return list;
}

QStringList overrideReasonsOf(const hb::core::Card &card)
{
    QStringList list;
    for (const auto &reason : card.overrideReasons)
        list << (reason.display.isEmpty() ? reason.code : reason.display);
    return list;
}

} // namespace

QVariant CardsModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Entry &entry = m_entries.at(index.row());
    const auto &card = entry.card;
    switch (role) {
    case SummaryRole:
        return entry.error.isEmpty() ? card.summary : entry.serviceTitle + u" failed"_s;
    case DetailRole:
        return hb::ehr::renderCardDetail(card.detail);
    case IndicatorRole:
        return indicatorName(entry);
    case SourceLabelRole:
        return entry.error.isEmpty() ? card.source.label : entry.serviceTitle;
    case SourceUrlRole:
        return hb::ehr::isOpenableLinkUrl(card.source.url) ? card.source.url.toString() : QString();
    case ServiceIdRole:
        return entry.serviceId;
    case ServiceTitleRole:
        return entry.serviceTitle;
    case SuggestionsRole:
        return suggestionsOf(entry);
    case SelectionBehaviorRole:
        return card.selectionBehavior;
    case LinksRole:
        return linksOf(card);
    case OverrideReasonsRole:
        return overrideReasonsOf(card);
    case DismissedRole:
        return entry.dismissed;
    case ErrorTextRole:
        return entry.error;
    case CardUuidRole:
        return card.uuid;
    default:
        return {};
    }
}

QHash<int, QByteArray> CardsModel::roleNames() const
{
    return {{SummaryRole, "summary"},
            {DetailRole, "detail"},
            {IndicatorRole, "indicator"},
            {SourceLabelRole, "sourceLabel"},
            {SourceUrlRole, "sourceUrl"},
            {ServiceIdRole, "serviceId"},
            {ServiceTitleRole, "serviceTitle"},
            {SuggestionsRole, "suggestions"},
            {SelectionBehaviorRole, "selectionBehavior"},
            {LinksRole, "links"},
            {OverrideReasonsRole, "overrideReasons"},
            {DismissedRole, "dismissed"},
            {ErrorTextRole, "errorText"},
            {CardUuidRole, "cardUuid"}};
}

int CardsModel::rank(const Entry &entry)
{
    if (!entry.error.isEmpty())
        return 0;
    switch (entry.card.indicatorLevel()) {
    case hb::core::Indicator::Critical:
        return 1;
    case hb::core::Indicator::Warning:
        return 2;
    default:
        return 3;
    }
}

void CardsModel::removeService(const QString &serviceId)
{
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (m_entries.at(row).serviceId == serviceId) {
            beginRemoveRows({}, row, row);
            m_entries.removeAt(row);
            endRemoveRows();
        }
    }
}

void CardsModel::insertSorted(const QList<Entry> &entries)
{
    for (const Entry &entry : entries) {
        // Stable: after every row of the same or higher urgency.
        const auto at
            = std::upper_bound(m_entries.begin(), m_entries.end(), entry,
                               [](const Entry &a, const Entry &b) { return rank(a) < rank(b); });
        const int row = int(at - m_entries.begin());
        beginInsertRows({}, row, row);
        m_entries.insert(row, entry);
        endInsertRows();
    }
}

void CardsModel::setServiceCards(const QString &serviceId, const QString &serviceTitle,
                                 const QString &hookInstance, const QList<hb::core::Card> &cards)
{
    removeService(serviceId);
    QList<Entry> entries;
    for (const auto &card : cards) {
        Entry entry {serviceId, serviceTitle, hookInstance, card, {}, {}, false};
        // A client that does not understand selectionBehavior must treat the card as an error
        // (C12).
        if (!card.suggestions.isEmpty() && card.selectionBehavior != u"at-most-one"
            && card.selectionBehavior != u"any") {
            entry.error
                = u"Card \"%1\" has suggestions but selectionBehavior '%2' is not "
                  "at-most-one or any, so the EHR treats the whole card as an error (C12)."_s.arg(
                      card.summary, card.selectionBehavior);
        }
        entries << entry;
    }
    insertSorted(entries);
}

void CardsModel::setServiceError(const QString &serviceId, const QString &serviceTitle,
                                 const QString &error)
{
    removeService(serviceId);
    insertSorted({Entry {serviceId, serviceTitle, {}, {}, error, {}, false}});
}

void CardsModel::clear()
{
    beginResetModel();
    m_entries.clear();
    endResetModel();
}

const CardsModel::Entry *CardsModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

void CardsModel::markAccepted(int row, int suggestion)
{
    if (row < 0 || row >= m_entries.size())
        return;
    Entry &entry = m_entries[row];
    if (entry.card.selectionBehavior == u"at-most-one")
        entry.acceptedSuggestions.clear();
    if (!entry.acceptedSuggestions.contains(suggestion))
        entry.acceptedSuggestions << suggestion;
    Q_EMIT dataChanged(index(row), index(row), {SuggestionsRole});
}

void CardsModel::markDismissed(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row].dismissed = true;
    Q_EMIT dataChanged(index(row), index(row), {DismissedRole});
}
