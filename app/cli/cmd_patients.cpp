// hookbench-cli patients: lists the patients of the bundled synthetic EHR (with what each one
// demonstrates) or of a FHIR R4 server.
#include "command.h"

#include "ehr/patientchart.h"
#include "fhir/fhirclient.h"
#include "fhir/fhirsource.h"
#include "fhir/fhirstore.h"
#include "fhir/search.h"

#include "fhiroptions.h"
#include "net/exchangelog.h"
#include "net/transport.h"
#include "security/keystore.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTextStream>

#include <optional>

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

int exitCodeFor(hb::fhir::FhirFailure failure)
{
    switch (failure) {
    case hb::fhir::FhirFailure::None:
        return hb::cli::ExitOk;
    case hb::fhir::FhirFailure::Transport:
        return hb::cli::ExitConnect;
    case hb::fhir::FhirFailure::Usage:
        return hb::cli::ExitUsage;
    default:
        return hb::cli::ExitCheckFailed;
    }
}

/// Searches a FHIR server's patients through the FHIR client (the project's transport, paging
/// by `next` links on the same origin only). Returns an exit code; fills rows or error.
int remotePatients(const hb::fhir::FhirSource &source, const hb::fhir::QueryItems &params,
                   int limit, QList<PatientRow> &rows, QString &error, QStringList &warnings)
{
    hb::net::Transport transport;
    hb::net::ExchangeLog log;
    if (const QString tls = hb::fhir::applyTlsTrust(source, &transport); !tls.isEmpty()) {
        error = tls;
        return hb::cli::ExitUsage;
    }
    std::optional<hb::security::KeyStore> keys;
    if (source.auth == hb::fhir::FhirAuth::BackendServices) {
        QString keyError;
        keys = hb::security::KeyStore::openDefault(&keyError);
        if (keys->activeKid().isEmpty()) {
            error = u"client keys: "_s + keyError;
            return hb::cli::ExitUsage;
        }
    }
    hb::fhir::FhirConnection connection(source, &transport, &log, keys ? &*keys : nullptr);
    const auto capabilities = connection.client().capabilitiesAndWait();
    if (capabilities.response.failure == hb::fhir::FhirFailure::Transport) {
        error = capabilities.response.error;
        return hb::cli::ExitConnect;
    }
    if (capabilities.response.ok() && !capabilities.isR4) {
        error = capabilities.problems.join(u"; "_s);
        return hb::cli::ExitCheckFailed;
    }
    if (!capabilities.response.ok())
        warnings.append(u"no CapabilityStatement: "_s + capabilities.response.error);
    else if (source.auth != hb::fhir::FhirAuth::None && !capabilities.smartOnFhir)
        warnings.append(u"the CapabilityStatement declares no SMART-on-FHIR security"_s);
    const auto set
        = connection.client().searchAndWait(u"Patient"_s, params, {qMin(limit, 100), 1000, limit});
    warnings.append(set.warnings);
    if (!set.ok()) {
        error = set.last.error;
        return exitCodeFor(set.last.failure);
    }
    if (set.truncated)
        warnings.append(u"stopped after %1 patients (--limit)"_s.arg(set.resources.size()));
    for (const auto &resource : set.resources) {
        if (resource.value(u"resourceType"_s).toString() == u"Patient")
            rows.append(rowOf(resource, {}));
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
    const QCommandLineOption identifier(
        u"identifier"_s, u"With --fhir: patients with this identifier ([system|]value)."_s,
        u"ID"_s);
    const QCommandLineOption birthdate(
        u"birthdate"_s,
        u"With --fhir: patients born on DATE (FHIR date search: 1980, ge1980-01-01)."_s, u"DATE"_s);
    const QCommandLineOption limit(
        u"limit"_s, u"With --fhir: at most N patients, following next links (1000)."_s, u"N"_s,
        u"1000"_s);
    const QCommandLineOption token(u"token"_s, u"Same as --fhir-token."_s, u"TOKEN"_s);
    const hb::cli::FhirSourceOptions fhirOptions;
    const QCommandLineOption json(u"json"_s, u"Print a JSON array."_s);
    parser.addOptions({help, search, fhir, identifier, birthdate, limit, token, json});
    parser.addOptions(fhirOptions.all());
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
    QString error;
    auto source = fhirOptions.sourceFor(parser, parser.value(fhir), &error);
    if (!source) {
        err << args.first() << ": " << error << '\n';
        return hb::cli::ExitUsage;
    }
    QList<PatientRow> rows;
    if (parser.isSet(fhir)) {
        if (parser.isSet(token) && source->auth == hb::fhir::FhirAuth::None) {
            source->auth = hb::fhir::FhirAuth::Bearer;
            source->token = parser.value(token);
        }
        bool limitOk = false;
        const int max = parser.value(limit).toInt(&limitOk);
        if (!limitOk || max <= 0) {
            err << args.first() << ": --limit must be a positive number\n";
            return hb::cli::ExitUsage;
        }
        hb::fhir::QueryItems params;
        if (parser.isSet(search))
            params.append({u"name"_s, parser.value(search)});
        if (parser.isSet(identifier))
            params.append({u"identifier"_s, parser.value(identifier)});
        if (parser.isSet(birthdate))
            params.append({u"birthdate"_s, parser.value(birthdate)});
        QStringList warnings;
        const int code = remotePatients(*source, params, max, rows, error, warnings);
        for (const auto &warning : warnings)
            err << "hookbench-cli patients: warning: " << warning << '\n';
        if (code != hb::cli::ExitOk) {
            err << "hookbench-cli patients: " << error << '\n';
            return code;
        }
    } else {
        for (const auto &option : {identifier, birthdate, token}) {
            if (parser.isSet(option)) {
                err << args.first() << ": --" << option.names().first() << " needs --fhir URL\n";
                return hb::cli::ExitUsage;
            }
        }
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
