#pragma once

// A minimal valid hook request for transport-level tests, which care about the bytes on the wire
// and how often they arrive, not about the context.
#include "core/hookrequest.h"

inline hb::core::HookRequest sampleHook(const QString &hook = QStringLiteral("patient-view"))
{
    hb::core::HookRequest request;
    request.hook = hook;
    request.hookInstance = hb::core::HookRequest::newHookInstance();
    request.context = {{QStringLiteral("userId"), QStringLiteral("Practitioner/1")},
                       {QStringLiteral("patientId"), QStringLiteral("1")}};
    return request;
}
