#pragma once

// The validator: discovery documents, hook requests and service responses against
// docs/rules.md, rules V1-V26 and the request rules C3-C8. Each problem is a
// Finding with the rule id, a severity, a JSON pointer and what the spec requires.
#include "core/finding.h"
#include "core/json.h"

#include <QJsonObject>
#include <QList>
#include <QString>

namespace hb::core {

struct ServiceDefinition;

/// Where the 1.0 and 2.0 rules differ (uuid/feedback, selectionBehavior "any", resourceId,
/// systemActions, https), the chosen version decides.
enum class SpecVersion { V1_0, V2_0 };

enum class DocumentKind { Discovery, Request, Response, Feedback, Unknown };

/// V24 (services, fields, duplicate (id, hook)), V25 (prefetch templates), V26 (hook names),
/// V2 (no null/empty), V22 (extensions).
QList<Finding> validateDiscovery(const QJsonObject &document,
                                 SpecVersion version = SpecVersion::V2_0);

/// Request rules: hook (V26), hookInstance (C3), fhirServer/fhirAuthorization (C4, C5),
/// context per hook (C6), prefetch values (C7/C8; keys checked against `service` when given).
QList<Finding> validateRequest(const QJsonObject &request, SpecVersion version = SpecVersion::V2_0,
                               const ServiceDefinition *service = nullptr);

/// V1-V22 on a response body. `hook` (may be empty) is the hook the response answers.
/// V4 counts Unicode code points (not UTF-16 units): over 140 is an error, exactly 140 a warning.
QList<Finding> validateResponse(const QJsonObject &response, const QString &hook = {},
                                SpecVersion version = SpecVersion::V2_0);

/// C21: a feedback body {"feedback": [...]} (card, outcome, acceptedSuggestions,
/// overrideReason never empty, outcomeTimestamp in UTC with "Z").
QList<Finding> validateFeedback(const QJsonObject &body, SpecVersion version = SpecVersion::V2_0);

/// V23: a non-200 status from a service call. `body` may be empty or not JSON.
QList<Finding> validateHttpStatus(int httpStatus, const QByteArray &body,
                                  SpecVersion version = SpecVersion::V2_0);

/// V25 for one template. `pointer` locates it, `hook` tells which context fields are tokens.
QList<Finding> validatePrefetchTemplate(const QString &templateText, const QString &hook,
                                        const QString &pointer,
                                        SpecVersion version = SpecVersion::V2_0);

/// Guesses the kind: `services` -> discovery, `hookInstance`/`context` -> request,
/// `cards`/`systemActions` -> response, `feedback` -> feedback.
DocumentKind detectKind(const QJsonObject &document);
QString documentKindName(DocumentKind kind);

/// Findings for the JSON text itself: a parse error (error, rule "JSON") or duplicate member
/// names (warning: parsers disagree about which one wins).
QList<Finding> jsonFindings(const JsonParseResult &parsed);

} // namespace hb::core
