#pragma once

// Fixture CDS services that read their input the way the public sample services
// cds-hooks/sandbox-cds-services do (cms-price-check, pama-imaging), written from reading their
// source: what they look up in the request and what they answer. Not their code.
#include "servers/httpserver.h"

#include <QJsonObject>

namespace fixtures {

/// cms-price-check and pama-imaging on one loopback server (discovery at /cds-services).
class SampleServices
{
public:
    SampleServices();
    bool listen() { return m_server.listen(); }
    [[nodiscard]] QUrl discovery() const;

    /// cms-price-check: for each selected MedicationRequest of the context patient with an
    /// RxNorm coding, a cost card; a brand with a cheaper generic gets "Save $X with a generic
    /// medication." and a "Change to generic" create suggestion.
    static QJsonObject cmsPriceCheck(const QJsonObject &request);
    /// pama-imaging: rates each selected order (CPT code + SNOMED reasonCode) and answers the
    /// rating as an update in `extension.systemActions`; congenital heart disease gets the "ACC
    /// recommends cardiac MRI" card. A selected order without code or reasonCode (a medication,
    /// a lab, an imaging order without reasons) makes the real service throw: `status` 500.
    static QJsonObject pamaImaging(const QJsonObject &request, int *status);

private:
    hb::servers::HttpServer m_server;
};

} // namespace fixtures
