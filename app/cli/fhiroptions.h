#pragma once

// The --fhir-* options of the commands that read a FHIR source (fire, patients): one
// definition, so both spell and check them the same way.
#include "fhir/fhirsource.h"

#include <QCommandLineOption>
#include <QList>

#include <optional>

class QCommandLineParser;

namespace hb::cli {

struct FhirSourceOptions
{
    QCommandLineOption token {QStringList {QStringLiteral("fhir-token")},
                              QStringLiteral("Bearer token for the --fhir server."),
                              QStringLiteral("TOKEN")};
    QCommandLineOption auth {
        QStringList {QStringLiteral("fhir-auth")},
        QStringLiteral("none, bearer (default with --fhir-token) or backend-services (SMART "
                       "Backend Services: a token from the server's token endpoint, asserted "
                       "with Hookbench's client key)."),
        QStringLiteral("KIND")};
    QCommandLineOption clientId {QStringList {QStringLiteral("fhir-client-id")},
                                 QStringLiteral("Client id registered for backend-services."),
                                 QStringLiteral("ID")};
    QCommandLineOption scope {QStringList {QStringLiteral("fhir-scope")},
                              QStringLiteral("Scopes for backend-services (system/*.read)."),
                              QStringLiteral("SCOPES")};
    QCommandLineOption trustCert {
        QStringList {QStringLiteral("fhir-trust-cert")},
        QStringLiteral("Accept the --fhir host's certificate with this SHA-256 fingerprint "
                       "(a self-signed development server)."),
        QStringLiteral("SHA256")};
    QCommandLineOption caFile {QStringList {QStringLiteral("fhir-ca-file")},
                               QStringLiteral("PEM file of CA certificates to trust for --fhir."),
                               QStringLiteral("FILE")};
    QCommandLineOption passToken {
        QStringList {QStringLiteral("fhir-pass-token")},
        QStringLiteral("Give services the --fhir server and its real token instead of "
                       "Hookbench's auditing proxy and a mock token.")};

    [[nodiscard]] QList<QCommandLineOption> all() const;
    /// The source for base URL `base` (empty = embedded) from the parsed options, or nullopt
    /// with `error` (a usage error).
    [[nodiscard]] std::optional<fhir::FhirSource>
    sourceFor(const QCommandLineParser &parser, const QString &base, QString *error) const;
};

} // namespace hb::cli
