#pragma once

// The one FHIR REST client of Hookbench: every FHIR request the app, the CLI and the prefetch
// runner make goes through it, over net::Transport, and lands in the exchange log as kind `fhir`.
#include "fhir/search.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>

namespace hb::net {
class ExchangeLog;
class Transport;
} // namespace hb::net

namespace hb::fhir {

/// Why a FHIR request failed, so callers can say what to fix.
enum class FhirFailure {
    None,
    Transport, ///< no HTTP answer (refused, timeout, TLS)
    Authorization, ///< no credentials could be obtained (token endpoint, assertion)
    Unauthorized, ///< 401: the credentials are missing, expired or unknown
    Forbidden, ///< 403: the credentials lack a scope
    NotFound, ///< 404
    Outcome, ///< another non-2xx status (usually with an OperationOutcome)
    NotFhir, ///< 2xx without a FHIR JSON resource
    Usage, ///< a bad base URL or reference
};

/// One FHIR answer.
struct FhirResponse
{
    QUrl url;
    int status = 0;
    QJsonObject resource; ///< the body (an OperationOutcome on most errors)
    FhirFailure failure = FhirFailure::None;
    QString error; ///< one sentence for the user; empty when ok
    quint64 exchangeId = 0; ///< in the exchange log; 0 without a log or when nothing was sent

    [[nodiscard]] bool ok() const { return failure == FhirFailure::None; }
};

/// A page of a search (a searchset Bundle), with its paging links.
struct SearchPage
{
    FhirResponse response;
    QList<QJsonObject> resources; ///< entries with search.mode match (or no mode)
    int total = -1; ///< Bundle.total when the server says
    QUrl next; ///< same-origin next link, empty at the end
    QUrl previous;
    QString warning; ///< e.g. a next link to another origin that was not followed
};

/// A whole search, all pages followed.
struct SearchResultSet
{
    FhirResponse last; ///< the last page's answer (its error when the search failed)
    QList<QJsonObject> resources;
    int total = -1;
    int pages = 0;
    bool truncated = false; ///< stopped at maxPages / maxResources
    QStringList warnings;

    [[nodiscard]] bool ok() const { return last.ok(); }
};

struct SearchLimits
{
    int pageSize = 50; ///< `_count`; 0 = the server's default
    int maxPages = 20;
    int maxResources = 2000;
};

/// What a server's CapabilityStatement says (`metadata`).
struct CapabilityReport
{
    FhirResponse response;
    QString fhirVersion;
    bool isR4 = false; ///< fhirVersion 4.0.x
    bool smartOnFhir
        = false; ///< rest.security.service has SMART-on-FHIR or the oauth-uris extension
    QString authorizeUrl, tokenUrl;
    QStringList problems; ///< sentences: what makes this server unusable or limited

    [[nodiscard]] bool ok() const { return response.ok() && isR4; }
};

/// Supplies the Authorization header for each request (asynchronously: SMART Backend Services
/// may have to fetch a token first). Call `done` exactly once, with an empty header for none or
/// an error sentence when no credentials could be had.
using AuthorizationProvider
    = std::function<void(std::function<void(QByteArray header, QString error)> done)>;

/// A FHIR R4 REST client for one base URL. Lives in the thread of its transport.
class FhirClient
{
public:
    FhirClient(net::Transport *transport, net::ExchangeLog *log, QUrl base);

    void setAuthorization(AuthorizationProvider provider) { m_auth = std::move(provider); }
    /// The exchange log's `origin` and `kind` of this client's requests (default hookbench/fhir).
    void setLogOrigin(const QString &origin) { m_origin = origin; }
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setMaxResponseBytes(qint64 bytes) { m_maxBytes = bytes; }

    [[nodiscard]] QUrl base() const { return m_base; }
    /// Whether `url` has the base's origin (scheme, host, port): only then is a token sent to it.
    [[nodiscard]] bool isSameOrigin(const QUrl &url) const;
    /// `relative` ("Patient/1", "Observation?code=x") resolved below the base.
    [[nodiscard]] QUrl resolve(const QString &relative) const;

    using Done = std::function<void(const FhirResponse &)>;
    /// GET of a URL relative to the base (a prefetch query, a read) or an absolute same-origin
    /// URL. `note` goes into the exchange log.
    void get(const QString &relativeOrAbsolute, const QString &note, Done done);
    void read(const QString &type, const QString &id, Done done);
    void searchPage(const QString &type, const QueryItems &params, int count,
                    std::function<void(const SearchPage &)> done);
    /// Follows a paging link of an earlier page (same origin only).
    void page(const QUrl &link, std::function<void(const SearchPage &)> done);
    void search(const QString &type, const QueryItems &params, const SearchLimits &limits,
                std::function<void(const SearchResultSet &)> done);
    void capabilities(std::function<void(const CapabilityReport &)> done);

    // Blocking forms for the CLI and tests (a local event loop; bounded by the timeouts).
    FhirResponse getAndWait(const QString &relativeOrAbsolute, const QString &note = {});
    SearchPage searchPageAndWait(const QString &type, const QueryItems &params, int count);
    SearchPage pageAndWait(const QUrl &link);
    SearchResultSet searchAndWait(const QString &type, const QueryItems &params,
                                  const SearchLimits &limits = {});
    CapabilityReport capabilitiesAndWait();

    /// Parses a searchset page (used by the proxy and tests too).
    [[nodiscard]] SearchPage pageFrom(const FhirResponse &response) const;

private:
    void send(const QUrl &url, const QString &note, Done done);

    net::Transport *m_transport;
    net::ExchangeLog *m_log;
    QUrl m_base;
    AuthorizationProvider m_auth;
    QString m_origin = QStringLiteral("hookbench");
    int m_timeoutMs = 15000;
    qint64 m_maxBytes = 4 * 1024 * 1024; // the transport's default cap

    /// Marks the client gone for the answers still on their way: a FHIR source switch
    /// destroys the client with reads in flight, and their callbacks must then not touch it.
    /// A copy is another client with its own mark.
    struct Lifetime
    {
        std::shared_ptr<bool> alive = std::make_shared<bool>(true);
        Lifetime() = default;
        Lifetime(const Lifetime &) { }
        Lifetime &operator=(const Lifetime &) { return *this; }
        ~Lifetime() { *alive = false; }
    };
    Lifetime m_lifetime;
};

/// The user's sentence for an HTTP answer: status, the OperationOutcome's diagnostics, and what
/// to check (credentials for 401, scopes for 403). Empty for a 2xx FHIR resource.
[[nodiscard]] QString describeFhirError(const QUrl &url, int status, const QJsonObject &body,
                                        FhirFailure *failure = nullptr);

/// `CapabilityReport` from a CapabilityStatement resource.
[[nodiscard]] CapabilityReport capabilityReportFrom(const QJsonObject &statement);

} // namespace hb::fhir
