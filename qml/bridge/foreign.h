#pragma once

// Types from outside the module that QML and qmllint must know (pitfall P4: needs qqml.h in 6.4).
#include <QAbstractItemModel>
#include <QtQml/qqml.h>

/// Qt 6.4's own qmltypes name QAbstractItemModel as the base of QAbstractListModel but never
/// describe it, so qmllint cannot resolve any C++ list model. Registering it (anonymous, not
/// creatable) puts its description into our module's qmltypes.
struct ForeignAbstractItemModel
{
    Q_GADGET
    QML_FOREIGN(QAbstractItemModel)
    QML_ANONYMOUS
};
