#include "fhir/fhirstore.h"

#include "fhir/daterange.h"
#include "fhir/logging.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::fhir {

namespace {

constexpr qint64 maxBundleBytes = 64LL * 1024 * 1024;

QJsonObject readJsonFile(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"cannot read %1: %2"_s.arg(path, file.errorString());
        return {};
    }
    if (file.size() > maxBundleBytes) {
        if (error)
            *error = u"%1 is larger than 64 MiB"_s.arg(path);
        return {};
    }
    QJsonParseError parseError;
    const auto doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        if (error)
            *error = u"%1 is not a JSON object: %2"_s.arg(path, parseError.errorString());
        return {};
    }
    return doc.object();
}

QJsonValue shiftValue(const QJsonValue &value, qint64 days)
{
    if (value.isString())
        return shiftDateString(value.toString(), days);
    if (value.isArray()) {
        QJsonArray out;
        for (const auto &item : value.toArray())
            out.append(shiftValue(item, days));
        return out;
    }
    if (value.isObject())
        return shiftDates(value.toObject(), days);
    return value;
}

} // namespace

QJsonObject shiftDates(const QJsonObject &value, qint64 days)
{
    if (days == 0)
        return value;
    QJsonObject out;
    for (auto it = value.begin(); it != value.end(); ++it)
        out.insert(it.key(), shiftValue(it.value(), days));
    return out;
}

FhirStore FhirStore::builtin(bool shift)
{
    FhirStore store;
    QString error;
    const QJsonObject notes = readJsonFile(u":/hookbench/fhir/patient-notes.json"_s, &error);
    const QDate anchor = QDate::fromString(notes.value(u"anchorDate"_s).toString(), Qt::ISODate);
    if (shift && anchor.isValid())
        store.m_dayShift = anchor.daysTo(QDate::currentDate());
    QJsonObject bundle = readJsonFile(u":/hookbench/fhir/synthetic-ehr.json"_s, &error);
    if (bundle.isEmpty() || !store.addBundle(shiftDates(bundle, store.m_dayShift), &error))
        qCWarning(lcFhir) << "bundled data unusable:" << error;
    const QJsonObject demonstrates = notes.value(u"demonstrates"_s).toObject();
    for (auto it = demonstrates.begin(); it != demonstrates.end(); ++it)
        store.m_notes.insert(it.key(), it.value().toString());
    return store;
}

bool FhirStore::addBundle(const QJsonObject &bundle, QString *error)
{
    if (bundle.value(u"resourceType"_s).toString() != u"Bundle") {
        if (error)
            *error = u"not a FHIR Bundle (resourceType is '%1')"_s.arg(
                bundle.value(u"resourceType"_s).toString());
        return false;
    }
    int skipped = 0;
    for (const auto &entry : bundle.value(u"entry"_s).toArray()) {
        if (!addResource(entry.toObject().value(u"resource"_s).toObject()))
            ++skipped;
    }
    if (skipped > 0)
        qCInfo(lcFhir) << "skipped" << skipped << "bundle entries without resourceType/id";
    return true;
}

bool FhirStore::addBundleFile(const QString &path, QString *error)
{
    const QJsonObject bundle = readJsonFile(path, error);
    return !bundle.isEmpty() && addBundle(bundle, error);
}

bool FhirStore::addResource(const QJsonObject &resource)
{
    const QString type = resource.value(u"resourceType"_s).toString();
    const QString id = resource.value(u"id"_s).toString();
    if (type.isEmpty() || id.isEmpty())
        return false;
    const QString key = type + u'/' + id;
    auto &list = m_byType[type];
    const auto found = m_index.constFind(key);
    if (found != m_index.constEnd()) {
        list[*found] = resource;
    } else {
        m_index.insert(key, list.size());
        list.append(resource);
    }
    return true;
}

std::optional<QJsonObject> FhirStore::read(const QString &type, const QString &id) const
{
    const auto found = m_index.constFind(type + u'/' + id);
    if (found == m_index.constEnd())
        return std::nullopt;
    return m_byType.value(type).at(*found);
}

QList<QJsonObject> FhirStore::all(const QString &type) const
{
    return m_byType.value(type);
}

QStringList FhirStore::types() const
{
    return m_byType.keys();
}

qsizetype FhirStore::size() const
{
    return m_index.size();
}

QString FhirStore::demonstrates(const QString &patientId) const
{
    return m_notes.value(patientId);
}

} // namespace hb::fhir
