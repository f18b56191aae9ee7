#include "fhiroptions.h"

#include <QCommandLineParser>

using namespace Qt::StringLiterals;

namespace hb::cli {

QList<QCommandLineOption> FhirSourceOptions::all() const
{
    return {token, auth, clientId, scope, trustCert, caFile, passToken};
}

std::optional<fhir::FhirSource> FhirSourceOptions::sourceFor(const QCommandLineParser &parser,
                                                             const QString &base,
                                                             QString *error) const
{
    fhir::FhirSource source;
    const bool remote = !base.isEmpty() && base != u"embedded" && base != u"none";
    if (!remote) {
        for (const auto &option : all()) {
            if (parser.isSet(option)) {
                *error = u"--%1 needs --fhir URL"_s.arg(option.names().first());
                return std::nullopt;
            }
        }
        return source;
    }
    source.base = QUrl(base);
    if (source.base.isRelative())
        source.base = QUrl::fromUserInput(base);
    source.token = parser.value(token);
    const QString kind = parser.isSet(auth) ? parser.value(auth)
        : parser.isSet(token)               ? u"bearer"_s
                                            : u"none"_s;
    const auto parsed = fhir::fhirAuthFromName(kind);
    if (!parsed) {
        *error = u"--fhir-auth must be none, bearer or backend-services, not '%1'"_s.arg(kind);
        return std::nullopt;
    }
    source.auth = *parsed;
    source.clientId = parser.value(clientId);
    if (parser.isSet(scope))
        source.scope = parser.value(scope);
    source.trustedCertificateSha256 = parser.value(trustCert).remove(u':');
    source.caFile = parser.value(caFile);
    source.passRealToken = parser.isSet(passToken);
    if (source.auth != fhir::FhirAuth::Bearer && parser.isSet(token)) {
        *error = u"--fhir-token goes with --fhir-auth bearer"_s;
        return std::nullopt;
    }
    if (const QString problem = source.problem(); !problem.isEmpty()) {
        *error = u"--fhir: "_s + problem;
        return std::nullopt;
    }
    return source;
}

} // namespace hb::cli
