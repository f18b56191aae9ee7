#pragma once

#include <QAbstractListModel>
#include <QtQml/qqml.h>

/// The one table of the EHR's screens: it drives the left navigation, the screen area's loaders
/// and the `--screen` names. Adding a screen is one row in screens() (plus its QML file in
/// qml/CMakeLists.txt).
class NavigationModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    enum Roles { TitleRole = Qt::UserRole, HooksRole, NameRole, SourceRole };

    struct Screen
    {
        QString name; ///< the --screen name and the saved last screen
        QString title;
        QString hooks; ///< what the screen fires, shown under its title
        QString source; ///< the QML file, relative to the module's screens/ folder
    };
    /// Every screen, in navigation order.
    static const QList<Screen> &screens();
    /// The row of screen `name`, or -1.
    static int indexOf(const QString &name);
    static QStringList names();

    explicit NavigationModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    /// The title of row `row`, or an empty string when out of range.
    Q_INVOKABLE [[nodiscard]] QString titleAt(int row) const;
    /// The --screen name of row `row`, or an empty string when out of range.
    Q_INVOKABLE [[nodiscard]] QString nameAt(int row) const;
};
