#include "fhir/fhirclient.h"

#include "net/exchangelog.h"
#include "net/transport.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

#include <memory>

using namespace Qt::StringLiterals;

namespace hb::fhir {

namespace {

QString diagnosticsOf(const QJsonObject &body)
{
    if (body.value(u"resourceType"_s).toString() != u"OperationOutcome")
        return {};
    QStringList parts;
    for (const auto &issue : body.value(u"issue"_s).toArray()) {
        const QJsonObject i = issue.toObject();
        QString text = i.value(u"diagnostics"_s).toString();
        if (text.isEmpty())
            text = i.value(u"details"_s)[u"text"_s].toString();
        const QString code = i.value(u"code"_s).toString();
        if (!text.isEmpty() || !code.isEmpty())
            parts.append(code.isEmpty() ? text : text.isEmpty() ? code : code + u": "_s + text);
    }
    return parts.join(u"; "_s);
}

QUrl originOf(const QUrl &url)
{
    return url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment
                        | QUrl::RemoveUserInfo);
}

template<typename Result, typename Start> Result waitFor(Start start)
{
    Result out;
    bool finished = false;
    QEventLoop loop;
    start([&](const Result &result) {
        out = result;
        finished = true;
        loop.quit();
    });
    if (!finished)
        loop.exec();
    return out;
}

} // namespace

QString describeFhirError(const QUrl &url, int status, const QJsonObject &body,
                          FhirFailure *failure)
{
    auto set = [&](FhirFailure f) {
        if (failure)
            *failure = f;
    };
    const QString where = url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    const QString diagnostics = diagnosticsOf(body);
    const QString why = diagnostics.isEmpty() ? QString() : u" ("_s + diagnostics + u')';
    if (status >= 200 && status < 300) {
        if (body.value(u"resourceType"_s).toString().isEmpty()) {
            set(FhirFailure::NotFhir);
            return u"%1 answered HTTP %2 without a FHIR JSON resource"_s.arg(where).arg(status);
        }
        set(FhirFailure::None);
        return {};
    }
    switch (status) {
    case 401:
        set(FhirFailure::Unauthorized);
        return u"%1 refused the credentials: HTTP 401 Unauthorized%2. Check the FHIR source's "
               u"token (missing, expired or not issued for this server)."_s.arg(where, why);
    case 403:
        set(FhirFailure::Forbidden);
        return u"%1 refused access: HTTP 403 Forbidden%2. The token lacks a scope for this "
               u"request."_s.arg(where, why);
    case 404:
        set(FhirFailure::NotFound);
        return u"%1: HTTP 404 Not Found%2"_s.arg(where, why);
    default:
        set(FhirFailure::Outcome);
        return u"%1 answered HTTP %2%3"_s.arg(where).arg(status).arg(why);
    }
}

CapabilityReport capabilityReportFrom(const QJsonObject &statement)
{
    CapabilityReport report;
    if (statement.value(u"resourceType"_s).toString() != u"CapabilityStatement") {
        report.problems.append(u"metadata is not a CapabilityStatement"_s);
        return report;
    }
    report.fhirVersion = statement.value(u"fhirVersion"_s).toString();
    report.isR4 = report.fhirVersion.startsWith(u"4.0"_s);
    if (!report.isR4)
        report.problems.append(
            u"fhirVersion is '%1': Hookbench and CDS Hooks 2.0 need FHIR R4 (4.0.x)"_s.arg(
                report.fhirVersion.isEmpty() ? u"(none)"_s : report.fhirVersion));
    for (const auto &rest : statement.value(u"rest"_s).toArray()) {
        const QJsonObject security = rest[u"security"_s].toObject();
        for (const auto &service : security.value(u"service"_s).toArray()) {
            for (const auto &coding : service[u"coding"_s].toArray()) {
                if (coding[u"code"_s].toString() == u"SMART-on-FHIR")
                    report.smartOnFhir = true;
            }
        }
        for (const auto &extension : security.value(u"extension"_s).toArray()) {
            if (!extension[u"url"_s].toString().endsWith(u"oauth-uris"_s))
                continue;
            report.smartOnFhir = true;
            for (const auto &uri : extension[u"extension"_s].toArray()) {
                if (uri[u"url"_s].toString() == u"authorize")
                    report.authorizeUrl = uri[u"valueUri"_s].toString();
                else if (uri[u"url"_s].toString() == u"token")
                    report.tokenUrl = uri[u"valueUri"_s].toString();
            }
        }
    }
    return report;
}

FhirClient::FhirClient(net::Transport *transport, net::ExchangeLog *log, QUrl base)
    : m_transport(transport)
    , m_log(log)
    , m_base(std::move(base))
{ }

bool FhirClient::isSameOrigin(const QUrl &url) const
{
    return url.isValid() && originOf(url) == originOf(m_base);
}

QUrl FhirClient::resolve(const QString &relative) const
{
    QString base = m_base.toString(QUrl::FullyEncoded);
    if (!base.endsWith(u'/'))
        base += u'/';
    QString tail = relative;
    while (tail.startsWith(u'/'))
        tail.remove(0, 1);
    return QUrl(base + tail, QUrl::TolerantMode);
}

void FhirClient::get(const QString &relativeOrAbsolute, const QString &note, Done done)
{
    const QUrl absolute(relativeOrAbsolute);
    const QUrl url = absolute.isRelative() ? resolve(relativeOrAbsolute) : absolute;
    send(url, note, std::move(done));
}

void FhirClient::read(const QString &type, const QString &id, Done done)
{
    if (type.isEmpty() || id.isEmpty() || id.contains(u'/') || type.contains(u'/')) {
        FhirResponse response;
        response.failure = FhirFailure::Usage;
        response.error = u"a FHIR read needs a type and an id, got '%1/%2'"_s.arg(type, id);
        return done(response);
    }
    send(resolve(type + u'/' + QString::fromLatin1(QUrl::toPercentEncoding(id))),
         u"read %1/%2"_s.arg(type, id), std::move(done));
}

void FhirClient::send(const QUrl &url, const QString &note, Done done)
{
    auto fail = [&](FhirFailure failure, const QString &error) {
        FhirResponse response;
        response.url = url;
        response.failure = failure;
        response.error = error;
        done(response);
    };
    if (!m_base.isValid() || (m_base.scheme() != u"http" && m_base.scheme() != u"https")
        || m_base.host().isEmpty())
        return fail(FhirFailure::Usage,
                    u"the FHIR base must be an http(s) URL, got '%1'"_s.arg(m_base.toString()));
    // A token is only ever sent to the source's own origin, whatever a server's links say.
    if (!isSameOrigin(url))
        return fail(FhirFailure::Usage,
                    u"refused to send a FHIR request to %1: it is not the FHIR source's origin "
                    u"(%2), and the source's credentials must not leave it"_s.arg(
                        originOf(url).toString(), originOf(m_base).toString()));
    auto proceed = [this, alive = m_lifetime.alive, url, note,
                    done](const QByteArray &authorization, const QString &error) {
        if (!*alive) // the client is gone (another FHIR source): nobody waits for this
            return;
        if (!error.isEmpty()) {
            FhirResponse response;
            response.url = url;
            response.failure = FhirFailure::Authorization;
            response.error = u"no credentials for %1: %2"_s.arg(m_base.toString(), error);
            return done(response);
        }
        net::TransportRequest request;
        request.url = url;
        request.headers.append(net::HeaderLine {"Accept", "application/fhir+json"});
        if (!authorization.isEmpty())
            request.headers.append(net::HeaderLine {"Authorization", authorization});
        request.totalTimeoutMs = m_timeoutMs;
        request.maxResponseBytes = m_maxBytes;
        request.acceptCompressed = true; // a remote server's Bundles shrink severalfold
        net::Exchange exchange = net::exchangeFor(request, u"fhir"_s);
        exchange.origin = m_origin;
        exchange.note = note;
        m_transport->send(
            request,
            [this, alive, url, exchange, done](const net::TransportResponse &reply) mutable {
                if (!*alive)
                    return;
                exchange.setResponse(reply);
                FhirResponse response;
                response.url = url;
                response.status = reply.status;
                response.exchangeId = m_log ? m_log->append(exchange) : 0;
                if (!reply.ok() && reply.error != net::TransportError::TooLarge) {
                    response.failure = FhirFailure::Transport;
                    response.error = reply.errorMessage;
                    return done(response);
                }
                if (reply.truncated) {
                    response.failure = FhirFailure::Outcome;
                    // The transport's sentence names the limit; ours when it has none.
                    response.error = !reply.errorMessage.isEmpty()
                        ? reply.errorMessage
                        : u"%1 answered more than %2 bytes; reading stopped"_s
                              .arg(url.toString(QUrl::RemoveQuery))
                              .arg(m_maxBytes);
                    return done(response);
                }
                QJsonParseError parse;
                const QJsonDocument json = QJsonDocument::fromJson(reply.body, &parse);
                response.resource = json.object();
                response.error
                    = describeFhirError(url, reply.status, response.resource, &response.failure);
                if (response.ok() && parse.error != QJsonParseError::NoError) {
                    response.failure = FhirFailure::NotFhir;
                    response.error = u"%1 answered HTTP %2 with a body that is not JSON (%3)"_s
                                         .arg(url.toString(QUrl::RemoveQuery))
                                         .arg(reply.status)
                                         .arg(parse.errorString());
                }
                done(response);
            });
    };
    if (m_auth)
        m_auth(proceed);
    else
        proceed({}, {});
}

SearchPage FhirClient::pageFrom(const FhirResponse &response) const
{
    SearchPage page;
    page.response = response;
    if (!response.ok())
        return page;
    const QJsonObject &bundle = response.resource;
    if (bundle.value(u"resourceType"_s).toString() != u"Bundle") {
        page.response.failure = FhirFailure::NotFhir;
        page.response.error = u"%1 did not answer a search with a Bundle (got %2)"_s.arg(
            response.url.toString(QUrl::RemoveQuery), bundle.value(u"resourceType"_s).toString());
        return page;
    }
    if (bundle.contains(u"total"_s))
        page.total = bundle.value(u"total"_s).toInt(-1);
    for (const auto &entry : bundle.value(u"entry"_s).toArray()) {
        const QString mode = entry[u"search"_s][u"mode"_s].toString();
        if (mode.isEmpty() || mode == u"match")
            page.resources.append(entry[u"resource"_s].toObject());
    }
    for (const auto &link : bundle.value(u"link"_s).toArray()) {
        const QString relation = link[u"relation"_s].toString();
        const QUrl url(link[u"url"_s].toString());
        if (relation != u"next" && relation != u"previous" && relation != u"prev")
            continue;
        if (!isSameOrigin(url)) {
            page.warning = u"the server's %1 link points at another origin (%2): not followed, "
                           u"so the token does not leave %3"_s.arg(
                               relation, originOf(url).toString(), originOf(m_base).toString());
            continue;
        }
        (relation == u"next" ? page.next : page.previous) = url;
    }
    return page;
}

void FhirClient::searchPage(const QString &type, const QueryItems &params, int count,
                            std::function<void(const SearchPage &)> done)
{
    QStringList query;
    for (const auto &[name, value] : params)
        query.append(QString::fromLatin1(QUrl::toPercentEncoding(name)) + u'='
                     + QString::fromLatin1(QUrl::toPercentEncoding(value, ",|:")));
    if (count > 0)
        query.append(u"_count=%1"_s.arg(count));
    QUrl url = resolve(type);
    if (!query.isEmpty())
        url.setQuery(query.join(u'&'), QUrl::StrictMode);
    send(url, u"search %1"_s.arg(type),
         [this, done](const FhirResponse &response) { done(pageFrom(response)); });
}

void FhirClient::page(const QUrl &link, std::function<void(const SearchPage &)> done)
{
    send(link, u"next page"_s,
         [this, done](const FhirResponse &response) { done(pageFrom(response)); });
}

void FhirClient::search(const QString &type, const QueryItems &params, const SearchLimits &limits,
                        std::function<void(const SearchResultSet &)> done)
{
    auto set = std::make_shared<SearchResultSet>();
    auto step = std::make_shared<std::function<void(const SearchPage &)>>();
    // Each request runs a copy of *step, so clearing *step (to break the self-reference) at
    // the end never destroys the closure that is running.
    *step = [this, set, step, limits, done](const SearchPage &current) {
        set->last = current.response;
        ++set->pages;
        if (!current.warning.isEmpty())
            set->warnings.append(current.warning);
        if (!current.response.ok()) {
            *step = nullptr;
            return done(*set);
        }
        if (set->total < 0)
            set->total = current.total;
        for (const auto &resource : current.resources) {
            if (set->resources.size() >= limits.maxResources) {
                set->truncated = true;
                break;
            }
            set->resources.append(resource);
        }
        const bool more = !current.next.isEmpty() && !set->truncated;
        if (more && set->pages >= limits.maxPages)
            set->truncated = true;
        if (!more || set->truncated) {
            *step = nullptr;
            return done(*set);
        }
        page(current.next, *step);
    };
    searchPage(type, params, limits.pageSize, *step);
}

void FhirClient::capabilities(std::function<void(const CapabilityReport &)> done)
{
    send(resolve(u"metadata"_s), u"CapabilityStatement"_s, [done](const FhirResponse &response) {
        CapabilityReport report;
        if (response.ok())
            report = capabilityReportFrom(response.resource);
        report.response = response;
        if (!response.ok())
            report.problems.prepend(response.error);
        done(report);
    });
}

FhirResponse FhirClient::getAndWait(const QString &relativeOrAbsolute, const QString &note)
{
    return waitFor<FhirResponse>([&](auto cb) { get(relativeOrAbsolute, note, cb); });
}

SearchPage FhirClient::searchPageAndWait(const QString &type, const QueryItems &params, int count)
{
    return waitFor<SearchPage>([&](auto cb) { searchPage(type, params, count, cb); });
}

SearchPage FhirClient::pageAndWait(const QUrl &link)
{
    return waitFor<SearchPage>([&](auto cb) { page(link, cb); });
}

SearchResultSet FhirClient::searchAndWait(const QString &type, const QueryItems &params,
                                          const SearchLimits &limits)
{
    return waitFor<SearchResultSet>([&](auto cb) { search(type, params, limits, cb); });
}

CapabilityReport FhirClient::capabilitiesAndWait()
{
    return waitFor<CapabilityReport>([&](auto cb) { capabilities(cb); });
}

} // namespace hb::fhir
