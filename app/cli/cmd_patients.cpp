// hookbench-cli patients: lists the patients of the bundled synthetic EHR (with what each one
// demonstrates) or of a FHIR R4 server.
#include "command.h"

#include "ehr/patientchart.h"
#include "fhir/fhirstore.h"
#include "fhir/search.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTextStream>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

struct PatientRow
{
    QString id, name, birthDate, gender, demonstrates;
};

PatientRow rowOf(const QJsonObject &patient, const QString &demonstrates)
{
    // The same banner line the desktop app shows (ehr::summarizePatient).
    const auto summary = hb::ehr::summarizePatient(patient);
    return {summary.id, summary.name, summary.birthDate, summary.gender, demonstrates};
}

QList<PatientRow> embeddedPatients(const QString &text)
{
    const auto store = hb::fhir::FhirStore::builtin();
    QList<PatientRow> rows;
    QSet<QString> seen;
    hb::fhir::SearchRequest byName {u"Patient"_s, {}, false, {}};
    if (!text.isEmpty())
        byName.params.append({u"name"_s, text});
    for (const auto &patient : hb::fhir::search(store, byName).matches) {
        rows.append(rowOf(patient, store.demonstrates(patient.value(u"id"_s).toString())));
        seen.insert(rows.last().id);
    }
    if (text.isEmpty())
        return rows;
    for (const auto &patient : store.all(u"Patient"_s)) { // also match what a patient demonstrates
        const QString id = patient.value(u"id"_s).toString();
        if (!seen.contains(id) && store.demonstrates(id).contains(text, Qt::CaseInsensitive))
            rows.append(rowOf(patient, store.demonstrates(id)));
    }
    return rows;
}

/// Returns an exit code; fills rows or error.
int remotePatients(const QString &base, const QString &text, const QString &token,
                   QList<PatientRow> &rows, QString &error)
{
    QUrl url(base.endsWith(u'/') ? base + u"Patient"_s : base + u"/Patient"_s);
    if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https")) {
        error = u"--fhir needs an http(s) URL, got '%1'"_s.arg(base);
        return hb::cli::ExitUsage;
    }
    QUrlQuery query;
    if (!text.isEmpty())
        query.addQueryItem(u"name"_s, QString::fromUtf8(QUrl::toPercentEncoding(text)));
    query.addQueryItem(u"_count"_s, u"100"_s);
    url.setQuery(query);
    QNetworkAccessManager nam;
    // Follows the searchset's next links, up to 10 pages (1000 patients).
    const QUrl origin = url.adjusted(QUrl::RemovePath | QUrl::RemoveQuery);
    for (int page = 0; page < 10 && !url.isEmpty(); ++page) {
        QNetworkRequest request(url);
        request.setRawHeader("Accept", "application/fhir+json");
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        request.setTransferTimeout(15000);
        QNetworkReply *reply = nam.get(request);
        QEventLoop loop;
        QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 0) {
            error = u"could not connect to %1: %2"_s.arg(url.toString(), reply->errorString());
            return hb::cli::ExitConnect;
        }
        const QByteArray body = reply->read(16 * 1024 * 1024);
        const QJsonObject json = QJsonDocument::fromJson(body).object();
        if (status != 200) {
            const QString why = json.value(u"issue"_s)[0][u"diagnostics"_s].toString();
            error = u"%1 answered HTTP %2%3"_s.arg(url.toString())
                        .arg(status)
                        .arg(why.isEmpty() ? QString() : u": "_s + why);
            return hb::cli::ExitCheckFailed;
        }
        if (json.value(u"resourceType"_s).toString() != u"Bundle") {
            error = u"%1 did not return a FHIR Bundle"_s.arg(url.toString());
            return hb::cli::ExitCheckFailed;
        }
        for (const auto &entry : json.value(u"entry"_s).toArray()) {
            const QJsonObject resource = entry[u"resource"_s].toObject();
            if (resource.value(u"resourceType"_s).toString() == u"Patient")
                rows.append(rowOf(resource, {}));
        }
        url = QUrl();
        for (const auto &link : json.value(u"link"_s).toArray()) {
            const QUrl next(link[u"url"_s].toString());
            // Never send the token to another origin, whatever the server's links say.
            if (link[u"relation"_s].toString() == u"next"
                && next.adjusted(QUrl::RemovePath | QUrl::RemoveQuery) == origin)
                url = next;
        }
    }
    return hb::cli::ExitOk;
}

int runPatients(const QStringList &args)
{
    QTextStream out(stdout);
    QTextStream err(stderr);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Lists patients (id, name, birth date, and what each demonstrates) of the bundled "
        u"synthetic EHR, or of a FHIR R4 server with --fhir."_s);
    const QCommandLineOption help({u"h"_s, u"help"_s}, u"Show this help."_s);
    const QCommandLineOption search(u"search"_s,
                                    u"Only patients whose name (or, for the bundled "
                                    u"data, scenario) matches TEXT."_s,
                                    u"TEXT"_s);
    const QCommandLineOption fhir(
        u"fhir"_s, u"FHIR base URL to list instead of the bundled data."_s, u"URL"_s);
    const QCommandLineOption token(u"token"_s, u"Bearer token for --fhir."_s, u"TOKEN"_s);
    const QCommandLineOption json(u"json"_s, u"Print a JSON array."_s);
    parser.addOptions({help, search, fhir, token, json});
    if (!parser.parse(args) || !parser.positionalArguments().isEmpty()) {
        err << args.first() << ": "
            << (parser.errorText().isEmpty() ? u"unexpected argument"_s : parser.errorText())
            << "\n\n"
            << parser.helpText();
        return hb::cli::ExitUsage;
    }
    if (parser.isSet(help)) {
        out << parser.helpText();
        return hb::cli::ExitOk;
    }
    QList<PatientRow> rows;
    if (parser.isSet(fhir)) {
        QString error;
        const int code = remotePatients(parser.value(fhir), parser.value(search),
                                        parser.value(token), rows, error);
        if (code != hb::cli::ExitOk) {
            err << "hookbench-cli patients: " << error << '\n';
            return code;
        }
    } else {
        rows = embeddedPatients(parser.value(search));
    }
    if (parser.isSet(json)) {
        QJsonArray array;
        for (const auto &row : rows) {
            QJsonObject object {{u"id"_s, row.id},
                                {u"name"_s, row.name},
                                {u"birthDate"_s, row.birthDate},
                                {u"gender"_s, row.gender}};
            if (!row.demonstrates.isEmpty())
                object.insert(u"demonstrates"_s, row.demonstrates);
            array.append(object);
        }
        out << QJsonDocument(array).toJson(QJsonDocument::Indented);
        return hb::cli::ExitOk;
    }
    for (const auto &row : rows) {
        out << row.id.leftJustified(22) << row.name.leftJustified(20)
            << row.birthDate.leftJustified(12) << row.gender.leftJustified(8) << row.demonstrates
            << '\n';
    }
    if (rows.isEmpty())
        err << "no patients found\n";
    return hb::cli::ExitOk;
}

const hb::cli::CommandRegistration reg {
    {"patients", "list the synthetic patients or a FHIR server's patients", &runPatients}};

} // namespace
