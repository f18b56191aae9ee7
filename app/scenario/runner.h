#pragma once

// Runs scenarios against a Workbench: each step prepared like `fire` (callsetup.h), invoked
// through session::HookInvoker (so the strict-request gate applies), repeated for a latency
// budget, checked against its expectations, then feedback sent and applied to the EHR state.
#include "scenario/report.h"
#include "scenario/scenario.h"

namespace hb::scenario {

/// The result of one call, as assertions see it.
struct CallOutcome
{
    session::InvocationResult result;
    QList<double> latenciesMs; ///< one per repetition that got an answer
};

/// Checks `outcome` against a step's expectations (the step decides the defaults).
[[nodiscard]] QList<Assertion> evaluate(const Step &step, const CallOutcome &outcome);

/// The q-quantile (0..1) of `values` by nearest rank; -1 when empty.
[[nodiscard]] double quantile(QList<double> values, double q);

class ScenarioRunner
{
public:
    explicit ScenarioRunner(session::Workbench *bench);
    [[nodiscard]] ScenarioReport run(const Scenario &scenario);

private:
    StepReport runStep(const Step &step, session::EhrState &state);
    void giveFeedback(const Step &step, const PreparedCall &call,
                      const session::InvocationResult &result, session::EhrState &state,
                      StepReport &report);

    session::Workbench *m_bench;
    DiscoveryCache m_discoveries;
};

} // namespace hb::scenario
