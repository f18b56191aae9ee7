#pragma once

// Exports of the exchange log: HAR 1.2 (validated by the npm har-validator in the tests),
// copy-as-curl, and the JSON shapes the CLI prints. Tokens are redacted unless asked for.
#include "net/exchangelog.h"
#include "security/keystore.h"

#include <QJsonObject>

namespace hb::net {

struct ExportOptions
{
    bool includeTokens = false; ///< keep Authorization values, JWTs and access tokens as sent
};

/// {"log": {"version": "1.2", "creator", "entries": [...]}} with Hookbench's extras under "_" keys
/// (_kind, _cors, _jwt, _findings, _error, _truncated).
QJsonObject toHar(const QList<Exchange> &exchanges, const ExportOptions &options = {});
/// Writes toHar() as indented JSON; false with `error` set when the file cannot be written.
bool writeHar(const QString &fileName, const QList<Exchange> &exchanges,
              const ExportOptions &options, QString *error);

/// A POSIX-shell curl command that repeats the request (single-quoted, one -H per header line).
QString toCurl(const Exchange &exchange, const ExportOptions &options = {});
/// curl "with live tokens": the request as sent, tokens included, and a freshly signed client
/// JWT for the exchange's URL in place of the recorded one (a service rejects a replayed jti).
/// Same issuer and jku as the recorded token. Without a recorded JWT the tokens are kept as sent.
QString toLiveCurl(const Exchange &exchange, const security::KeyStore &keys);

/// verdict, stage, chromium, firefox, hint, warnings, ... as printed by `hookbench-cli cors`.
QJsonObject corsToJson(const CorsEvaluation &evaluation);
/// One exchange as JSON (request, response, timings, jwt, cors, findings, error).
QJsonObject exchangeToJson(const Exchange &exchange, const ExportOptions &options = {});

/// Header lines with credentials replaced ("Authorization: Bearer [redacted]").
HeaderLines redactHeaders(const HeaderLines &headers);
/// JSON or form bodies with access_token, refresh_token, id_token, client_assertion... redacted.
QByteArray redactBody(const QByteArray &body);

} // namespace hb::net
