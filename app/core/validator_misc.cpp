// V23 (HTTP statuses), document kind detection and findings for the JSON text itself.
#include "core/validator.h"
#include "core/validator_util.h"

using namespace Qt::StringLiterals;

namespace hb::core {

QList<Finding> validateHttpStatus(int httpStatus, const QByteArray &body, SpecVersion version)
{
    QList<Finding> out;
    detail::Checker check(&out, version);
    if (httpStatus == 200)
        return out;
    if (httpStatus >= 200 && httpStatus < 300) {
        check.warning(u"V23"_s, QString(),
                      u"a service call answers 200 with a response body; got %1"_s.arg(httpStatus));
        return out;
    }
    if (httpStatus == 412)
        check.info(u"V23"_s, QString(),
                   u"412: the service could not obtain the FHIR data it needs (prefetch missing"
                   u" and no usable FHIR access)"_s);
    else if (httpStatus >= 400)
        check.info(u"V23"_s, QString(), u"HTTP %1 from the service: no cards"_s.arg(httpStatus));
    else
        check.warning(u"V23"_s, QString(),
                      u"unexpected HTTP %1 from a service call"_s.arg(httpStatus));
    if (httpStatus >= 400) {
        const JsonParseResult parsed = parseJsonObject(body);
        const bool outcome = parsed.ok()
            && parsed.object.value(u"resourceType"_s).toString() == u"OperationOutcome";
        if (!outcome)
            check.warning(u"V23"_s, QString(),
                          u"non-2xx bodies should be a FHIR OperationOutcome (3.0 ballot) to help"
                          u" troubleshooting"_s);
    }
    return out;
}

DocumentKind detectKind(const QJsonObject &document)
{
    if (document.contains(u"services"_s))
        return DocumentKind::Discovery;
    if (document.contains(u"hookInstance"_s) || document.contains(u"context"_s))
        return DocumentKind::Request;
    if (document.contains(u"cards"_s) || document.contains(u"systemActions"_s))
        return DocumentKind::Response;
    if (document.contains(u"feedback"_s))
        return DocumentKind::Feedback;
    return DocumentKind::Unknown;
}

QString documentKindName(DocumentKind kind)
{
    switch (kind) {
    case DocumentKind::Discovery:
        return u"discovery"_s;
    case DocumentKind::Request:
        return u"request"_s;
    case DocumentKind::Response:
        return u"response"_s;
    case DocumentKind::Feedback:
        return u"feedback"_s;
    case DocumentKind::Unknown:
        break;
    }
    return u"unknown"_s;
}

QList<Finding> jsonFindings(const JsonParseResult &parsed)
{
    QList<Finding> out;
    if (!parsed.ok())
        out.append({u"JSON"_s, Severity::Error, QString(), parsed.error});
    for (const QString &pointer : parsed.duplicateKeyPointers)
        out.append({u"JSON"_s, Severity::Warning, pointer,
                    u"member name appears twice in one object; names should be unique (RFC 8259)"
                    u" and parsers disagree which value wins"_s});
    return out;
}

} // namespace hb::core
