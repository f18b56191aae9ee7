// Workspace <-> JSON. Reading is strict about types and enumerated values (a typo in a
// hand-edited file is reported with the member's JSON pointer, never silently replaced by a
// default); members that are absent take their defaults, so old files keep loading.
#include "storage/workspace.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace hb::storage {

namespace {

const QString FormatTag = u"hookbench-workspace"_s;

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

/// Reads members of one object, remembering the first problem (with its JSON pointer).
class Reader
{
public:
    Reader(const QJsonObject &object, QString pointer, QString *error)
        : m_object(object)
        , m_pointer(std::move(pointer))
        , m_error(error)
    { }

    bool ok() const { return !m_failed; }
    QString at(const QString &key) const { return m_pointer + u'/' + key; }

    void fail(const QString &key, const QString &what)
    {
        if (m_failed)
            return;
        m_failed = true;
        if (m_error && m_error->isEmpty()) // the first problem is the one to report
            *m_error = u"%1: %2"_s.arg(at(key), what);
    }

    void string(const QString &key, QString &out, const QStringList &allowed = {})
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        if (!value.isString())
            return fail(key, u"must be a string"_s);
        if (!allowed.isEmpty() && !allowed.contains(value.toString()))
            return fail(key,
                        u"'%1' is not one of %2"_s.arg(value.toString(), allowed.join(u", "_s)));
        out = value.toString();
    }

    void boolean(const QString &key, bool &out)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        if (!value.isBool())
            return fail(key, u"must be true or false"_s);
        out = value.toBool();
    }

    void integer(const QString &key, int &out, int minimum, int maximum)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        const double number = value.toDouble(-1.0);
        // Range first: converting a double outside qint64's range (1e54) is undefined behaviour.
        if (!value.isDouble() || number < minimum || number > maximum
            || number != double(qint64(number)))
            return fail(key, u"must be a whole number from %1 to %2"_s.arg(minimum).arg(maximum));
        out = int(number);
    }

    void strings(const QString &key, QStringList &out)
    {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        if (!value.isArray())
            return fail(key, u"must be an array of strings"_s);
        QStringList list;
        for (const auto &item : value.toArray()) {
            if (!item.isString())
                return fail(key, u"must be an array of strings"_s);
            list << item.toString();
        }
        out = list;
    }

    /// The member as an object (empty when absent); fails when present and not an object.
    QJsonObject object(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isUndefined() && !value.isObject())
            fail(key, u"must be an object"_s);
        return value.toObject();
    }

    QJsonArray array(const QString &key)
    {
        const QJsonValue value = m_object.value(key);
        if (!value.isUndefined() && !value.isArray())
            fail(key, u"must be an array"_s);
        return value.toArray();
    }

    /// Copies a nested reader's failure into this one (its error text is already written).
    void take(const Reader &nested)
    {
        if (!nested.ok())
            m_failed = true;
    }

private:
    QJsonObject m_object;
    QString m_pointer;
    QString *m_error;
    bool m_failed = false;
};

QJsonObject settingsToJson(const ServiceSettings &settings)
{
    QJsonObject json {{u"enabled"_s, settings.enabled},
                      {u"prefetch"_s,
                       QJsonObject {{u"mode"_s, settings.prefetchMode},
                                    {u"keys"_s, toArray(settings.prefetchKeys)}}},
                      {u"accessToken"_s, settings.accessToken},
                      {u"subject"_s, settings.subject},
                      {u"jwtFault"_s, settings.jwtFault}};
    json.insert(u"scopes"_s,
                settings.scopes ? QJsonValue(toArray(*settings.scopes)) : QJsonValue());
    return json;
}

std::optional<WorkspaceService> serviceFromJson(const QJsonObject &json, const QString &pointer,
                                                QString *error)
{
    Reader reader(json, pointer, error);
    const QJsonObject definition = reader.object(u"definition"_s);
    if (reader.ok()
        && (!definition.value(u"id"_s).isString() || !definition.value(u"hook"_s).isString()))
        reader.fail(u"definition"_s, u"needs the service's string id and hook"_s);
    WorkspaceService service;
    service.definition = core::ServiceDefinition::fromJson(definition);
    ServiceSettings &settings = service.settings;
    reader.boolean(u"enabled"_s, settings.enabled);
    Reader prefetch(reader.object(u"prefetch"_s), reader.at(u"prefetch"_s), error);
    if (reader.ok()) {
        prefetch.string(u"mode"_s, settings.prefetchMode, {u"all"_s, u"none"_s, u"keys"_s});
        prefetch.strings(u"keys"_s, settings.prefetchKeys);
        reader.take(prefetch);
    }
    reader.string(u"accessToken"_s, settings.accessToken, {u"mock"_s, u"none"_s, u"expired"_s});
    reader.string(u"subject"_s, settings.subject);
    reader.string(u"jwtFault"_s, settings.jwtFault);
    const QJsonValue scopes = json.value(u"scopes"_s);
    if (!scopes.isUndefined() && !scopes.isNull()) {
        QStringList list;
        reader.strings(u"scopes"_s, list);
        settings.scopes = list;
    }
    if (!reader.ok())
        return std::nullopt;
    return service;
}

std::optional<DiscoverySource> sourceFromJson(const QJsonObject &json, const QString &pointer,
                                              QString *error)
{
    Reader reader(json, pointer, error);
    DiscoverySource source;
    reader.string(u"url"_s, source.url);
    if (reader.ok() && source.url.isEmpty())
        reader.fail(u"url"_s, u"every source needs its discovery URL"_s);
    QString when;
    reader.string(u"discoveredAt"_s, when);
    if (!when.isEmpty()) {
        source.discoveredAt = QDateTime::fromString(when, Qt::ISODateWithMs);
        if (!source.discoveredAt.isValid())
            reader.fail(u"discoveredAt"_s, u"must be an ISO 8601 date and time"_s);
    }
    const QJsonArray services = reader.array(u"services"_s);
    for (qsizetype i = 0; reader.ok() && i < services.size(); ++i) {
        const QString at = reader.at(u"services/"_s + QString::number(i));
        if (!services.at(i).isObject()) {
            reader.fail(u"services/"_s + QString::number(i), u"must be an object"_s);
            break;
        }
        const auto service = serviceFromJson(services.at(i).toObject(), at, error);
        if (!service)
            return std::nullopt;
        source.services << *service;
    }
    if (!reader.ok())
        return std::nullopt;
    return source;
}

} // namespace

QJsonObject FhirSource::toJson() const
{
    QJsonObject out = json;
    out.insert(u"kind"_s, kind);
    return out;
}

Workspace Workspace::defaults()
{
    Workspace workspace;
    workspace.sources << DiscoverySource {QString::fromUtf16(EmbeddedDemoSource), {}, {}};
    return workspace;
}

DiscoverySource *Workspace::source(const QString &url)
{
    for (auto &source : sources) {
        if (source.url == url)
            return &source;
    }
    return nullptr;
}

const DiscoverySource *Workspace::source(const QString &url) const
{
    return const_cast<Workspace *>(this)->source(url);
}

QJsonObject Workspace::toJson() const
{
    QJsonArray sourceArray;
    for (const auto &source : sources) {
        QJsonArray services;
        for (const auto &service : source.services) {
            QJsonObject entry = settingsToJson(service.settings);
            entry.insert(u"definition"_s,
                         service.definition.raw.isEmpty() ? service.definition.toJson()
                                                          : service.definition.raw);
            services.append(entry);
        }
        sourceArray.append(QJsonObject {
            {u"url"_s, source.url},
            {u"discoveredAt"_s,
             source.discoveredAt.isValid() ? source.discoveredAt.toUTC().toString(Qt::ISODateWithMs)
                                           : QString()},
            {u"services"_s, services}});
    }
    return QJsonObject {
        {u"format"_s, FormatTag},
        {u"version"_s, FormatVersion},
        {u"sources"_s, sourceArray},
        {u"fhir"_s, fhir.toJson()},
        {u"client"_s,
         QJsonObject {{u"issuer"_s, client.issuer},
                      {u"keyId"_s, client.keyId},
                      {u"algorithm"_s, client.algorithm},
                      {u"jwtLifetimeSeconds"_s, client.jwtLifetimeSeconds},
                      {u"tenant"_s, client.tenant}}},
        {u"cors"_s, QJsonObject {{u"origin"_s, cors.origin}, {u"mode"_s, cors.mode}}},
        {u"grantPolicy"_s, grantPolicy},
        {u"timeouts"_s,
         QJsonObject {{u"connectMs"_s, timeouts.connectMs},
                      {u"totalMs"_s, timeouts.totalMs},
                      {u"prefetchMs"_s, timeouts.prefetchMs}}},
        {u"specVersion"_s, specVersion},
        {u"embedded"_s,
         QJsonObject {{u"port"_s, int(embedded.port)}, {u"labPort"_s, int(embedded.labPort)}}},
        {u"ehr"_s, QJsonObject {{u"medicationPrescribe"_s, ehr.medicationPrescribe}}}};
}

std::optional<Workspace> Workspace::fromJson(const QJsonObject &json, QString *error)
{
    if (error)
        error->clear();
    Reader reader(json, QString(), error);
    if (json.value(u"format"_s).toString() != FormatTag) {
        reader.fail(u"format"_s,
                    u"is not \"%1\": this is not a Hookbench workspace"_s.arg(FormatTag));
        return std::nullopt;
    }
    int version = 0;
    reader.integer(u"version"_s, version, 1, 1000);
    if (reader.ok() && version > FormatVersion)
        reader.fail(
            u"version"_s,
            u"%1 is newer than this Hookbench understands (%2)"_s.arg(version).arg(FormatVersion));
    Workspace workspace;
    const QJsonArray sources = reader.array(u"sources"_s);
    for (qsizetype i = 0; reader.ok() && i < sources.size(); ++i) {
        if (!sources.at(i).isObject()) {
            reader.fail(u"sources/"_s + QString::number(i), u"must be an object"_s);
            break;
        }
        const auto source = sourceFromJson(sources.at(i).toObject(),
                                           reader.at(u"sources/"_s + QString::number(i)), error);
        if (!source)
            return std::nullopt;
        if (workspace.source(source->url)) {
            reader.fail(u"sources/"_s + QString::number(i),
                        u"lists %1 a second time"_s.arg(source->url));
            break;
        }
        workspace.sources << *source;
    }

    workspace.fhir.json = reader.object(u"fhir"_s);
    Reader fhir(workspace.fhir.json, u"/fhir"_s, error);
    fhir.string(u"kind"_s, workspace.fhir.kind);
    reader.take(fhir);

    Reader client(reader.object(u"client"_s), u"/client"_s, error);
    client.string(u"issuer"_s, workspace.client.issuer);
    client.string(u"keyId"_s, workspace.client.keyId);
    client.string(u"algorithm"_s, workspace.client.algorithm, {QString(), u"ES384"_s, u"RS384"_s});
    client.integer(u"jwtLifetimeSeconds"_s, workspace.client.jwtLifetimeSeconds, 1, 86400);
    client.string(u"tenant"_s, workspace.client.tenant);
    reader.take(client);

    Reader cors(reader.object(u"cors"_s), u"/cors"_s, error);
    cors.string(u"origin"_s, workspace.cors.origin);
    cors.string(u"mode"_s, workspace.cors.mode, {u"browser"_s, u"strict"_s, u"off"_s});
    reader.take(cors);

    reader.string(u"grantPolicy"_s, workspace.grantPolicy, {u"pre-authorized"_s, u"ask-user"_s});

    Reader timeouts(reader.object(u"timeouts"_s), u"/timeouts"_s, error);
    timeouts.integer(u"connectMs"_s, workspace.timeouts.connectMs, 1, 600000);
    timeouts.integer(u"totalMs"_s, workspace.timeouts.totalMs, 1, 3600000);
    timeouts.integer(u"prefetchMs"_s, workspace.timeouts.prefetchMs, 1, 3600000);
    reader.take(timeouts);

    reader.string(u"specVersion"_s, workspace.specVersion, {u"1.0"_s, u"2.0"_s});

    Reader embedded(reader.object(u"embedded"_s), u"/embedded"_s, error);
    int port = workspace.embedded.port;
    int labPort = workspace.embedded.labPort;
    embedded.integer(u"port"_s, port, 0, 65535);
    embedded.integer(u"labPort"_s, labPort, 0, 65535);
    workspace.embedded = {quint16(port), quint16(labPort)};
    reader.take(embedded);

    Reader ehr(reader.object(u"ehr"_s), u"/ehr"_s, error);
    ehr.boolean(u"medicationPrescribe"_s, workspace.ehr.medicationPrescribe);
    reader.take(ehr);

    if (!reader.ok())
        return std::nullopt;
    return workspace;
}

} // namespace hb::storage
