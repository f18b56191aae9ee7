#include "cardsmodel.h"

#include "cardfindings.h"
#include "cardicons.h"

#include "core/numbers.h"
#include "ehr/markdownsafety.h"

#include <algorithm>

using namespace Qt::StringLiterals;

CardsModel::CardsModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

void CardsModel::setIcons(CardIcons *icons)
{
    if (m_icons)
        disconnect(m_icons, nullptr, this, nullptr);
    m_icons = icons;
    if (icons)
        connect(icons, &CardIcons::iconChanged, this, &CardsModel::onIconChanged);
}

void CardsModel::onIconChanged(const QUrl &url)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).card.source.icon == url)
            Q_EMIT dataChanged(index(row), index(row), {SourceIconRole});
    }
}

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
        return entry.error.isEmpty() ? card.summary : entry.origin.serviceTitle + u" failed"_s;
    case DetailRole:
        return entry.detail;
    case IndicatorRole:
        return indicatorName(entry);
    case SourceLabelRole:
        return entry.error.isEmpty() ? card.source.label : entry.origin.serviceTitle;
    case SourceUrlRole:
        return hb::ehr::isOpenableLinkUrl(card.source.url) ? card.source.url.toString() : QString();
    case ServiceIdRole:
        return entry.origin.serviceId;
    case ServiceTitleRole:
        return entry.origin.serviceTitle;
    case SuggestionsRole: {
        QVariantList list;
        if (!entry.error.isEmpty())
            return list; // an error card offers no suggestions (C12)
        for (int i = 0; i < card.suggestions.size(); ++i) {
            const auto &suggestion = card.suggestions.at(i);
            list << QVariantMap {{u"label"_s, suggestion.label},
                                 {u"recommended"_s, suggestion.isRecommended},
                                 {u"accepted"_s, entry.acceptedSuggestions.contains(i)},
                                 {u"acceptable"_s, canAccept(entry, i)}};
        }
        return list;
    }
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
    case HookRole:
        return entry.origin.hook;
    case ServiceKeyRole:
        return entry.origin.key;
    case TruncatedRole:
        return entry.truncated;
    case SourceIconRole:
        return m_icons && entry.error.isEmpty() ? m_icons->sourceFor(card.source.icon) : QString();
    case SourceTopicRole:
        if (!entry.error.isEmpty() || !card.source.topic)
            return QString();
        return card.source.topic->display.isEmpty() ? card.source.topic->code
                                                    : card.source.topic->display;
    case FeedbackStatusRole:
        return entry.feedbackStatus;
    case FindingsRole:
        return cardfindings::toVariantList(entry.findings);
    case SpecBadgeRole:
        return cardfindings::badgeText(entry.findings);
    case SpecSeverityRole:
        return cardfindings::worstSeverity(entry.findings);
    case TruncationNotesRole:
        return entry.truncationNotes;
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
            {CardUuidRole, "cardUuid"},
            {HookRole, "hook"},
            {ServiceKeyRole, "serviceKey"},
            {TruncatedRole, "truncated"},
            {SourceIconRole, "sourceIcon"},
            {SourceTopicRole, "sourceTopic"},
            {FeedbackStatusRole, "feedbackStatus"},
            {FindingsRole, "findings"},
            {SpecBadgeRole, "specBadge"},
            {SpecSeverityRole, "specSeverity"},
            {TruncationNotesRole, "truncationNotes"}};
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

void CardsModel::removeService(const QString &key)
{
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (m_entries.at(row).origin.key == key) {
            beginRemoveRows({}, row, row);
            m_totalChars -= m_entries.at(row).card.summary.size() + m_entries.at(row).detail.size();
            m_entries.removeAt(row);
            endRemoveRows();
        }
    }
}

void CardsModel::removeHooks(const QStringList &hooks)
{
    for (int row = int(m_entries.size()) - 1; row >= 0; --row) {
        if (hooks.contains(m_entries.at(row).origin.hook)) {
            beginRemoveRows({}, row, row);
            m_totalChars -= m_entries.at(row).card.summary.size() + m_entries.at(row).detail.size();
            m_entries.removeAt(row);
            endRemoveRows();
        }
    }
}

namespace {

QString cut(const QString &text, int limit, bool *truncated)
{
    if (text.size() <= limit)
        return text;
    *truncated = true;
    // Never half of a surrogate pair.
    const int end = text.at(limit - 1).isHighSurrogate() ? limit - 1 : limit;
    return text.left(end) + u"…"_s;
}

// Characters as V4 counts them (code points), without a UCS-4 copy of a 1 MiB summary.
qsizetype codePoints(const QString &text)
{
    qsizetype pairs = 0;
    for (qsizetype i = 1; i < text.size(); ++i)
        pairs += text.at(i).isLowSurrogate() && text.at(i - 1).isHighSurrogate();
    return text.size() - pairs;
}

// The numbers on a card read like the rest of the English UI: 1,048,576.
QString number(qsizetype n)
{
    return hb::core::groupedNumber(n); // as the validator's findings on the same card write it
}

} // namespace

CardsModel::Entry CardsModel::bounded(const Origin &origin, const hb::core::Card &card)
{
    Entry entry {origin, card, {}, {}, {}, false, false, {}, {}, {}};
    // Each bound that cuts says so on the card: a developer must not mistake the display for
    // what the service sent (the log keeps the whole response).
    entry.card.summary = cut(card.summary, MaxSummaryChars, &entry.truncated);
    if (entry.card.summary.size() != card.summary.size()) {
        entry.truncationNotes << u"summary shortened from %1 characters to %2"_s.arg(
            number(codePoints(card.summary)), number(MaxSummaryChars));
    }
    if (card.detail.size() > MaxDetailChars) {
        entry.truncated = true;
        entry.card.detail = card.detail.left(MaxDetailChars)
            + u"\n\n*(%1 more characters not shown; the log has the whole response)*"_s.arg(
                number(card.detail.size() - MaxDetailChars));
        entry.truncationNotes << u"detail shortened from %1 characters to %2"_s.arg(
            number(codePoints(card.detail)), number(MaxDetailChars));
    }
    if (entry.card.suggestions.size() > MaxSuggestions) {
        entry.truncated = true;
        entry.truncationNotes << u"%1 of %2 suggestions shown"_s.arg(
            number(MaxSuggestions), number(entry.card.suggestions.size()));
        entry.card.suggestions.resize(MaxSuggestions);
    }
    entry.detail = hb::ehr::renderCardDetail(entry.card.detail);
    if (origin.key.isEmpty())
        entry.origin.key = origin.serviceId;
    return entry;
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

void CardsModel::setServiceCards(const Origin &origin, const QList<hb::core::Card> &cards,
                                 const QList<QList<hb::core::Finding>> &findings)
{
    const QString key = origin.key.isEmpty() ? origin.serviceId : origin.key;
    removeService(key);
    QList<Entry> entries;
    qsizetype dropped = 0;
    qsizetype droppedFindings = 0;
    bool overTotal = false;
    for (qsizetype i = 0; i < cards.size(); ++i) {
        const auto &card = cards.at(i);
        const auto cardFindings = findings.value(i);
        Entry entry = bounded(origin, card);
        const qsizetype size = entry.card.summary.size() + entry.detail.size();
        if (entries.size() >= MaxCardsPerService || m_totalChars + size > MaxTotalChars) {
            overTotal = overTotal || entries.size() < MaxCardsPerService;
            ++dropped;
            droppedFindings += cardFindings.size();
            continue;
        }
        m_totalChars += size;
        entry.findings = cardFindings;
        // A client that does not understand selectionBehavior must treat the card as an error
        // (C12).
        if (!card.suggestions.isEmpty() && card.selectionBehavior != u"at-most-one"
            && card.selectionBehavior != u"any") {
            entry.error
                = u"Card \"%1\" has suggestions but selectionBehavior '%2' is not "
                  "at-most-one or any, so the EHR treats the whole card as an error (C12)."_s.arg(
                      entry.card.summary, card.selectionBehavior);
        }
        if (m_icons && !card.source.icon.isEmpty())
            m_icons->fetch(card.source.icon);
        entries << entry;
    }
    if (dropped > 0) {
        hb::core::Card notice;
        notice.summary
            = u"%1 more card(s) from %2 not shown"_s.arg(dropped).arg(origin.serviceTitle);
        notice.detail = overTotal
            ? u"The cards column holds at most %1 characters of text; the log has the whole "
              "response."_s.arg(number(MaxTotalChars))
            : u"The EHR shows at most %1 cards per service; the log has the whole "
              "response."_s.arg(MaxCardsPerService);
        notice.indicator = u"info"_s;
        Entry entry = bounded(origin, notice);
        entry.truncated = true;
        entry.truncationNotes << u"%1 of %2 cards shown"_s.arg(number(entries.size()),
                                                               number(cards.size()));
        if (droppedFindings > 0) {
            entry.truncationNotes << u"the cards not shown carry %1 spec finding(s); the log "
                                     "lists them"_s.arg(number(droppedFindings));
        }
        entries << entry;
    }
    insertSorted(entries);
}

void CardsModel::setServiceError(const Origin &origin, const QString &error)
{
    const QString key = origin.key.isEmpty() ? origin.serviceId : origin.key;
    removeService(key);
    bool ignored = false;
    Entry entry = bounded(origin, {});
    entry.error = cut(error, MaxDetailChars, &ignored);
    insertSorted({entry});
}

void CardsModel::clear()
{
    beginResetModel();
    m_entries.clear();
    m_totalChars = 0;
    endResetModel();
}

const CardsModel::Entry *CardsModel::entry(int row) const
{
    return row >= 0 && row < m_entries.size() ? &m_entries.at(row) : nullptr;
}

bool CardsModel::canAccept(const Entry &entry, int suggestion)
{
    if (!entry.error.isEmpty() || entry.dismissed || suggestion < 0
        || suggestion >= entry.card.suggestions.size()
        || entry.acceptedSuggestions.contains(suggestion))
        return false;
    return entry.card.selectionBehavior != u"at-most-one" || entry.acceptedSuggestions.isEmpty();
}

bool CardsModel::canAccept(int row, int suggestion) const
{
    const Entry *found = entry(row);
    return found && canAccept(*found, suggestion);
}

bool CardsModel::markAccepted(int row, int suggestion)
{
    if (!canAccept(row, suggestion))
        return false;
    m_entries[row].acceptedSuggestions << suggestion;
    Q_EMIT dataChanged(index(row), index(row), {SuggestionsRole});
    return true;
}

void CardsModel::markDismissed(int row)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row].dismissed = true;
    Q_EMIT dataChanged(index(row), index(row), {DismissedRole, SuggestionsRole});
}

void CardsModel::setFeedbackStatus(const QString &serviceKey, const QString &cardUuid,
                                   const QString &status)
{
    for (int row = 0; row < m_entries.size(); ++row) {
        Entry &entry = m_entries[row];
        if (entry.origin.key == serviceKey && entry.card.uuid == cardUuid) {
            entry.feedbackStatus = status;
            Q_EMIT dataChanged(index(row), index(row), {FeedbackStatusRole});
        }
    }
}
