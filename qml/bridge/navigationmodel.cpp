#include "navigationmodel.h"

using namespace Qt::StringLiterals;

const QList<NavigationModel::Screen> &NavigationModel::screens()
{
    static const QList<Screen> table {
        {u"chart"_s, u"Patient chart"_s, u"patient-view"_s, u"PatientChartScreen.qml"_s},
        {u"orders"_s, u"Orders"_s, u"order-select · order-sign"_s, u"OrdersScreen.qml"_s},
        {u"dispatch"_s, u"Order dispatch"_s, u"order-dispatch"_s, u"DispatchScreen.qml"_s},
        {u"scheduling"_s, u"Scheduling"_s, u"appointment-book"_s, u"SchedulingScreen.qml"_s},
        {u"encounter"_s, u"Encounter"_s, u"encounter-start · encounter-discharge"_s,
         u"EncounterScreen.qml"_s},
        {u"services"_s, u"Services"_s, u"discovery · registry"_s, u"ServicesScreen.qml"_s},
        {u"settings"_s, u"Settings"_s, u"identity · CORS"_s, u"SettingsScreen.qml"_s},
        {u"patients"_s, u"Patient search"_s, u"FHIR source · paging"_s,
         u"PatientSearchScreen.qml"_s},
        {u"custom-hook"_s, u"Custom hook"_s, u"any hook · any context"_s,
         u"CustomHookScreen.qml"_s},
    };
    return table;
}

int NavigationModel::indexOf(const QString &name)
{
    const auto &table = screens();
    for (int row = 0; row < table.size(); ++row) {
        if (table.at(row).name == name)
            return row;
    }
    return -1;
}

QStringList NavigationModel::names()
{
    QStringList list;
    for (const auto &screen : screens())
        list << screen.name;
    return list;
}

NavigationModel::NavigationModel(QObject *parent)
    : QAbstractListModel(parent)
{ }

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(screens().size());
}

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Screen &screen = screens().at(index.row());
    switch (role) {
    case TitleRole:
        return screen.title;
    case HooksRole:
        return screen.hooks;
    case NameRole:
        return screen.name;
    case SourceRole:
        return screen.source;
    default:
        return {};
    }
}

QHash<int, QByteArray> NavigationModel::roleNames() const
{
    return {{TitleRole, "title"}, {HooksRole, "hooks"}, {NameRole, "name"}, {SourceRole, "file"}};
}

QString NavigationModel::titleAt(int row) const
{
    return row >= 0 && row < screens().size() ? screens().at(row).title : QString();
}

QString NavigationModel::nameAt(int row) const
{
    return row >= 0 && row < screens().size() ? screens().at(row).name : QString();
}
