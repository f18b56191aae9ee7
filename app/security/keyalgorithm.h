#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace hb::security {

/// The asymmetric JWS algorithms the CDS Hooks spec recommends (C10); never none or HS*.
enum class KeyAlgorithm { ES384, RS384 };

/// "ES384" / "RS384".
[[nodiscard]] QString algorithmName(KeyAlgorithm algorithm);
/// Case-sensitive inverse of algorithmName (JOSE names are case-sensitive).
[[nodiscard]] std::optional<KeyAlgorithm> algorithmFromName(QStringView name);

} // namespace hb::security
