#include "calloptions.h"

#include "command.h"
#include "core/numbers.h"
#include "scenario/callsetup.h"

using namespace Qt::StringLiterals;

namespace hb::cli {

namespace {
// The call's own default, so the help text cannot drift from it.
const qint64 DefaultMaxResponseBytes = hb::scenario::CallSpec {}.maxResponseBytes;
} // namespace

CallOptions::CallOptions(int defaultTimeoutMs)
    : origin(u"origin"_s, u"Page origin for the browser (CORS) emulation; 'none' = --no-cors."_s,
             u"ORIGIN"_s, u"https://sandbox.cds-hooks.org"_s)
    , noCors(u"no-cors"_s,
             u"Call as a server would: no browser emulation, no preflight, no CORS verdict."_s)
    , timeout(u"timeout"_s, u"Total timeout per request in ms (%1)."_s.arg(defaultTimeoutMs),
              u"MS"_s, QString::number(defaultTimeoutMs))
    , maxResponse(u"max-response-bytes"_s,
                  u"Stop reading a response after this many bytes (%1)."_s.arg(
                      hb::core::groupedNumber(DefaultMaxResponseBytes)),
                  u"N"_s, QString::number(DefaultMaxResponseBytes))
    , quiet({u"q"_s, u"quiet"_s}, u"No info lines on stderr."_s)
{ }

void CallOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({origin, noCors, timeout, maxResponse, quiet});
}

QString CallOptions::read(const QCommandLineParser &parser, scenario::CallSpec *spec) const
{
    bool ok = false;
    spec->timeoutMs = parser.value(timeout).toInt(&ok);
    if (!ok || spec->timeoutMs <= 0)
        return u"--timeout must be a positive number of milliseconds"_s;
    spec->maxResponseBytes = parser.value(maxResponse).toLongLong(&ok);
    if (!ok || spec->maxResponseBytes <= 0)
        return u"--max-response-bytes must be a positive number of bytes"_s;
    spec->origin = parser.value(origin);
    spec->cors = !parser.isSet(noCors) && spec->origin != u"none";
    if (parser.isSet(noCors) && parser.isSet(origin) && parser.value(origin) != u"none")
        return u"--no-cors and --origin contradict each other"_s;
    return {};
}

HookCallOptions::HookCallOptions()
    : discovery(u"discovery"_s,
                u"Discovery URL (or base URL; 'embedded' = demo services, 'lab' = the "
                u"misbehaviour lab)."_s,
                u"URL"_s)
    , service(u"service"_s, u"Service id."_s, u"ID"_s)
    , hook(u"hook"_s, u"Hook (default: the service's)."_s, u"H"_s)
    , patient(u"patient"_s, u"Patient id (default: the first embedded patient)."_s, u"ID"_s)
    , fhir(u"fhir"_s, u"embedded (default), a FHIR base URL, or none."_s, u"SRC"_s, u"embedded"_s)
    , prefetch(u"prefetch"_s, u"all (default), none, or KEY,KEY."_s, u"P"_s, u"all"_s)
    , allowInvalid(u"allow-invalid-request"_s,
                   u"Send the request even when Hookbench's own validator finds errors in it."_s)
{ }

void HookCallOptions::addTo(QCommandLineParser &parser) const
{
    parser.addOptions({discovery, service, hook, patient, fhir, prefetch, allowInvalid});
}

void HookCallOptions::read(const QCommandLineParser &parser, scenario::CallSpec *spec) const
{
    spec->discovery = parser.value(discovery);
    spec->service = parser.value(service);
    spec->hook = parser.value(hook);
    spec->patient = parser.value(patient);
    spec->fhir = parser.value(fhir);
    spec->prefetch = parser.value(prefetch);
    spec->allowInvalidRequest = parser.isSet(allowInvalid);
}

int exitCodeFor(scenario::SetupFailure failure)
{
    switch (failure) {
    case scenario::SetupFailure::None:
        return ExitOk;
    case scenario::SetupFailure::Usage:
        return ExitUsage;
    case scenario::SetupFailure::Connect:
        return ExitConnect;
    case scenario::SetupFailure::Check:
        break;
    }
    return ExitCheckFailed;
}

bool browserRefused(const net::CdsCallResult &result)
{
    return result.blocked() && result.cors->stage != net::CorsStage::Network;
}

QString noCorsHint()
{
    return u"A server-to-server client sends no preflight: --no-cors turns the browser "
           u"emulation off."_s;
}

} // namespace hb::cli
