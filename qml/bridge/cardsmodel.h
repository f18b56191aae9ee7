#pragma once

#include "core/response.h"

#include <QAbstractListModel>
#include <QtQml/qqml.h>

/// The cards column: every card the services returned, in the order an EHR shows them
/// (critical, then warning, then info; errors first so a failing service is never silent).
/// Re-invoking a service replaces its earlier cards (C20).
class CardsModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by AppController")

public:
    enum Roles {
        SummaryRole = Qt::UserRole,
        DetailRole, ///< the markdown detail as safe HTML for Text.RichText (C15)
        IndicatorRole, ///< info, warning, critical, or error for a failed call / invalid card
        SourceLabelRole,
        SourceUrlRole,
        ServiceIdRole,
        ServiceTitleRole,
        SuggestionsRole, ///< list of {label, recommended, accepted}
        SelectionBehaviorRole,
        LinksRole, ///< list of {label, url, type, openable}
        OverrideReasonsRole, ///< list of display strings
        DismissedRole,
        ErrorTextRole,
        CardUuidRole,
    };

    /// One row: a service's card, or the error that stands for a service's failed call.
    struct Entry
    {
        QString serviceId;
        QString serviceTitle;
        QString hookInstance;
        hb::core::Card card;
        QString error; ///< non-empty: an error row (C12, C23)
        QList<int> acceptedSuggestions;
        bool dismissed = false;
    };

    explicit CardsModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Replaces every row of `serviceId` with these cards (C20).
    void setServiceCards(const QString &serviceId, const QString &serviceTitle,
                         const QString &hookInstance, const QList<hb::core::Card> &cards);
    /// Replaces every row of `serviceId` with one error row.
    void setServiceError(const QString &serviceId, const QString &serviceTitle,
                         const QString &error);
    void clear();

    [[nodiscard]] const Entry *entry(int row) const;
    void markAccepted(int row, int suggestion);
    void markDismissed(int row);

private:
    void removeService(const QString &serviceId);
    void insertSorted(const QList<Entry> &entries);
    static int rank(const Entry &entry);
    QList<Entry> m_entries;
};
