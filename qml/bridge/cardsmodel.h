#pragma once

#include "core/finding.h"
#include "core/response.h"

#include <QAbstractListModel>
#include <QPointer>
#include <QtQml/qqml.h>

class CardIcons;

/// The cards column: every card the services returned, in the order an EHR shows them
/// (critical, then warning, then info; errors first so a failing service is never silent).
/// Re-invoking a service replaces its earlier cards (C20). Each card carries the hook and the
/// service it came from. What reaches the view is bounded (cards per service, summary and detail
/// length, total text), so a hostile response cannot freeze the window's text layout.
class CardsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by InvocationController")

public:
    enum Roles {
        SummaryRole = Qt::UserRole,
        DetailRole, ///< the markdown detail as safe HTML for Text.RichText (C15)
        IndicatorRole, ///< info, warning, critical, or error for a failed call / invalid card
        SourceLabelRole,
        SourceUrlRole,
        ServiceIdRole,
        ServiceTitleRole,
        SuggestionsRole, ///< list of {label, recommended, accepted, acceptable}
        SelectionBehaviorRole,
        LinksRole, ///< list of {label, url, type, openable}
        OverrideReasonsRole, ///< list of display strings
        DismissedRole,
        ErrorTextRole,
        CardUuidRole,
        HookRole, ///< the hook whose call returned the card
        ServiceKeyRole, ///< source URL | id | hook: which registered service
        TruncatedRole, ///< part of the card was cut to the display bounds
        SourceIconRole, ///< "image://cardicon/<n>" once the source's icon is fetched, else ""
        SourceTopicRole, ///< source.topic's display (its code when it has none), "" when absent
        FeedbackStatusRole, ///< what the feedback POST of an accept/override answered; "" before
        FindingsRole, ///< the validator's findings inside this card (cardfindings::toVariantList)
        SpecBadgeRole, ///< "SPEC · 1 error, 2 warnings"; "" for a card that breaks no rule
        SpecSeverityRole, ///< the worst finding's severity: error, warning, info or ""
        TruncationNotesRole, ///< what the display bounds cut, each as one sentence
    };

    /// Display bounds (#16): far above what a real card needs (the spec asks for summaries
    /// under 140 characters), far below what freezes a text layout.
    static constexpr int MaxCardsPerService = 25;
    static constexpr int MaxSummaryChars = 300;
    static constexpr int MaxDetailChars = 20000;
    static constexpr int MaxSuggestions = 12;
    static constexpr qsizetype MaxTotalChars = 1000000;

    /// Which call a row came from.
    struct Origin
    {
        QString key; ///< the registered service (AppContext::serviceKey); the id when empty
        QString serviceId;
        QString serviceTitle;
        QString hook;
        QString hookInstance;
    };

    /// One row: a service's card, or the error that stands for a service's failed call.
    struct Entry
    {
        Origin origin;
        hb::core::Card card; ///< as bounded for display (the log keeps the full response)
        QString detail; ///< sanitized, bounded markdown (C15)
        QString error; ///< non-empty: an error row (C12, C23)
        QList<int> acceptedSuggestions;
        bool dismissed = false;
        bool truncated = false;
        QString feedbackStatus; ///< "feedback sent: HTTP 200", "feedback failed: ...", ...
        QList<hb::core::Finding> findings; ///< the validator's, pointing into this card
        QStringList truncationNotes; ///< "summary shortened from 1,048,576 characters to 300"
    };

    explicit CardsModel(QObject *parent = nullptr);

    /// Fetches the sources' icons (source.icon) through `icons` and shows them once decoded.
    /// Not owned; without it no icon is shown.
    void setIcons(CardIcons *icons);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row of the origin's service with these cards (C20). `findings`, when
    /// given, holds each card's validation findings (cardfindings::perCard), shown on the card.
    void setServiceCards(const Origin &origin, const QList<hb::core::Card> &cards,
                         const QList<QList<hb::core::Finding>> &findings = {});
    void setServiceCards(const QString &serviceId, const QString &serviceTitle,
                         const QString &hookInstance, const QList<hb::core::Card> &cards)
    {
        setServiceCards(Origin {serviceId, serviceId, serviceTitle, {}, hookInstance}, cards);
    }
    /// Replaces every row of the origin's service with one error row.
    void setServiceError(const Origin &origin, const QString &error);
    void setServiceError(const QString &serviceId, const QString &serviceTitle,
                         const QString &error)
    {
        setServiceError(Origin {serviceId, serviceId, serviceTitle, {}, {}}, error);
    }
    /// Removes the cards of these hooks (their context changed, so they no longer apply).
    void removeHooks(const QStringList &hooks);
    void clear();

    [[nodiscard]] const Entry *entry(int row) const;
    /// Whether suggestion `suggestion` of row `row` may still be accepted: not for an error
    /// row (C12) or a dismissed card, not twice, and under at-most-one not after another one
    /// was accepted (C13).
    Q_INVOKABLE [[nodiscard]] bool canAccept(int row, int suggestion) const;
    /// Marks the suggestion accepted; false (and no change) when canAccept() says no.
    bool markAccepted(int row, int suggestion);
    void markDismissed(int row);
    /// Shows the answer to a card's feedback POST on it (the service's card `cardUuid`; no row
    /// changes when the card is gone, e.g. the service fired again meanwhile).
    void setFeedbackStatus(const QString &serviceKey, const QString &cardUuid,
                           const QString &status);

private:
    static bool canAccept(const Entry &entry, int suggestion);
    void removeService(const QString &key);
    Entry bounded(const Origin &origin, const hb::core::Card &card);
    void insertSorted(const QList<Entry> &entries);
    static int rank(const Entry &entry);
    void onIconChanged(const QUrl &url);
    QList<Entry> m_entries;
    qsizetype m_totalChars = 0;
    QPointer<CardIcons> m_icons;
};
