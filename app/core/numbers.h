// Numbers in Hookbench's own sentences (validator findings, JSON limits, CLI sizes).
#pragma once

#include <QString>

namespace hb::core {

/// An integer as the English UI writes it, with thousands separators: 1,048,576. The same on
/// every system locale, so messages, logs and tests do not change with LANG. Not for JSON
/// pointers, ids, ports or HTTP statuses, which must stay as sent.
QString groupedNumber(qint64 n);

} // namespace hb::core
