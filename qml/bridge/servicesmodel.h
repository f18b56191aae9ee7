#pragma once

#include "appcontext.h"

#include <QAbstractListModel>
#include <QtQml/qqml.h>

/// The services registry as the services screen lists it: every service of every discovery
/// source of the workspace, in source order, with its settings and the status of its last call.
class ServicesModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ServicesController")

public:
    enum Roles {
        HookRole = Qt::UserRole,
        TitleRole,
        ServiceIdRole,
        DescriptionRole,
        PrefetchKeysRole, ///< the template keys, as a list
        SourceUrlRole, ///< the workspace's source URL (embedded:demo, http://...)
        EnabledRole,
        LastStatusRole, ///< empty when never called this session
        LastLatencyRole, ///< milliseconds, -1 when unknown
        CorsBadgeRole, ///< pass, pass-with-warning, fail, or empty
        LastOkRole,
        PrefetchModeRole,
        ChosenKeysRole,
        AccessTokenRole,
        ScopesRole, ///< the granted scopes as written, empty list when derived
        ScopesDerivedRole,
        SubjectRole,
        JwtFaultRole,
    };

    explicit ServicesModel(AppContext &context, QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /// Where row `row` is in the workspace; false when out of range.
    bool locate(int row, int *source, int *service) const;
    [[nodiscard]] int rowOf(const QString &key) const;

private:
    void reload();

    AppContext &m_context;
    struct Row
    {
        int source;
        int service;
        QString key;
    };
    QList<Row> m_rows;
};
