#include "net/bugreport.h"

#include "net/exchangefilter.h"
#include "net/har.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSysInfo>

using namespace Qt::StringLiterals;

namespace hb::net {

namespace {

bool writeJson(const QDir &dir, const QString &name, const QJsonDocument &doc, QString *error)
{
    QSaveFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly) || file.write(doc.toJson(QJsonDocument::Indented)) < 0
        || !file.commit()) {
        *error = u"Cannot write %1: %2"_s.arg(file.fileName(), file.errorString());
        return false;
    }
    return true;
}

} // namespace

std::optional<BugReport> writeBugReport(const QString &parent, const QList<Exchange> &exchanges,
                                        QString *error)
{
    const QString name = u"hookbench-report-"_s
        + QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd-HHmmss-zzz"_s);
    QDir dir(parent);
    if (!dir.mkpath(name)) {
        *error = u"Cannot create %1 in %2"_s.arg(name, parent);
        return std::nullopt;
    }
    dir.cd(name);
    QJsonArray cards, findings, jwts;
    for (const auto &e : exchanges) {
        const QJsonObject where {{u"exchange"_s, static_cast<qint64>(e.id)},
                                 {u"url"_s, e.url.toString()},
                                 {u"service"_s, serviceOf(e)}};
        if (e.kind == u"hook"_s && e.status > 0) {
            const QJsonObject body = QJsonDocument::fromJson(redactBody(e.responseBody)).object();
            if (body.contains(u"cards"_s)) {
                QJsonObject row = where;
                row.insert(u"cards"_s, body.value(u"cards"_s));
                if (body.contains(u"systemActions"_s))
                    row.insert(u"systemActions"_s, body.value(u"systemActions"_s));
                cards.append(row);
            }
        }
        if (!e.findings.isEmpty()) {
            QJsonObject row = where;
            row.insert(u"findings"_s, core::findingsToJson(e.findings));
            findings.append(row);
        }
        if (e.jwt) {
            QJsonObject row = where;
            row.insert(u"header"_s, e.jwt->header);
            row.insert(u"claims"_s, e.jwt->claims);
            row.insert(u"fault"_s, e.jwt->fault.isEmpty() ? u"none"_s : e.jwt->fault);
            row.insert(u"status"_s, e.status);
            jwts.append(row);
        }
    }
    const QJsonObject versions {
        {u"hookbench"_s, QStringLiteral(HOOKBENCH_VERSION)},
        {u"qt"_s, QString::fromLatin1(qVersion())},
        {u"os"_s, QSysInfo::prettyProductName()},
        {u"kernel"_s, QSysInfo::kernelVersion()},
        {u"cpu"_s, QSysInfo::currentCpuArchitecture()},
        {u"written"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)},
        {u"exchanges"_s, exchanges.size()}};
    BugReport report {dir.absolutePath(), {}};
    const QList<std::pair<QString, QJsonDocument>> files {
        {u"exchanges.har"_s, QJsonDocument(toHar(exchanges))},
        {u"cards.json"_s, QJsonDocument(cards)},
        {u"findings.json"_s, QJsonDocument(findings)},
        {u"jwts.json"_s, QJsonDocument(jwts)},
        {u"versions.json"_s, QJsonDocument(versions)}};
    for (const auto &[file, doc] : files) {
        if (!writeJson(dir, file, doc, error))
            return std::nullopt;
        report.files.append(file);
    }
    return report;
}

} // namespace hb::net
