#include "numbers.h"

#include <QLocale>

namespace hb::core {

QString groupedNumber(qint64 n)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(n);
}

} // namespace hb::core
