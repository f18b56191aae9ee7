#pragma once

// What the tests' own CDS service providers share (bridge/recordingservices.h,
// ehr/sampleservices.cpp): any origin may call them, as a browser-based EHR does, so a preflight
// is allowed and every JSON answer carries the CORS headers the page needs to read it.
#include "servers/httpmessage.h"
#include "servers/serverhost.h"

#include <QJsonObject>

#include <functional>

namespace fixtures {

/// Answers the request it was made for: `status` with `body` as JSON, CORS-allowed.
using JsonReply = std::function<void(int status, const QJsonObject &body)>;

/// A handler that answers OPTIONS with an allowing preflight and hands every other request to
/// `handle` with the JsonReply for it.
inline hb::servers::HttpHandler
corsJsonHandler(std::function<void(const hb::servers::HttpRequest &, const JsonReply &)> handle)
{
    return [handle = std::move(handle)](const hb::servers::HttpRequest &request,
                                        const hb::servers::Responder &respond) {
        if (request.method == "OPTIONS")
            return respond(hb::servers::corsPreflight(request, true));
        handle(request, [&](int status, const QJsonObject &body) {
            auto response = hb::servers::HttpResponse::json(status, body);
            hb::servers::addCorsHeaders(request, response, true);
            respond(response);
        });
    };
}

} // namespace fixtures
