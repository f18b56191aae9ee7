#pragma once

#include "appcontext.h"

#include <QAbstractListModel>
#include <QtQml/qqml.h>

/// The workspace's discovery sources, each with its service count and the outcome of its last
/// discovery this session (a failure keeps the previous services and says why here).
class SourcesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ServicesController")

public:
    enum Roles {
        UrlRole = Qt::UserRole, ///< as in the workspace (embedded:demo, http://...)
        ResolvedUrlRole, ///< the URL actually called
        LabelRole,
        ServiceCountRole,
        DiscoveredAtRole, ///< local time text, empty when never
        ErrorRole, ///< why the last discovery failed, empty when it did not
        BusyRole,
    };

    explicit SourcesModel(AppContext &context, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    void setOutcome(const QString &url, const QString &error, bool busy);
    [[nodiscard]] QString errorOf(const QString &url) const { return m_errors.value(url); }

private:
    void reload();

    AppContext &m_context;
    QStringList m_urls;
    QHash<QString, QString> m_errors;
    QSet<QString> m_busy;
};
