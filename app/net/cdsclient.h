#pragma once

// The CDS Client side of the protocol: discovery, hook calls and feedback, each with a fresh
// client JWT (aud = the exact URL), CORS emulation on by default (the request goes out as the
// official Sandbox's axios call would), every exchange recorded, responses parsed and validated.
#include "core/discovery.h"
#include "core/feedback.h"
#include "core/finding.h"
#include "core/hookrequest.h"
#include "core/response.h"
#include "core/validator.h"
#include "net/corsprobe.h"
#include "security/clientjwt.h"

namespace hb::net {

struct CdsClientOptions
{
    bool corsEmulation = true;
    QString origin = QStringLiteral("https://sandbox.cds-hooks.org");
    CredentialsMode credentials = CredentialsMode::SameOrigin; ///< axios withCredentials=false
    CorsMode corsMode = CorsMode::Browser;
    security::JwtFault jwtFault = security::JwtFault::None;
    core::SpecVersion specVersion = core::SpecVersion::V2_0;
    int connectTimeoutMs = 5000;
    int totalTimeoutMs = 30000;
    qint64 maxResponseBytes = 4 * 1024 * 1024;
};

/// What one call produced. `blocked` = the browser would not have let the page read the answer.
struct CdsCallResult
{
    QUrl url;
    QJsonObject requestBody;
    std::optional<security::ClientJwtSigner::Signed> jwt;
    std::optional<CorsEvaluation> cors; ///< set when CORS emulation is on
    QList<Exchange> exchanges; ///< preflight(s) and the call, as logged
    std::optional<TransportResponse> response; ///< unset when the call was never sent
    QList<core::Finding> findings; ///< validation of the body / status (V1-V26)
    QString error; ///< the transport's sentence, or why nothing was sent

    bool connected() const { return response && response->status > 0; }
    /// No HTTP answer at all because the connection could not be made (refused, unknown host,
    /// connect timeout, TLS): exit code 3 in the CLI. A timeout after connecting is not this.
    bool couldNotConnect() const;
    bool blocked() const { return cors && cors->verdict == CorsVerdict::Fail; }
    int status() const { return response ? response->status : 0; }
};

struct DiscoveryResult : CdsCallResult
{
    std::optional<core::DiscoveryDocument> document;
};

struct HookCallResult : CdsCallResult
{
    std::optional<core::CdsResponse> cdsResponse;
};

/// `{base}/cds-services` for a base URL; a URL already ending in /cds-services is kept.
QUrl discoveryUrl(const QUrl &baseOrDiscovery);
/// `{discovery}/{id}` and `{discovery}/{id}/feedback`.
QUrl serviceUrl(const QUrl &discovery, const QString &serviceId);
QUrl feedbackUrl(const QUrl &discovery, const QString &serviceId);

class CdsClient
{
public:
    /// `signer` may be null (no Authorization header); `log` may be null.
    CdsClient(Transport *transport, ExchangeLog *log, security::ClientJwtSigner *signer,
              CdsClientOptions options = {});

    void setOptions(const CdsClientOptions &options) { m_options = options; }
    const CdsClientOptions &options() const { return m_options; }

    void discover(const QUrl &baseOrDiscovery, std::function<void(const DiscoveryResult &)> done);
    /// The client JWT for a hook call to the service, signed now (nullopt without a signer or
    /// with a JWT fault set: a fault's token is made when the call goes out). A caller signs
    /// while its prefetch is in flight and hands the token to callHook(), so the ES384
    /// signature, most of the client's own work per call, is off the critical path (bench/run).
    std::optional<security::ClientJwtSigner::Signed> presign(const QUrl &discovery,
                                                             const QString &serviceId);
    /// `cancellation` (optional) aborts the call in flight: its preflight and the POST.
    /// `presigned`: a token from presign() for this call, used instead of signing one now.
    void callHook(const QUrl &discovery, const QString &serviceId, const core::HookRequest &request,
                  std::function<void(const HookCallResult &)> done,
                  std::shared_ptr<Cancellation> cancellation = {},
                  std::optional<security::ClientJwtSigner::Signed> presigned = std::nullopt);
    void sendFeedback(const QUrl &discovery, const QString &serviceId,
                      const QList<core::Feedback> &feedback,
                      std::function<void(const CdsCallResult &)> done);

    DiscoveryResult discoverAndWait(const QUrl &baseOrDiscovery);
    HookCallResult callHookAndWait(const QUrl &discovery, const QString &serviceId,
                                   const core::HookRequest &request);
    CdsCallResult sendFeedbackAndWait(const QUrl &discovery, const QString &serviceId,
                                      const QList<core::Feedback> &feedback);

private:
    void execute(const QByteArray &method, const QUrl &url, const QJsonObject &body,
                 const QString &kind, std::function<void(CdsCallResult)> done,
                 std::shared_ptr<Cancellation> cancellation = {},
                 std::optional<security::ClientJwtSigner::Signed> presigned = std::nullopt);
    void attachFindings(const CdsCallResult &result);

    Transport *m_transport;
    ExchangeLog *m_log;
    security::ClientJwtSigner *m_signer;
    CdsClientOptions m_options;
};

} // namespace hb::net
