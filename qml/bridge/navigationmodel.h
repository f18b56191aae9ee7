#pragma once

#include <QAbstractListModel>
#include <QtQml/qqml.h>

/// The EHR screens in the left navigation, each with the hooks it fires.
class NavigationModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    enum Roles { TitleRole = Qt::UserRole, HooksRole };

    explicit NavigationModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    /// The title of row `row`, or an empty string when out of range.
    Q_INVOKABLE [[nodiscard]] QString titleAt(int row) const;

private:
    struct Screen
    {
        QString title;
        QString hooks;
    };
    QList<Screen> m_screens;
};
