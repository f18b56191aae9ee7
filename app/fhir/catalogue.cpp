#include "fhir/catalogue.h"

#include <QFile>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace hb::fhir {

namespace {

std::optional<QJsonObject> findByCode(const QJsonArray &items, const QString &code)
{
    for (const auto &item : items) {
        if (item.toObject().value(u"code"_s).toString() == code)
            return item.toObject();
    }
    return std::nullopt;
}

} // namespace

const Catalogue &Catalogue::builtin()
{
    static const Catalogue catalogue = [] {
        QFile file(u":/hookbench/fhir/catalogue.json"_s);
        (void)file.open(QIODevice::ReadOnly);
        return Catalogue(QJsonDocument::fromJson(file.readAll()).object());
    }();
    return catalogue;
}

Catalogue::Catalogue(QJsonObject json)
    : m_json(std::move(json))
{ }

QJsonArray Catalogue::formulary() const
{
    return m_json.value(u"formulary"_s).toArray();
}

QJsonArray Catalogue::imaging() const
{
    return m_json.value(u"imaging"_s).toArray();
}

QString Catalogue::imagingSystem() const
{
    return m_json.value(u"imagingSystem"_s).toString();
}

std::optional<QJsonObject> Catalogue::medication(const QString &rxnorm) const
{
    return findByCode(formulary(), rxnorm);
}

std::optional<QJsonObject> Catalogue::imagingItem(const QString &code) const
{
    return findByCode(imaging(), code);
}

QString Catalogue::cptSystem() const
{
    return m_json.value(u"cptSystem"_s).toString();
}

QJsonArray Catalogue::imagingReasons() const
{
    return m_json.value(u"imagingReasons"_s).toArray();
}

QJsonArray Catalogue::labs() const
{
    return m_json.value(u"labs"_s).toArray();
}

std::optional<QJsonObject> Catalogue::labItem(const QString &loinc) const
{
    return findByCode(labs(), loinc);
}

QJsonArray Catalogue::routes() const
{
    return m_json.value(u"routes"_s).toArray();
}

QJsonArray Catalogue::frequencies() const
{
    return m_json.value(u"frequencies"_s).toArray();
}

std::optional<QJsonObject> Catalogue::entry(const QString &list, const QString &code) const
{
    return findByCode(m_json.value(list).toArray(), code);
}

QStringList Catalogue::classesOf(const QString &rxnorm) const
{
    QStringList classes;
    if (const auto item = medication(rxnorm)) {
        for (const auto &c : item->value(u"classes"_s).toArray())
            classes.append(c.toString());
    }
    return classes;
}

QStringList Catalogue::allergyClassesOf(const QString &system, const QString &code) const
{
    QStringList classes;
    const QString key = system + u'|' + code;
    const QJsonObject all = m_json.value(u"allergyClasses"_s).toObject();
    for (auto it = all.begin(); it != all.end(); ++it) {
        if (it.value().toArray().contains(key))
            classes.append(it.key());
    }
    return classes;
}

QJsonObject Catalogue::renalRule(const QString &ingredient) const
{
    return m_json.value(u"renal"_s).toObject().value(ingredient).toObject();
}

QJsonArray Catalogue::interactions() const
{
    return m_json.value(u"interactions"_s).toArray();
}

} // namespace hb::fhir
