#include "navigationmodel.h"

using namespace Qt::StringLiterals;

NavigationModel::NavigationModel(QObject *parent)
    : QAbstractListModel(parent)
    , m_screens {
          {u"Patient chart"_s, u"patient-view"_s},
          {u"Orders"_s, u"order-select · order-sign"_s},
          {u"Scheduling"_s, u"appointment-book"_s},
          {u"Encounter"_s, u"encounter-start · encounter-discharge"_s},
          {u"Services"_s, u"discovery"_s},
          {u"Settings"_s, u"identity · CORS"_s},
          {u"Patient search"_s, u"FHIR source · paging"_s},
          {u"Custom hook"_s, u"any hook · any context"_s},
      }
{ }

int NavigationModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_screens.size());
}

QVariant NavigationModel::data(const QModelIndex &index, int role) const
{
    Q_ASSERT(checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid));
    const Screen &screen = m_screens.at(index.row());
    switch (role) {
    case TitleRole:
        return screen.title;
    case HooksRole:
        return screen.hooks;
    default:
        return {};
    }
}

QHash<int, QByteArray> NavigationModel::roleNames() const
{
    return {{TitleRole, "title"}, {HooksRole, "hooks"}};
}

QString NavigationModel::titleAt(int row) const
{
    return row >= 0 && row < m_screens.size() ? m_screens.at(row).title : QString();
}
