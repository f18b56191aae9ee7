#pragma once

// The hook request a CDS Client POSTs to {base}/cds-services/{id} (C3-C8).
#include <QJsonObject>
#include <QString>
#include <QUrl>

#include <optional>

namespace hb::core {

/// `fhirAuthorization` (C4). Member names follow OAuth 2.0 on the wire.
struct FhirAuthorization
{
    QString accessToken; ///< access_token
    QString tokenType = QStringLiteral("Bearer"); ///< token_type, fixed "Bearer"
    qint64 expiresIn = 300; ///< expires_in, seconds
    QString scope; ///< space-separated SMART scopes
    QString subject; ///< OAuth client_id of the CDS Service
    QString patient; ///< FHIR id of the patient; omitted when empty

    QJsonObject toJson() const;
    static FhirAuthorization fromJson(const QJsonObject &json);
};

/// One invocation of one service. Build a new one (with a new hookInstance) per call (C3).
struct HookRequest
{
    QString hook;
    QString hookInstance;
    QUrl fhirServer; ///< omitted when empty
    std::optional<FhirAuthorization> fhirAuthorization; ///< omitted when absent
    QJsonObject context;
    QJsonObject prefetch; ///< key -> resource, Bundle or null; the member is omitted when empty
    QJsonObject extension; ///< omitted when empty
    QJsonObject raw; ///< as received, when parsed with fromJson()

    /// The wire body: optional members are omitted, never null or empty (V2).
    QJsonObject toJson() const;
    /// Lenient parse; validateRequest() reports problems.
    static HookRequest fromJson(const QJsonObject &json);
    /// A random (version 4) UUID, lower case, without braces.
    static QString newHookInstance();
};

} // namespace hb::core
